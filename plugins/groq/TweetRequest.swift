import EdgeCore
import RetailCatalog

/// The prompt asking the model for `count` tweets of one sentiment about catalogue products
/// and stores, answered as a JSON array.
struct TweetRequest {
    let sentiment: String
    let count: Int
    let products: [CatalogEntry]
    let stores: [CatalogEntry]

    static let system = """
        You write realistic, varied tweets by shoppers of a retail chain. Answer with a JSON array only, \
        no prose: [{"text": "...", "sentiment": "positive|neutral|negative", "product_id": "...", "store_id": "..."}]. \
        Use only the product and store ids given. At most 280 characters per tweet; vary style, hashtags and handles.
        """

    var prompt: String {
        let productList = products.map { "\($0.id): \($0.name)" }.joined(separator: "; ")
        let storeList = stores.map { "\($0.id): \($0.name)" }.joined(separator: "; ")
        return """
            Write \(count) \(sentiment) tweets. Each mentions one product and usually the store.
            Products: \(productList)
            Stores: \(storeList)
            request: sentiment=\(sentiment) count=\(count)
            """
    }
}

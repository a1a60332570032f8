/// The named record kinds with a fixed schema that sinks know how to place.
public enum RecordKind {
    /// Daily totals per date, store and product.
    public static let salesDaily = Schema([
        Field("date", .date),
        Field("store_id", .string),
        Field("product_id", .string),
        Field("units", .double),
        Field("revenue", .double),
        Field("lines", .int),
    ], kind: "sales_daily")
}

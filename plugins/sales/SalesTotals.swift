/// Running totals of one day, store and product.
struct SalesTotals {
    var units: Double = 0
    var revenue: Double = 0
    var lines: Int64 = 0
}

/// One input batch's sales lines, resolved: each row's day, interned store and product, units
/// and unit price, and which rows lack a key (dead-lettered, not counted).
struct SalesRows {
    let days: [Int32]
    let stores: [Int32]
    let products: [Int32]
    let units: NumericView
    let prices: NumericView
    /// `nil` when every row has its date, store and product.
    let incomplete: [Bool]?

    /// Adds every complete row to its key's totals in `table`; keys that become dirty are
    /// appended to `dirty`.
    func add(into table: inout SalesTable, dirty: inout [Int]) {
        for row in days.indices {
            if let incomplete, incomplete[row] { continue }
            let index = table.index(of: SalesKey(day: days[row], store: stores[row], product: products[row]))
            let lineUnits = units.isNull(row) ? 0 : units[row]
            let revenue = prices.isNull(row) ? 0 : lineUnits * prices[row]
            table.totals[index].units += lineUnits
            table.totals[index].revenue += revenue
            table.totals[index].lines += 1
            if table.markDirty(index) { dirty.append(index) }
        }
    }
}

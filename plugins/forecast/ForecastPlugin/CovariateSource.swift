import EdgeCore

/// Where the `forecast` transform reads a covariate's value for a day's row.
enum CovariateSource: Sendable {
    /// `avg_price`: the day's revenue divided by its units (NaN when nothing sold, the price unseen).
    case averagePrice(revenue: Int, units: Int)
    /// A numeric (int or double) column of the input; NaN where NULL.
    case column(Int)

    /// The covariate of `row`.
    func value(in batch: RecordBatch, row: Int) -> Double {
        switch self {
        case .averagePrice(let revenue, let units):
            let sold = Self.number(batch.columns[units], row), amount = Self.number(batch.columns[revenue], row)
            return sold > 0 ? amount / sold : .nan
        case .column(let index):
            return Self.number(batch.columns[index], row)
        }
    }

    static func number(_ column: Column, _ row: Int) -> Double {
        guard !column.isNull(row) else { return .nan }
        switch column.values {
        case .double(let values): return values[row]
        case .int(let values): return Double(values[row])
        default: return .nan
        }
    }
}

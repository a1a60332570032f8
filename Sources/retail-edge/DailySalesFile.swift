import EdgeCore
import Forecasting
import Foundation

/// Daily unit sales per store and product from a CSV with a header naming at least
/// `date,store_id,product_id,units` (any order; other columns ignored; `YYYY-MM-DD` dates).
/// A day a series has no row for counts as a day without sales. Named numeric covariate columns
/// (price, a promotion flag) are read too; a row with an empty `units` carries only covariates,
/// known values for days after the history (an empty covariate is unknown).
struct DailySalesFile {
    struct Key: Hashable, Comparable {
        let store: String
        let product: String
        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.store, lhs.product) < (rhs.store, rhs.product) }
    }

    private(set) var observations: [Key: [Int: Double]] = [:]
    /// Covariate values by name, series and day.
    private(set) var covariates: [String: [Key: [Int: Double]]] = [:]

    init(path: String, covariates covariateNames: [String] = []) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputFileError("\(path): cannot read the file") }
        var lines = String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).makeIterator()
        let split = { (line: Substring) in line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) } }
        guard let header = lines.next().map(split) else { throw InputFileError("\(path):1:1: the file is empty; expected a header with date,store_id,product_id,units") }
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw InputFileError("\(path):1:1: no column '\(name)' in the header (it has: \(header.joined(separator: ", ")))")
            }
            return index
        }
        let date = try column("date"), store = try column("store_id"), product = try column("product_id"), units = try column("units")
        let covariateColumns = try covariateNames.map { (name: $0, index: try column($0)) }
        var lineNumber = 1
        for line in lines {
            lineNumber += 1
            let fields = split(line)
            guard fields.count == header.count else {
                throw InputFileError("\(path):\(lineNumber):1: \(fields.count) fields, the header has \(header.count)")
            }
            guard let day = FieldParser.parse(fields[date], FieldParser.date) else {
                throw InputFileError("\(path):\(lineNumber):\(Self.columnOffset(fields, date)): '\(fields[date])' is not a YYYY-MM-DD date")
            }
            let key = Key(store: fields[store], product: fields[product])
            for (name, index) in covariateColumns where !fields[index].isEmpty {
                guard let value = Double(fields[index]), !value.isInfinite else {
                    throw InputFileError("\(path):\(lineNumber):\(Self.columnOffset(fields, index)): covariate \(name): '\(fields[index])' is not a number")
                }
                covariates[name, default: [:]][key, default: [:]][Int(day)] = value
            }
            if fields[units].isEmpty, !covariateColumns.isEmpty { continue }
            guard let value = Double(fields[units]), value.isFinite else {
                throw InputFileError("\(path):\(lineNumber):\(Self.columnOffset(fields, units)): '\(fields[units])' is not a number")
            }
            observations[key, default: [:]][Int(day), default: 0] += value
        }
    }

    /// The 1-based character column where field `index` starts.
    static func columnOffset(_ fields: [String], _ index: Int) -> Int {
        fields.prefix(index).reduce(1) { $0 + $1.count + 1 }
    }

    /// One engine input per series, sorted by key, dense from its first day to the last day of
    /// the file (a day without a row is a day without sales), so every forecast starts the day
    /// after the file ends.
    func seriesInputs() -> [(key: Key, input: SeriesInput)] {
        let last = observations.values.compactMap { $0.keys.max() }.max() ?? 0
        return observations.keys.sorted().map { key in
            let days = observations[key]!
            let first = days.keys.min()!
            var values = [Double](repeating: 0, count: last - first + 1)
            for (day, value) in days { values[day - first] = value }
            let named = covariates.compactMapValues { bySeries -> [Double]? in
                guard let known = bySeries[key], let lastKnown = known.keys.max(), lastKnown >= first else { return nil }
                var column = [Double](repeating: .nan, count: lastKnown - first + 1)
                for (day, value) in known where day >= first { column[day - first] = value }
                return column
            }
            return (key, SeriesInput(id: "\(key.store)/\(key.product)", start: first, values: values, covariates: named))
        }
    }
}

import EdgeCore
import Forecasting
import Foundation

/// Daily unit sales per store and product from a CSV with a header naming at least
/// `date,store_id,product_id,units` (any order; other columns ignored; `YYYY-MM-DD` dates), read
/// with the `csv` source's RFC 4180 tokenizer (quoted fields with commas, `""` and line breaks
/// inside, CRLF); spaces around an unquoted value are ignored.
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
        try data.withUnsafeBytes { raw in try read(raw.bindMemory(to: UInt8.self), path: path, covariateNames: covariateNames) }
    }

    /// Reads the file's records without a String per record or field (only the keys become Strings).
    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, path: String, covariateNames: [String]) throws {
        let tokenizer = CSVTokenizer(delimiter: UInt8(ascii: ","))
        var fields: [CSVTokenizer.FieldRange] = []
        var scratch: [UInt8] = []
        var recordStart = 0, lineNumber = 1
        var header: [String] = []
        var date = 0, store = 0, product = 0, units = 0
        var covariateColumns: [(name: String, index: Int)] = []
        /// A field's bytes without the spaces around an unquoted value.
        func value(_ field: Int) -> UnsafeBufferPointer<UInt8> {
            var range = fields[field].start..<fields[field].end
            if !fields[field].escaped, range.lowerBound == 0 || bytes[range.lowerBound - 1] != tokenizer.quote {
                while !range.isEmpty, bytes[range.lowerBound] == UInt8(ascii: " ") { range = (range.lowerBound + 1)..<range.upperBound }
                while !range.isEmpty, bytes[range.upperBound - 1] == UInt8(ascii: " ") { range = range.lowerBound..<(range.upperBound - 1) }
            }
            return UnsafeBufferPointer(rebasing: bytes[range])
        }
        func text(_ field: Int) -> String {
            guard fields[field].escaped else { return String(decoding: value(field), as: UTF8.self) }
            tokenizer.unescape(bytes, fields[field], into: &scratch)
            return String(decoding: scratch, as: UTF8.self)
        }
        func location(_ field: Int) -> String { "\(path):\(lineNumber):\(fields[field].start - recordStart + 1)" }
        while recordStart < bytes.count {
            let outcome = tokenizer.next(in: bytes, at: recordStart, final: true, fields: &fields)
            let next: Int, newlines: Int
            switch outcome {
            case .record(let end, let lines): (next, newlines) = (end, lines)
            case .malformed(_, _, let reason): throw InputFileError("\(path):\(lineNumber):1: \(reason)")
            case .incomplete: throw InputFileError("\(path):\(lineNumber):1: the file ends inside a record")
            }
            defer { (recordStart, lineNumber) = (next, lineNumber + max(newlines, 1)) }
            if fields.count == 1, fields[0].start == fields[0].end, bytes[recordStart] != tokenizer.quote { continue }
            if header.isEmpty {
                header = fields.indices.map(text)
                func column(_ name: String) throws -> Int {
                    guard let index = header.firstIndex(of: name) else {
                        throw InputFileError("\(path):\(lineNumber):1: no column '\(name)' in the header (it has: \(header.joined(separator: ", ")))")
                    }
                    return index
                }
                (date, store, product, units) = (try column("date"), try column("store_id"), try column("product_id"), try column("units"))
                covariateColumns = try covariateNames.map { (name: $0, index: try column($0)) }
                continue
            }
            guard fields.count == header.count else {
                throw InputFileError("\(path):\(lineNumber):1: \(fields.count) fields, the header has \(header.count)")
            }
            guard let day = FieldParser.date(value(date)) else {
                throw InputFileError("\(location(date)): '\(text(date))' is not a YYYY-MM-DD date")
            }
            let key = Key(store: text(store), product: text(product))
            for (name, index) in covariateColumns where !value(index).isEmpty {
                guard let number = FieldParser.double(value(index)) else {
                    throw InputFileError("\(location(index)): covariate \(name): '\(text(index))' is not a number")
                }
                covariates[name, default: [:]][key, default: [:]][Int(day)] = number
            }
            if value(units).isEmpty, !covariateColumns.isEmpty { continue }
            guard let number = FieldParser.double(value(units)) else {
                throw InputFileError("\(location(units)): '\(text(units))' is not a number")
            }
            observations[key, default: [:]][Int(day), default: 0] += number
        }
        if header.isEmpty { throw InputFileError("\(path):1:1: the file is empty; expected a header with date,store_id,product_id,units") }
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

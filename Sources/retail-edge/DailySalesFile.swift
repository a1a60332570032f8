import EdgeCore
import Forecasting
import Foundation

/// Daily unit sales per store and product from a CSV with a header naming at least
/// `date,store_id,product_id,units` (any order; other columns ignored; `YYYY-MM-DD` dates; fields may be
/// quoted, though not across lines).
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

    /// Reads the file's bytes line by line, without a String per line or field (only the keys become Strings).
    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, path: String, covariateNames: [String]) throws {
        var fields: [(range: Range<Int>, escaped: Bool)] = []
        var lineStart = 0, lineNumber = 0
        var header: [String] = []
        var date = 0, store = 0, product = 0, units = 0
        var covariateColumns: [(name: String, index: Int)] = []
        func text(_ field: Int) -> String {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[field].range]), as: UTF8.self)
            return fields[field].escaped ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
        }
        func value(_ field: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[fields[field].range]) }
        func location(_ field: Int) -> String { "\(path):\(lineNumber):\(fields[field].range.lowerBound - lineStart + 1)" }
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != Self.newline { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            lineNumber += 1
            Self.split(bytes, lineStart..<lineEnd, into: &fields)
            if fields.count == 1, fields[0].range.isEmpty { continue }
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
            for (name, index) in covariateColumns where !fields[index].range.isEmpty {
                guard let number = FieldParser.double(value(index)) else {
                    throw InputFileError("\(location(index)): covariate \(name): '\(text(index))' is not a number")
                }
                covariates[name, default: [:]][key, default: [:]][Int(day)] = number
            }
            if fields[units].range.isEmpty, !covariateColumns.isEmpty { continue }
            guard let number = FieldParser.double(value(units)) else {
                throw InputFileError("\(location(units)): '\(text(units))' is not a number")
            }
            observations[key, default: [:]][Int(day), default: 0] += number
        }
        if header.isEmpty { throw InputFileError("\(path):1:1: the file is empty; expected a header with date,store_id,product_id,units") }
    }

    private static let newline = UInt8(ascii: "\n")

    /// The comma-separated fields of `line` without surrounding spaces and carriage return; a field in double
    /// quotes (RFC 4180: commas inside, `""` for a quote) without its quotes, `escaped` when it holds `""`.
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, into fields: inout [(range: Range<Int>, escaped: Bool)]) {
        fields.removeAll(keepingCapacity: true)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        func isPadding(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\r") }
        var index = line.lowerBound
        while true {
            while index < line.upperBound, isPadding(bytes[index]) { index += 1 }
            var start = index, end = index, escaped = false
            if index < line.upperBound, bytes[index] == quote {
                start = index + 1
                index = start
                while index < line.upperBound {
                    if bytes[index] == quote {
                        guard index + 1 < line.upperBound, bytes[index + 1] == quote else { break }
                        escaped = true
                        index += 1
                    }
                    index += 1
                }
                end = index
                while index < line.upperBound, bytes[index] != comma { index += 1 }
            } else {
                while index < line.upperBound, bytes[index] != comma { index += 1 }
                end = index
                while end > start, isPadding(bytes[end - 1]) { end -= 1 }
            }
            fields.append((start..<end, escaped))
            guard index < line.upperBound else { return }
            index += 1
        }
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

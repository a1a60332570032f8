import Foundation
import Testing

/// `forecast predict --input`: a daily CSV as spreadsheets and databases write it (CRLF, quoted fields,
/// padded values, blank lines, columns in any order, extra columns) reads as the plain file does, and a
/// bad value is reported with its file, line and column (exit 65, nothing written).
@Suite("forecast input files")
struct ForecastInputTests {
    static func plainRows() -> [String] {
        var rows = ["date,store_id,product_id,units"]
        for day in 0..<60 {
            let date = ISO8601DateFormatter.string(from: Date(timeIntervalSince1970: 1_704_067_200 + Double(day) * 86_400),
                                                   timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            for product in 1...2 where (day + product) % 5 != 0 { rows.append("\(date),S1,P\(product),\((day * product) % 7 + product)") }
        }
        return rows
    }

    func forecast(_ directory: String, _ name: String) throws -> (status: Int32, stderr: String, output: String?) {
        let output = directory + "/\(name).forecast.csv"
        let result = try Agent.run(["forecast", "predict", "--input", directory + "/\(name).csv", "--model", "ets", "--horizon", "7", "--output", output])
        return (result.status, result.stderr, try? String(contentsOfFile: output, encoding: .utf8))
    }

    @Test func aMessyFileReadsAsThePlainOne() throws {
        let directory = Agent.temporaryDirectory()
        let rows = Self.plainRows()
        try rows.joined(separator: "\n").write(toFile: directory + "/plain.csv", atomically: true, encoding: .utf8)
        // The same data: columns reordered, an extra column, quotes (with commas, quotes and line breaks
        // inside), spaces, CRLF line ends, blank lines.
        let messy = ["\"units\", \"note\",product_id,store_id,date"] + rows.dropFirst().enumerated().map { index, row in
            let field = row.split(separator: ",").map(String.init)
            let note = index % 5 == 0 ? "\"a \"\"quoted\"\"\r\nnote, over two lines\"" : "\"a, b\""
            return "\"\(field[3])\",\(note), \(field[2]) ,\"\(field[1])\",\(field[0])" + (index % 17 == 0 ? "\r\n" : "")
        }
        try messy.joined(separator: "\r\n").appending("\r\n").write(toFile: directory + "/messy.csv", atomically: true, encoding: .utf8)
        let plain = try forecast(directory, "plain"), read = try forecast(directory, "messy")
        #expect(plain.status == 0 && read.status == 0, "\(plain.stderr) \(read.stderr)")
        #expect(plain.output?.split(separator: "\n").count == 1 + 2 * 7)
        #expect(read.output == plain.output)
    }

    @Test func aBadValueIsReportedWhereItIs() throws {
        let directory = Agent.temporaryDirectory()
        var rows = Self.plainRows()
        let cases: [(name: String, line: Int, replace: (String) -> String, message: String)] = [
            ("date", 4, { $0.replacingOccurrences(of: "2024-01-0", with: "2024-13-0") }, ":4:1: '2024-13-0"),
            ("units", 9, { $0 + "x" }, ":9:18: '"),
            ("fields", 12, { $0 + ",7" }, ":12:1: 5 fields, the header has 4"),
            ("quote", 15, { $0.replacingOccurrences(of: ",S1,", with: ",\"S1\"x,") }, ":15:1: unexpected text after a closing quote"),
        ]
        for (name, line, replace, message) in cases {
            rows = Self.plainRows()
            rows[line - 1] = replace(rows[line - 1])
            try rows.joined(separator: "\n").write(toFile: directory + "/\(name).csv", atomically: true, encoding: .utf8)
            let result = try forecast(directory, name)
            #expect(result.status == 65, "\(name): \(result.stderr)")
            #expect(result.stderr.contains(directory + "/\(name).csv" + message), "\(name): \(result.stderr)")
            #expect(result.output == nil, "\(name)")
        }
        try "date,store,product_id,units\n2024-01-01,S1,P1,3\n".write(toFile: directory + "/header.csv", atomically: true, encoding: .utf8)
        let header = try forecast(directory, "header")
        #expect(header.status == 65 && header.stderr.contains("header.csv:1:1: no column 'store_id'"), "\(header.stderr)")
    }
}

import EdgeCore
import Foundation

/// A JSON-lines file (one object per line) read whole, for the command-line tools; a line that
/// is not a JSON object, or lacks a field, is an error naming `file:line`.
enum JSONLinesFile {
    /// The text fields `fields` of every object, in order (a number is taken as its text); `-`
    /// reads standard input. Parsed on every core with the runtime's JSON parser.
    static func strings(_ path: String, _ fields: [String]) throws -> [[String]] {
        let contents = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data = contents else { throw InputFileError("\(path): cannot read the file") }
        let bytes = [UInt8](data)
        var lines: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            lines.append(start..<end)
            start = end + 1
        }
        let lineRanges = lines
        let parsed = ConcurrentChunks.map(count: lineRanges.count) { range in
            range.map { line in parse(Array(bytes[lineRanges[line]]), fields, at: "\(path):\(line + 1)") }
        }
        var rows: [[String]] = []
        rows.reserveCapacity(lines.count)
        for result in parsed.joined() {
            switch result {
            case .success(let row)?: rows.append(row)
            case .failure(let error)?: throw error
            case nil: continue
            }
        }
        return rows
    }

    /// One line's fields; `nil` for a blank line.
    private static func parse(_ line: [UInt8], _ fields: [String], at place: String) -> Result<[String], InputFileError>? {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { return nil }
        var parser = JSONParser(bytes: line)
        guard case .object(let entries)? = try? parser.value(depth: 0) else {
            return .failure(InputFileError("\(place):1: not a JSON object"))
        }
        var row: [String] = []
        row.reserveCapacity(fields.count)
        for field in fields {
            switch entries.last(where: { $0.key == field })?.value {
            case .string(let text)?: row.append(text)
            case .integer(let number)?: row.append(String(number))
            case .number(let number)?: row.append(String(number))
            default: return .failure(InputFileError("\(place): the object has no string '\(field)'"))
            }
        }
        return .success(row)
    }
}

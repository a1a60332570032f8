import Foundation

/// A JSON-lines file (one object per line) read whole, for the command-line tools; a line that
/// is not a JSON object is an error naming `file:line`.
enum JSONLinesFile {
    static func read(_ path: String) throws -> [[String: Any]] {
        let contents = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
        guard let data = contents else { throw InputFileError("\(path): cannot read the file") }
        var objects: [[String: Any]] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                throw InputFileError("\(path):\(index + 1):1: not a JSON object")
            }
            objects.append(object)
        }
        return objects
    }

    /// Text fields `fields` of every object, or an error naming the first line that lacks one.
    static func strings(_ objects: [[String: Any]], _ fields: [String], path: String) throws -> [[String]] {
        try objects.enumerated().map { index, object in
            try fields.map { field in
                if let text = object[field] as? String { return text }
                if let number = object[field] as? NSNumber { return number.stringValue }
                throw InputFileError("\(path): object \(index + 1) has no string '\(field)'")
            }
        }
    }

    static func write(_ objects: [[String: Any]], to path: String) throws {
        var data = Data()
        for object in objects {
            data.append(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            data.append(0x0A)
        }
        try OutputFile.write(data, to: path)
    }
}

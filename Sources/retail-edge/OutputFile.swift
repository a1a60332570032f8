import Foundation

/// Where a command writes its result: standard output for `-`, a regular file replaced
/// atomically (a reader never sees half of it), or a device or pipe written in place — an atomic
/// replace of `/dev/null` would swap the device for a regular file.
enum OutputFile {
    static func write(_ data: Data, to path: String) throws {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let type = exists ? (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) : nil
        if exists, type != .typeRegular, !isDirectory.boolValue {
            guard let handle = FileHandle(forWritingAtPath: path) else { throw InputFileError("\(path): cannot open for writing") }
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            return
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

@testable import EdgeCore

/// The checkpoint file's decoder: the input as a file, and with its checksum made right so that
/// the sections behind it are reached; what decodes must encode back to the same checkpoint.
enum CheckpointFuzz {
    static let target = FuzzTarget(name: "checkpoint") { input in
        _ = try? CheckpointStore.decode(input, path: "fuzz")
        var file = Array("REDGECK1".utf8) + input
        file.append(contentsOf: withUnsafeBytes(of: CRC32.checksum(file).littleEndian, Array.init))
        guard let checkpoint = try? CheckpointStore.decode(file, path: "fuzz") else { return }
        let again = try? CheckpointStore.decode(CheckpointStore.encode(checkpoint), path: "fuzz")
        precondition(again == checkpoint, "a decoded checkpoint does not survive encode and decode")
    }
}

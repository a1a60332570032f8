import Foundation

/// Where the files shipped with the nlp plugin (`plugins/nlp/models`: the sentiment model, the
/// word lists) are found: `$RETAIL_EDGE_MODEL_DIR`, then `share/retail-edge/models` beside the
/// binary's prefix (`make install`, the .deb), then the source tree the binary was built in.
public enum ShippedModelFiles {
    /// The directories searched, in order.
    public static var searchPath: [String] {
        var directories: [String] = []
        if let directory = ProcessInfo.processInfo.environment["RETAIL_EDGE_MODEL_DIR"] { directories.append(directory) }
        let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        let binDirectory = executable.deletingLastPathComponent()
        directories.append(binDirectory.deletingLastPathComponent().appendingPathComponent("share/retail-edge/models").path)
        // A development build: .build/<configuration>/retail-edge in the source tree.
        directories.append(binDirectory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("plugins/nlp/models").path)
        directories.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models").path)
        directories += ["/usr/local/share/retail-edge/models", "/usr/share/retail-edge/models"]
        return directories
    }

    /// The path of a shipped file, or `nil` when it is nowhere on the search path.
    public static func path(of fileName: String) -> String? {
        searchPath.map { $0 + "/" + fileName }.first { FileManager.default.isReadableFile(atPath: $0) }
    }
}

import EdgeCore
import Foundation

/// Finds exec plugins: every directory holding a `plugin.yaml`, given directly or one level
/// below a searched directory.
public struct ExecPluginDiscovery: PluginDiscovery {
    public var systemDirectories: [String]

    /// The directories searched after a configuration's `plugins_path`.
    public static let defaultSystemDirectories = ["/usr/lib/retail-edge/plugins", "/etc/retail-edge/plugins"]

    public init(systemDirectories: [String] = Self.defaultSystemDirectories) {
        self.systemDirectories = systemDirectories
    }

    public func discover(in directories: [String]) -> (registrations: [PluginRegistration], problems: [String]) {
        var registrations: [PluginRegistration] = []
        var problems: [String] = []
        var seen = Set<String>()
        let files = FileManager.default
        for directory in directories {
            let root = URL(fileURLWithPath: directory).standardizedFileURL.path
            let candidates: [String] = files.fileExists(atPath: root + "/plugin.yaml")
                ? [root]
                : ((try? files.contentsOfDirectory(atPath: root)) ?? []).sorted().map { root + "/" + $0 }
                    .filter { files.fileExists(atPath: $0 + "/plugin.yaml") }
            for candidate in candidates {
                do {
                    let manifest = try PluginManifest(directory: candidate)
                    guard seen.insert("\(manifest.kind) \(manifest.name)").inserted else {
                        problems.append("\(candidate)/plugin.yaml: \(manifest.kind) '\(manifest.name)' is ignored: an earlier plugin directory has it")
                        continue
                    }
                    registrations.append(ExecPlugin.registration(manifest))
                } catch {
                    problems.append(contentsOf: error.diagnostics.map { "invalid plugin manifest: \($0.location): \($0.message)" })
                }
            }
        }
        return (registrations, problems)
    }
}

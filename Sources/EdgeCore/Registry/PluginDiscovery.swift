/// Finds stage types that live outside the agent (plugin directories with a manifest) when a
/// configuration is loaded, so that they are checked and built like built-in ones.
public protocol PluginDiscovery: Sendable {
    /// Directories searched after the configuration's `plugins_path`.
    var systemDirectories: [String] { get }
    /// The plugins found in `directories`, earlier directories first, and one message per
    /// plugin that could not be read (it is then left out).
    func discover(in directories: [String]) -> (registrations: [PluginRegistration], problems: [String])
}

import CSVPlugin
import EdgeCore
import SQLitePlugin
import SalesPlugin

/// The registry with every built-in plugin.
enum Builtins {
    static let registry: PluginRegistry = {
        var registry = PluginRegistry()
        registry.register(CSVPlugin.registration)
        registry.register(SalesPlugin.registration)
        registry.register(SQLitePlugin.registration)
        return registry
    }()
}

import CSVPlugin
import EdgeCore
import ExecPlugin
import FilePlugin
import ForecastPlugin
import GroqPlugin
import KafkaPlugin
import MLflowPlugin
import MySQLPlugin
import NLPPlugin
import PostgresPlugin
import SQLitePlugin
import SalesPlugin

/// Every plugin built into retail-edge, registered once for the agent and the fuzz targets, and
/// how exec plugins are found.
public enum BuiltinPlugins {
    public static let registry: PluginRegistry = {
        var registry = PluginRegistry()
        registry.register(CSVPlugin.registration)
        registry.register(JSONLinesPlugin.registration)
        registry.register(SalesPlugin.registration)
        registry.register(SQLitePlugin.registration)
        registry.register(PostgresPlugin.registration)
        registry.register(MySQLPlugin.registration)
        for registration in KafkaPlugin.registrations { registry.register(registration) }
        for registration in ForecastPlugin.registrations { registry.register(registration) }
        registry.register(MLflowPlugin.registration)
        for registration in NLPPlugin.registrations { registry.register(registration) }
        registry.register(GroqPlugin.registration)
        registry.register(FilePlugin.registration)
        return registry
    }()

    /// Finds exec plugins in `plugins_path` and the system plugin directories.
    public static let discovery = ExecPluginDiscovery()
}

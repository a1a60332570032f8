/// One open connection of a database plugin, as ``WarehouseSink`` drives it: statements,
/// single values, and the writes of a plan inside the transaction the sink opened. Not
/// thread-safe: it lives on the sink's dedicated thread, in front of the plugin's C library.
public protocol WarehouseConnection: SQLExecuting, AnyObject {
    associatedtype Dialect: SQLDialect

    /// Runs `migrate` (schema migrations and the free-column tables) so that two agents never
    /// migrate one database at once. Default: runs it as it is (an embedded database).
    func whileHoldingMigrationLock<T>(dialect: Dialect, _ migrate: () throws -> T) throws -> T

    /// Writes `writes` in the transaction that is open, in order.
    func load(_ writes: [WarehouseWrite], dialect: Dialect) throws

    /// What the sink's "opened" log line adds about this connection. Default: nothing.
    var openedMetadata: [String: String] { get }

    /// What the sink logs as warnings once it has opened this connection (e.g. a slower path
    /// the server's settings force). Default: nothing.
    var openingWarnings: [String] { get }
}

extension WarehouseConnection {
    public func whileHoldingMigrationLock<T>(dialect: Dialect, _ migrate: () throws -> T) throws -> T { try migrate() }
    public var openedMetadata: [String: String] { [:] }
    public var openingWarnings: [String] { [] }
}

/// What a database plugin gives ``WarehouseSink``: how its SQL is spelled and how to open a
/// connection with its session settings (time zone, strict modes, pragmas).
public protocol WarehouseDatabase: Sendable {
    associatedtype Connection: WarehouseConnection

    var dialect: Connection.Dialect { get }

    /// A new connection, ready for statements.
    func connect() throws -> Connection
}

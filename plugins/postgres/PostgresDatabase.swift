import RetailWarehouse

/// A PostgreSQL server as ``WarehouseSink`` uses it: sessions in UTC, warnings only.
struct PostgresDatabase: WarehouseDatabase {
    let url: String
    let dialect: PostgresDialect

    func connect() throws -> PostgresConnection {
        let connection = try PostgresConnection(url: url)
        try connection.execute("SET TIME ZONE 'UTC'")
        try connection.execute("SET client_min_messages TO WARNING")
        return connection
    }
}

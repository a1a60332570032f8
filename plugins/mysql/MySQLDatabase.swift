import RetailWarehouse

/// A MySQL 8 or MariaDB server as ``WarehouseSink`` uses it: sessions in UTC and in strict
/// mode, statements sized to the server's `max_allowed_packet`.
struct MySQLDatabase: WarehouseDatabase {
    let url: MySQLURL
    let dialect = MySQLDialect()

    func connect() throws -> MySQLConnection {
        let connection = try MySQLConnection(url: url)
        try connection.execute("SET time_zone = '+00:00'")
        // Strict mode everywhere: an out-of-range value is an error (dead-lettered), never
        // silently clipped.
        try connection.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'")
        if let packet = try connection.scalar("SELECT @@max_allowed_packet").flatMap({ Int($0) }) {
            connection.statementLimit = max(64 << 10, min(packet / 2, 8 << 20))
        }
        connection.loadsLocalData = try connection.scalar("SELECT @@local_infile") == "1"
        return connection
    }
}

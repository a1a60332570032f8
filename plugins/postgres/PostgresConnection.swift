import CLibPQ
import EdgeCore
import Foundation
import RetailWarehouse

/// A libpq connection. Not thread-safe: used only from the warehouse sink, whose actor runs on
/// a dedicated thread, so libpq's blocking calls never hold up the cooperative pool.
final class PostgresConnection: SQLExecuting {
    private let connection: OpaquePointer
    /// The names of the statements prepared on this connection (``executePrepared(_:sql:)``).
    private var preparedStatements: Set<String> = []
    /// Per table, how its rows are copied (looked up at its first write).
    var copyFormats: [String: PostgresCopyFormat] = [:]

    /// Connects to `url` (`postgres://user:pass@host:port/db?sslmode=…`).
    init(url: String) throws {
        guard let connection = PQconnectdb(url) else { throw PostgresError(sqlState: nil, message: "out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            throw PostgresError(sqlState: Self.sqlState(fromConnectionMessage: message), message: message)
        }
        self.connection = connection
    }

    deinit { PQfinish(connection) }

    /// Password failures come back from PQconnectdb without a result, only as text.
    private static func sqlState(fromConnectionMessage message: String) -> String? {
        message.contains("password authentication failed") ? "28P01" : nil
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String) throws {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
    }

    func scalar(_ sql: String) throws -> String? {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_TUPLES_OK])
        guard PQntuples(result) > 0, PQgetisnull(result, 0, 0) == 0 else { return nil }
        return String(cString: PQgetvalue(result, 0, 0))
    }

    /// `COPY … FROM STDIN`, its data handed to `send` by `encode` in chunks: libpq passes each
    /// on as it comes, so the server parses while the rest is encoded. When `encode` throws, the
    /// COPY is cancelled and its error rethrown.
    func copy(_ sql: String, encode: (_ send: ([UInt8]) throws -> Void) throws -> Void) throws {
        let start = PQexec(connection, sql)
        let status = PQresultStatus(start)
        if status != PGRES_COPY_IN {
            defer { PQclear(start) }
            try check(start, expecting: [PGRES_COPY_IN])
        }
        PQclear(start)
        var failure: (any Error)?
        do {
            try encode { chunk in
                let sent = chunk.withUnsafeBufferPointer { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { PQputCopyData(connection, $0.baseAddress, Int32($0.count)) }
                }
                guard sent == 1 else { throw lastError() }
            }
            guard PQputCopyEnd(connection, nil) == 1 else { throw lastError() }
        } catch {
            failure = error
            _ = PQputCopyEnd(connection, "cancelled by the client: \(error)")
        }
        // Read every result before reporting the first failure, so the connection is idle
        // again (ready for the ROLLBACK) when the error reaches the caller.
        while let result = PQgetResult(connection) {
            defer { PQclear(result) }
            if failure == nil {
                do { try check(result, expecting: [PGRES_COMMAND_OK]) } catch { failure = error }
            }
        }
        if let failure { throw failure }
    }

    /// Every row of a query, as text (`nil` for NULL).
    func rows(_ sql: String) throws -> [[String?]] {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_TUPLES_OK])
        return (0..<PQntuples(result)).map { row in
            (0..<PQnfields(result)).map { field in
                PQgetisnull(result, row, field) == 0 ? String(cString: PQgetvalue(result, row, field)) : nil
            }
        }
    }

    /// Runs the statement prepared under `name`, preparing it from `sql` on first use: parsed
    /// and planned once per connection. `parameters` are text, NUL-free (`nil`: NULL).
    func executePrepared(_ name: String, sql: String, parameters: [[UInt8]?] = []) throws {
        if !preparedStatements.contains(name) {
            let prepared = PQprepare(connection, name, sql, 0, nil)
            defer { PQclear(prepared) }
            try check(prepared, expecting: [PGRES_COMMAND_OK])
            preparedStatements.insert(name)
        }
        let values: [UnsafeMutablePointer<CChar>?] = parameters.map { bytes in
            bytes.map { bytes in (bytes + [0]).withUnsafeBufferPointer { strdup(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) } }
        }
        defer { values.forEach { free($0) } }
        let result = values.withUnsafeBufferPointer { pointers in
            pointers.withMemoryRebound(to: UnsafePointer<CChar>?.self) {
                PQexecPrepared(connection, name, Int32(parameters.count), $0.baseAddress, nil, nil, 0)
            }
        }
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_COMMAND_OK])
    }

    private func check(_ result: OpaquePointer?, expecting statuses: [ExecStatusType]) throws {
        guard let result else { throw lastError() }
        let status = PQresultStatus(result)
        guard !statuses.contains(status) else { return }
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        let message = String(cString: PQresultErrorMessage(result))
        throw PostgresError(sqlState: state, message: message.isEmpty ? "unexpected result \(status)" : message)
    }

    private func lastError() -> PostgresError {
        PostgresError(sqlState: PQstatus(connection) == CONNECTION_OK ? nil : "08006", message: String(cString: PQerrorMessage(connection)))
    }
}

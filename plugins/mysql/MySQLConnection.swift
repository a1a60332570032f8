import CMariaDB
import EdgeCore
import RetailWarehouse

/// A MariaDB Connector/C connection (speaks MariaDB and MySQL 8, caching_sha2_password
/// included). Not thread-safe: used only from the warehouse sink, on its dedicated thread.
final class MySQLConnection: SQLExecuting {
    private let handle: UnsafeMutablePointer<MYSQL>
    /// Bytes per statement: half the server's max_allowed_packet, at most 8 MiB (set on connect).
    var statementLimit = 1 << 20
    /// Whether the server takes `LOAD DATA LOCAL INFILE` (its `local_infile`; set on connect).
    var loadsLocalData = false

    init(url: MySQLURL) throws {
        guard let handle = mysql_init(nil) else { throw MySQLError(code: 2008, message: "out of memory") }
        var timeout: UInt32 = 10
        mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &timeout)
        mysql_options(handle, MYSQL_SET_CHARSET_NAME, "utf8mb4")
        var yes: UInt8 = 1
        // Lets the client send batches with LOAD DATA LOCAL INFILE, only from memory (loadData).
        var localInfile: UInt32 = 1
        mysql_options(handle, MYSQL_OPT_LOCAL_INFILE, &localInfile)
        switch url.tlsMode {
        case .disabled, .preferred:
            break
        case .required:
            mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &yes)
        case .verifyCA, .verifyIdentity:
            mysql_options(handle, MYSQL_OPT_SSL_ENFORCE, &yes)
            mysql_options(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes)
        }
        if let authority = url.certificateAuthority { mysql_options(handle, MYSQL_OPT_SSL_CA, authority) }
        guard mysql_real_connect(handle, url.host, url.user, url.password, url.database, url.port, nil, 0) != nil else {
            let error = MySQLError(code: mysql_errno(handle), message: String(cString: mysql_error(handle)))
            mysql_close(handle)
            throw error
        }
        // Some Connector/C versions fall back to plain text when the server offers no TLS.
        if url.tlsMode != .disabled, url.tlsMode != .preferred, mysql_get_ssl_cipher(handle) == nil {
            mysql_close(handle)
            throw MySQLError(code: 2026, message: "TLS/SSL error: ssl-mode=\(url.tlsMode.rawValue), but the server does not support TLS")
        }
        self.handle = handle
    }

    deinit { mysql_close(handle) }

    func execute(_ sql: String) throws {
        var sql = sql
        let rc = sql.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { mysql_real_query(handle, $0.baseAddress, UInt($0.count)) }
        }
        guard rc == 0 else { throw lastError() }
        if let result = mysql_store_result(handle) { mysql_free_result(result) }
    }

    /// The first column of the first row of a query.
    func scalar(_ sql: String) throws -> String? {
        guard mysql_query(handle, sql) == 0 else { throw lastError() }
        guard let result = mysql_store_result(handle) else { return nil }
        defer { mysql_free_result(result) }
        guard let row = mysql_fetch_row(result), let value = row[0] else { return nil }
        return String(cString: value)
    }

    /// Appends `bytes` to `sql` as a quoted, escaped string literal.
    func appendLiteral(_ bytes: UnsafeBufferPointer<UInt8>, to sql: inout [UInt8]) {
        sql.append(UInt8(ascii: "'"))
        let start = sql.count
        sql.append(contentsOf: repeatElement(0, count: bytes.count * 2 + 1))
        let written = sql.withUnsafeMutableBufferPointer { out in
            bytes.withMemoryRebound(to: CChar.self) { input in
                UnsafeMutableRawPointer(out.baseAddress! + start).withMemoryRebound(to: CChar.self, capacity: bytes.count * 2 + 1) {
                    mysql_real_escape_string(handle, $0, input.baseAddress, UInt(input.count))
                }
            }
        }
        sql.removeLast(bytes.count * 2 + 1 - Int(written))
        sql.append(UInt8(ascii: "'"))
    }

    /// Runs a statement given as UTF-8 bytes.
    func execute(bytes sql: [UInt8]) throws {
        let rc = sql.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { mysql_real_query(handle, $0.baseAddress, UInt($0.count)) }
        }
        guard rc == 0 else { throw lastError() }
    }

    /// Runs `LOAD DATA LOCAL INFILE` statement `sql`, its "file" the rows of `batch`, encoded as
    /// the server reads them. A warning (the server downgrades value errors of LOCAL loads to
    /// warnings) is thrown as the error it stands for, so that no value is silently changed.
    func loadData(_ sql: String, rows batch: RecordBatch) throws {
        let stream = LoadDataStream(batch)
        try withExtendedLifetime(stream) {
            mysql_set_local_infile_handler(handle, { state, _, stream in
                state?.pointee = stream
                return 0
            }, { stream, buffer, capacity in
                guard let stream, let buffer else { return -1 }
                return Int32(Unmanaged<LoadDataStream>.fromOpaque(stream).takeUnretainedValue().read(into: buffer, capacity: Int(capacity)))
            }, { _ in }, { _, message, capacity in
                if let message, capacity > 0 { message.pointee = 0 }
                return 2000
            }, Unmanaged.passUnretained(stream).toOpaque())
            defer { mysql_set_local_infile_default(handle) }
            try execute(bytes: Array(sql.utf8))
        }
        guard mysql_warning_count(handle) > 0 else { return }
        guard mysql_query(handle, "SHOW WARNINGS LIMIT 1") == 0 else { throw lastError() }
        guard let result = mysql_store_result(handle) else { throw lastError() }
        defer { mysql_free_result(result) }
        guard let row = mysql_fetch_row(result), let code = row[1], let message = row[2] else { return }
        throw MySQLError(code: UInt32(String(cString: code)) ?? 0, message: String(cString: message))
    }

    private func lastError() -> MySQLError {
        MySQLError(code: mysql_errno(handle), message: String(cString: mysql_error(handle)))
    }
}

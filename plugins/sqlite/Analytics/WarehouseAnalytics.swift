import CSQLite
import EdgeCore

/// Reads the sink's warehouse back for the analyst page, on a read-only connection of its own
/// (SQLite refuses any write on it; WAL lets it read beside the sink) and a thread of its own:
/// parameterised queries over the star schema, each result bounded. Opens the file on the first
/// request, and again after a failed read.
actor WarehouseAnalytics {
    let path: String
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private var connection: SQLiteConnection?
    /// Prepared queries by their text (a fixed few).
    private var statements: [String: SQLiteStatement] = [:]

    init(path: String, stage: String) {
        self.path = path
        self.executor = DedicatedThreadExecutor(name: "analytics:\(stage)")
    }

    deinit { executor.shutdown() }

    /// `endpoint`'s document for `query`, or its error as `{"error": …}` with its status.
    func answer(_ endpoint: AnalyticsEndpoint, _ query: [String: String]) -> StatusResponse {
        do {
            let filter = try AnalyticsFilter(query, for: endpoint)
            return .json(try document(endpoint, filter))
        } catch let error as AnalyticsError {
            return .error(error.status, error.message)
        } catch {
            statements = [:]
            connection = nil
            let failure = Self.failure(error)
            return .error(failure.status, failure.message)
        }
    }

    /// A failed read as the page says it: a warehouse not created yet is "not ready".
    static func failure(_ error: any Error) -> AnalyticsError {
        guard let error = error as? SQLiteError else { return AnalyticsError(code: .readFailed, message: "\(error)") }
        if error.code & 0xFF == SQLITE_CANTOPEN || error.message.hasPrefix("no such table") {
            return AnalyticsError(code: .notReady, message: "the warehouse has no data yet (\(error.message))")
        }
        return AnalyticsError(code: .readFailed, message: "reading the warehouse failed: \(error.message)")
    }

    /// The rows of `sql` with `parameters` bound to `?1`, `?2`, … (each query bounds itself with `LIMIT`).
    func rows(_ sql: String, _ parameters: [Value]) throws -> [[Value]] {
        let statement = try prepared(sql)
        defer { statement.reset() }
        for (index, parameter) in parameters.enumerated() {
            let position = Int32(index + 1)
            switch parameter {
            case .null: statement.bindNull(position)
            case .int(let v): statement.bind(position, int: v)
            case .double(let v): statement.bind(position, double: v)
            default: statement.bind(position, text: Self.text(parameter))
            }
        }
        var rows: [[Value]] = []
        while try statement.step() {
            rows.append((0..<statement.columnCount).map { statement.value(column: $0) })
        }
        return rows
    }

    private static func text(_ value: Value) -> String {
        if case .string(let text) = value { return text }
        return value.description
    }

    private func prepared(_ sql: String) throws -> SQLiteStatement {
        if let statement = statements[sql] { return statement }
        if connection == nil { connection = try SQLiteConnection(path: path, readOnly: true) }
        let statement = try connection!.prepare(sql)
        statements[sql] = statement
        return statement
    }
}

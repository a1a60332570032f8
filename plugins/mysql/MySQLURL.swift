import Foundation

/// The parts of a `mysql://user:password@host:port/database` URL (`mariadb://` also accepted).
struct MySQLURL: Sendable {
    var host: String
    var port: UInt32
    var user: String
    var password: String
    var database: String

    init?(_ text: String) {
        guard let components = URLComponents(string: text), ["mysql", "mariadb"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty
        else { return nil }
        self.host = host
        self.port = UInt32(components.port ?? 3306)
        self.user = components.percentEncodedUser.flatMap { $0.removingPercentEncoding } ?? ""
        self.password = components.percentEncodedPassword.flatMap { $0.removingPercentEncoding } ?? ""
        self.database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { return nil }
    }
}

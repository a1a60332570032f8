import Foundation

/// The parts of a `mysql://user:password@host:port/database?ssl-mode=…&ssl-ca=…` URL
/// (`mariadb://` also accepted). `ssl-mode` is `disabled`, `preferred` (the default: TLS when
/// the server offers it), `required`, `verify_ca` or `verify_identity`, as in MySQL's clients.
struct MySQLURL: Sendable {
    enum TLSMode: String, Sendable {
        case disabled, preferred, required
        case verifyCA = "verify_ca"
        case verifyIdentity = "verify_identity"
    }

    var host: String
    var port: UInt32
    var user: String
    var password: String
    var database: String
    var tlsMode = TLSMode.preferred
    /// A CA certificate file for `verify_ca` / `verify_identity`.
    var certificateAuthority: String?

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
        for item in components.queryItems ?? [] {
            switch item.name.replacingOccurrences(of: "_", with: "-") {
            case "ssl-mode", "sslmode":
                guard let mode = TLSMode(rawValue: (item.value ?? "").lowercased().replacingOccurrences(of: "-", with: "_")) else { return nil }
                tlsMode = mode
            case "ssl-ca", "sslrootcert":
                certificateAuthority = item.value
            default:
                return nil
            }
        }
    }
}

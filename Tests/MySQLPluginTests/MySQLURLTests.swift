@testable import MySQLPlugin
import Testing

@Suite("mysql: connection URLs")
struct MySQLURLTests {
    @Test func readsEveryPartWithDefaults() throws {
        let url = try #require(MySQLURL("mysql://loader:p%40ss%3Aword@db.example:3307/retail?ssl-mode=VERIFY_IDENTITY&ssl-ca=/etc/ca.pem"))
        #expect(url.host == "db.example" && url.port == 3307)
        #expect(url.user == "loader" && url.password == "p@ss:word")
        #expect(url.database == "retail")
        #expect(url.tlsMode == .verifyIdentity && url.certificateAuthority == "/etc/ca.pem")
        let plain = try #require(MySQLURL("mariadb://localhost/db"))
        #expect(plain.port == 3306 && plain.user == "" && plain.password == "" && plain.tlsMode == .preferred && plain.certificateAuthority == nil)
        #expect(MySQLURL("mysql://h/db?sslmode=verify-ca&sslrootcert=ca.pem")?.tlsMode == .verifyCA)
        #expect(MySQLURL("mysql://h/db?ssl_mode=disabled")?.tlsMode == .disabled)
    }

    @Test func refusesWhatCannotBeUsed() {
        #expect(MySQLURL("postgres://h/db") == nil)
        #expect(MySQLURL("mysql://h/") == nil, "no database")
        #expect(MySQLURL("mysql:///db") == nil, "no host")
        #expect(MySQLURL("mysql://h/db?ssl-mode=sometimes") == nil)
        #expect(MySQLURL("mysql://h/db?charset=latin1") == nil, "an unknown parameter")
    }
}

import EdgeCoreTesting
import Testing
@testable import SQLitePlugin

/// `enforce_foreign_keys` decides whether SQLite checks a row's references on the sink's
/// connection; without it the declared keys are left to the writes (which insert dimension
/// members first), and a row whose parent is missing is not refused.
@Suite struct ForeignKeyEnforcementTests {
    func insertOrphan(enforced: Bool) throws -> Bool {
        let database = SQLiteDatabase(path: PipelineHarness.temporaryDirectory() + "/fk.db", synchronous: "normal", enforcesForeignKeys: enforced)
        let connection = try database.connect()
        try connection.execute("CREATE TABLE parent (id TEXT PRIMARY KEY); CREATE TABLE child (id TEXT REFERENCES parent (id))")
        do {
            try connection.execute("INSERT INTO child VALUES ('orphan')")
            return true
        } catch let error as SQLiteError {
            #expect(error.message.contains("FOREIGN KEY"))
            return false
        }
    }

    @Test func enforcedKeysRefuseAnOrphanAndDeclaredOnesDoNot() throws {
        #expect(try insertOrphan(enforced: true) == false)
        #expect(try insertOrphan(enforced: false) == true)
    }
}

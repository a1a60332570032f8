@testable import MySQLPlugin
import Testing

@Suite("mysql: which failures pass and which are about the rows")
struct MySQLErrorTests {
    @Test func clientConnectionErrorsDeadlocksAndLockWaitsAreTransient() {
        for code: UInt32 in [2002, 2006, 2013, 1205, 1213, 1040, 1053] {
            #expect(MySQLError(code: code, message: "x").isTransient, "\(code)")
        }
        // TLS that cannot be set up will not fix itself; nor will access or syntax errors.
        for code: UInt32 in [2026, 1045, 1064, 1146] {
            #expect(!MySQLError(code: code, message: "x").isTransient, "\(code)")
        }
    }

    @Test func valueErrorsRejectRows() {
        for code: UInt32 in [1048, 1264, 1366, 1406, 1452, 3819] {
            #expect(MySQLError(code: code, message: "x").isRowRejection, "\(code)")
        }
        #expect(!MySQLError(code: 1064, message: "x").isRowRejection)
        #expect(MySQLError(code: 1048, message: "Column 'units' cannot be null").description == "Column 'units' cannot be null (MySQL error 1048)")
    }
}

@testable import PostgresPlugin
import Testing

@Suite("postgres: which failures pass and which are about the rows")
struct PostgresErrorTests {
    @Test func connectionAndConcurrencyFailuresAreTransient() {
        for state in ["08006", "53300", "57P01", "58030", "40001", "40P01"] {
            #expect(PostgresError(sqlState: state, message: "x").isTransient, "\(state)")
        }
        #expect(PostgresError(sqlState: nil, message: "connection refused").isTransient)
        for state in ["28P01", "42P01", "22003", "23505"] {
            #expect(!PostgresError(sqlState: state, message: "x").isTransient, "\(state)")
        }
    }

    @Test func dataAndIntegrityErrorsRejectRows() {
        #expect(PostgresError(sqlState: "22P02", message: "x").isRowRejection)
        #expect(PostgresError(sqlState: "23503", message: "x").isRowRejection)
        #expect(!PostgresError(sqlState: "42601", message: "x").isRowRejection)
        #expect(!PostgresError(sqlState: nil, message: "x").isRowRejection)
    }

    @Test func theMessageIsTrimmedAndNamesTheState() {
        #expect(PostgresError(sqlState: "23505", message: "duplicate key\n").description == "duplicate key (SQLSTATE 23505)")
        #expect(PostgresError(sqlState: nil, message: " refused ").description == "refused")
    }
}

import ArgumentParser
import EdgeCore
import MySQLPlugin
import PostgresPlugin
import RetailWarehouse
import SQLitePlugin

/// `retail-edge schema --dialect postgres|mysql|sqlite`: the star schema's DDL, as the database
/// sinks create it in an empty database.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the star schema's DDL (tables, keys, views) for a database.",
        discussion: "The sinks create and migrate these tables themselves; use this to review them or to create them by hand."
    )

    enum Dialect: String, ExpressibleByArgument, CaseIterable {
        case postgres, mysql, sqlite
    }

    @Option(help: "postgres, mysql or sqlite.")
    var dialect: Dialect = .postgres

    @Option(help: "PostgreSQL schema (namespace) for the tables.")
    var schema: String = "public"

    func validate() throws {
        guard WarehouseTable.isValidIdentifier(schema) else { throw ValidationError("'\(schema)' is not a valid schema name") }
    }

    func run() throws {
        let statements = switch dialect {
        case .postgres: SchemaMigrator.script(dialect: PostgresDialect(schema: schema))
        case .mysql: SchemaMigrator.script(dialect: MySQLDialect())
        case .sqlite: SchemaMigrator.script(dialect: SQLiteDialect())
        }
        print("-- retail-edge star schema version \(StarSchema.current.version), \(dialect.rawValue)")
        for statement in statements { print(statement + ";\n") }
    }
}

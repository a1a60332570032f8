import EdgeCore
@testable import ExecPlugin

/// The exec protocol: each line parsed as JSON, and a `batch` message decoded into a schema of
/// every column type.
enum ExecProtocolFuzz {
    static let schema = Schema([
        Field("s", .string), Field("i", .int, nullable: true), Field("d", .double), Field("b", .bool, nullable: true),
        Field("day", .date), Field("ts", .timestamp, nullable: true),
    ])

    static let target = FuzzTarget(name: "exec") { input in
        for line in input.split(separator: UInt8(ascii: "\n")) {
            var parser = JSONParser(bytes: Array(line))
            guard let message = try? parser.value(depth: 0) else { continue }
            _ = message.jsonText
            if let (batch, rejected) = try? ProtocolBatch.decode(message, schema: schema) {
                precondition(batch.columns.allSatisfy { $0.count == batch.count }, "columns of different lengths")
                precondition(batch.count + rejected.count == message["rows"]?.array?.count, "rows lost")
            }
        }
    }
}

import EdgeCore
import Testing

@Suite("JSON lines: objects and value lists into typed rows")
struct JSONRowDecoderTests {
    let columns = ["day": "date", "store": "string", "units": "int?", "price": "double?", "open": "bool?", "at": "timestamp?:%d.%m.%Y %H:%M"]
        .sorted { $0.key < $1.key }.map { ColumnSpec.parse(name: $0.key, spec: $0.value)! }

    func decode(_ typing: JSONRowDecoder.Typing, _ text: String) -> Result<[String], JSONRowError> {
        let decoder = JSONRowDecoder(columns: columns, typing: typing)
        guard let object = try? JSONValue.parse(Array(text.utf8)) else { return .failure(.notAnObject) }
        return decoder.row(object: object).map { $0.map(\.description) }
    }

    func problem(_ typing: JSONRowDecoder.Typing, _ text: String) -> String? {
        guard case .failure(let problem) = decode(typing, text) else { return nil }
        return problem.description
    }

    @Test func objectsBecomeRowsByColumnName() {
        // Columns sorted: at, day, open, price, store, units.
        #expect(decode(.lenient, #"{"store":"S1","day":"2024-01-02","units":5,"extra":[1],"price":2.5,"open":true,"at":"03.01.2024 10:30"}"#)
            == .success(["2024-01-03T10:30:00", "2024-01-02", "true", "2.5", "S1", "5"]))
        #expect(decode(.lenient, #"{"store":"S1","day":"2024-01-02","units":null}"#) == .success(["null", "2024-01-02", "null", "null", "S1", "null"]))
        #expect(decode(.lenient, #"{"store":"a","store":"b","day":"2024-01-02"}"#).map { $0[4] } == .success("b"))
    }

    @Test func badObjectsSayWhyAsBefore() {
        #expect(decode(.lenient, "[1]") == .failure(.notAnObject))
        #expect(decode(.lenient, #"{"store":"S"}"#) == .failure(JSONRowError(code: .missing, column: "day")))
        #expect(decode(.lenient, #"{"store":"S","day":1}"#) == .failure(JSONRowError(code: .wrongType, column: "day", type: .date, value: .integer(1))))
        #expect(problem(.lenient, #"{"store":"S"}"#) == "'day' is missing")
        #expect(problem(.lenient, #"{"store":"S","day":"yesterday"}"#) == "'day' is not a date: yesterday")
        #expect(problem(.lenient, #"{"store":"S","day":"2024-01-02","units":[1]}"#) == "'units' is not a int: [1]")
        #expect(problem(.lenient, #"{"store":"S","day":"2024-01-02","units":2.5}"#) == "'units' is not a int: 2.5")
    }

    @Test func lenientTypingReadsNumbersInStringsStrictDoesNot() {
        let text = #"{"store":7,"day":"2024-01-02","units":"5","price":"2.5","open":"true"}"#
        #expect(decode(.lenient, text) == .success(["null", "2024-01-02", "true", "2.5", "7", "5"]))
        #expect(problem(.strict, text) == "'open' is not a bool: true")
        #expect(problem(.strict, #"{"store":7,"day":"2024-01-02"}"#) == "'store' is not a string: 7")
        #expect(decode(.strict, #"{"store":"S","day":"2024-01-02","units":3.0,"price":4}"#) == .success(["null", "2024-01-02", "null", "4.0", "S", "3"]))
    }

    @Test func appendsNothingForARejectedLine() {
        let decoder = JSONRowDecoder(columns: columns, typing: .lenient)
        var builders = columns.map { ColumnBuilder(type: $0.type) }
        #expect(decoder.append(json: Array(#"{"store":"S","day":"2024-01-02","units":5}"#.utf8), to: &builders) == nil)
        #expect(decoder.append(json: Array(#"{"store":"S","day":"2024-01-02","units":"x"}"#.utf8), to: &builders) != nil)
        #expect(decoder.append(json: Array("not json".utf8), to: &builders) == .notAnObject)
        #expect(builders.allSatisfy { $0.count == 1 })
    }
}

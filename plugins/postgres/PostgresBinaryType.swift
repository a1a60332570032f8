import EdgeCore

/// How one column travels in binary COPY, from the type of the staging table's column (its
/// `pg_type` OID); `nil` for types this encoder does not write (the table is then copied as text).
enum PostgresBinaryType: Equatable {
    case int2, int4, int8, float4, float8, numeric, text, bool, date, timestamp

    init?(oid: Int) {
        switch oid {
        case 21: self = .int2
        case 23: self = .int4
        case 20: self = .int8
        case 700: self = .float4
        case 701: self = .float8
        case 1700: self = .numeric
        case 25, 1042, 1043: self = .text  // text, char(n), varchar(n): the same wire format
        case 16: self = .bool
        case 1082: self = .date
        case 1114, 1184: self = .timestamp  // without and with time zone: both UTC microseconds
        default: return nil
        }
    }

    /// Whether values of `type` can be sent in this wire format.
    func accepts(_ type: ColumnType) -> Bool {
        switch (type, self) {
        case (.int, .int2), (.int, .int4), (.int, .int8), (.int, .numeric), (.int, .float8): true
        case (.double, .float4), (.double, .float8), (.double, .numeric): true
        case (.string, .text), (.bool, .bool), (.date, .date), (.timestamp, .timestamp): true
        default: false
        }
    }
}

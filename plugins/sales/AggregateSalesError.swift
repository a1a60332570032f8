/// An input batch that does not have the columns the aggregation was built for.
enum AggregateSalesError: Error, CustomStringConvertible {
    case columnType(String)
    case stateVersion

    var description: String {
        switch self {
        case .columnType(let expected): "input column is not a \(expected)"
        case .stateVersion: "checkpointed state has an unknown version"
        }
    }
}

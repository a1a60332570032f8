/// The values a numeric option may take, declared in its registration and enforced by the
/// loader (so `validate` refuses what `run` could not use: a batch of 10^12 rows, a negative
/// restart count, a zero poll interval).
public struct OptionRange: Sendable, Hashable {
    /// Bounds in the option's unit: a count, or seconds for durations.
    public let lower: Double
    public let upper: Double
    let isDuration: Bool

    public static func ints(_ range: ClosedRange<Int>) -> OptionRange {
        OptionRange(lower: Double(range.lowerBound), upper: Double(range.upperBound), isDuration: false)
    }

    public static func durations(_ range: ClosedRange<Duration>) -> OptionRange {
        OptionRange(lower: range.lowerBound.seconds, upper: range.upperBound.seconds, isDuration: true)
    }

    public static func doubles(_ range: ClosedRange<Double>) -> OptionRange {
        OptionRange(lower: range.lowerBound, upper: range.upperBound, isDuration: false)
    }

    /// The range an option of `type` has when its registration declares none.
    public static func standard(for type: OptionType) -> OptionRange? {
        switch type {
        case .int: .ints(0...1_000_000_000)
        case .duration: .durations(.zero...Duration.seconds(10 * 365 * 86_400))
        default: nil
        }
    }

    /// `1 to 1048576`, `10ms to 1h`.
    public var description: String { "\(Self.show(lower, isDuration)) to \(Self.show(upper, isDuration))" }

    /// Why `value` is out of range, or nil.
    public func problem(_ value: OptionValue) -> String? {
        let number: Double
        switch value {
        case .int(let v): number = Double(v)
        case .double(let v): number = v
        case .duration(let d): number = d.seconds
        default: return nil
        }
        guard number < lower || number > upper else { return nil }
        return "must be between \(Self.show(lower, isDuration)) and \(Self.show(upper, isDuration))"
    }

    private static func show(_ value: Double, _ isDuration: Bool) -> String {
        guard isDuration else { return value == value.rounded() ? String(Int64(value)) : String(value) }
        for (unit, seconds) in [("d", 86_400.0), ("h", 3600), ("m", 60), ("s", 1)] where value >= seconds && value.truncatingRemainder(dividingBy: seconds) == 0 {
            return "\(Int64(value / seconds))\(unit)"
        }
        return value == 0 ? "0s" : "\(Int64((value * 1000).rounded()))ms"
    }
}

import Foundation

/// IANA time zone names (`America/New_York`, `Europe/Berlin`, `UTC`) looked up in the system's
/// tz database, with a suggestion when a name is misspelt.
public enum TimeZoneNames {
    /// The zone called `name`, or nil.
    public static func zone(_ name: String) -> TimeZone? {
        name.isEmpty ? nil : TimeZone(identifier: name)
    }

    /// Why `name` is not a zone, with the closest known name when there is one.
    public static func problem(_ name: String) -> String {
        var message = "'\(name)' is not a time zone of the tz database (an IANA name like America/New_York, Europe/Berlin or UTC)"
        if let suggestion = EditDistance.suggestion(for: name, among: TimeZone.knownTimeZoneIdentifiers) {
            message += "; did you mean '\(suggestion)'?"
        }
        return message
    }
}

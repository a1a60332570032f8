import EdgeCore
import RetailCatalog

/// Which holiday calendar each store follows. Precedence: the store's catalogue entry
/// (`calendar:`), else the stage's `calendar` option (the site's calendar). Calendars are the
/// shipped ones (``HolidayCalendar/unitedStates``) and those of the `holidays` file, which may
/// replace a shipped one of the same name.
public struct StoreCalendars: Sendable {
    /// Every calendar known, by name.
    public let calendars: [String: HolidayCalendar]
    /// The calendar of stores the catalogue gives none (and of `dim_date`).
    public let site: HolidayCalendar
    /// Catalogue calendars by store id.
    public let stores: [String: HolidayCalendar]

    /// The option specs of a stage that uses holidays, for its registration; the default
    /// calendar is written here, once.
    public static let options: [OptionSpec] = [
        OptionSpec("holidays", .string, doc: "Holiday calendars YAML (calendars: NAME: { include, holidays: [{ name, date | month+weekday+nth | easter | after, offset, days }] }) beside the shipped US."),
        OptionSpec("calendar", .string, default: .string(HolidayCalendar.unitedStates.name), doc: "Holiday calendar of stores whose catalogue entry names none (a shipped one or one of 'holidays')."),
    ]

    /// The shipped calendars only, every store on US.
    public init() {
        self.calendars = [HolidayCalendar.unitedStates.name: .unitedStates]
        self.site = .unitedStates
        self.stores = [:]
    }

    /// Resolves `site` and the catalogue stores' `calendar:` among the shipped calendars and `defined`.
    public init(defined: [HolidayCalendar], site: String, catalog: Catalog?) throws(StageBuildError) {
        var calendars = [HolidayCalendar.unitedStates.name: HolidayCalendar.unitedStates]
        for calendar in defined { calendars[calendar.name] = calendar }
        func find(_ name: String, option: String, what: String) throws(StageBuildError) -> HolidayCalendar {
            guard let calendar = calendars[name] else {
                var message = "\(what) names calendar '\(name)', which is neither shipped nor in the holidays file (known: \(calendars.keys.sorted().joined(separator: ", ")))"
                if let suggestion = EditDistance.suggestion(for: name, among: calendars.keys) { message += "; did you mean '\(suggestion)'?" }
                throw StageBuildError(option: option, message)
            }
            return calendar
        }
        self.site = try find(site, option: "calendar", what: "the option")
        var stores: [String: HolidayCalendar] = [:]
        for store in catalog?.stores ?? [] {
            if let name = store.attributes["calendar"] { stores[store.id] = try find(name, option: "catalog", what: "store '\(store.id)' of the catalogue") }
        }
        self.calendars = calendars
        self.stores = stores
    }

    /// Every known calendar, by name (what `dim_holiday` holds).
    public var all: [HolidayCalendar] { calendars.values.sorted { $0.name < $1.name } }

    /// The calendar of `store`'s holidays.
    public func calendar(ofStore store: String) -> HolidayCalendar {
        stores[store] ?? site
    }
}

import EdgeCore

extension StageBuildContext {
    /// The stores' holiday calendars from the stage's `holidays`, `calendar` and `catalog`
    /// options; a bad holidays file is a build error that names its file, line and column.
    public func storeCalendars() throws -> StoreCalendars {
        var defined: [HolidayCalendar] = []
        if let path = options.string("holidays") {
            do {
                defined = try HolidayCalendar.load(path: path)
            } catch {
                throw StageBuildError(option: "holidays", "\(error)")
            }
        }
        return try StoreCalendars(defined: defined, site: options.string(defaulted: "calendar"), catalog: try catalog())
    }
}

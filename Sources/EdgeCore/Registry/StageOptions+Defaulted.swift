extension StageOptions {
    // The values of options that have a default in their registration (or are required): the
    // builder filled them in, so a factory reads them without a fallback of its own. A missing
    // one is a mistake in the registration.

    public func string(defaulted name: String) -> String { registered(name, string(name)) }
    public func int(defaulted name: String) -> Int { registered(name, int(name)) }
    public func double(defaulted name: String) -> Double { registered(name, double(name)) }
    public func bool(defaulted name: String) -> Bool { registered(name, bool(name)) }
    public func duration(defaulted name: String) -> Duration { registered(name, duration(name)) }
    public func strings(defaulted name: String) -> [String] { registered(name, strings(name)) }

    private func registered<T>(_ name: String, _ value: T?) -> T {
        guard let value else { preconditionFailure("option '\(name)' has neither a value nor a default in its registration") }
        return value
    }
}

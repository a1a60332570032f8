extension OptionValue {
    /// A list's items, or the value itself as the only item.
    var listItems: [OptionValue] {
        if case .list(let items) = self { return items }
        return [self]
    }
}

extension DeadLetter {
    /// The letter as the status API and `dead-letters list --json` write it.
    public var jsonText: String {
        var fields: [(String, String)] = [
            ("offset", String(offset)), ("stage", JSONText.string(stage)), ("time", JSONText.string(time)),
            ("where", JSONText.string(location)),
        ]
        if let file { fields.append(("file", JSONText.string(file))) }
        if let column { fields.append(("column", JSONText.string(column))) }
        fields.append(("reason", JSONText.string(reason)))
        fields.append(("raw", JSONText.string(raw)))
        if let header { fields.append(("header", JSONText.string(header))) }
        if !details.isEmpty { fields.append(("details", JSONText.object(details.map { ($0.name, JSONText.string($0.value)) }))) }
        fields.append(("corrupt", corrupt ? "true" : "false"))
        return JSONText.object(fields)
    }
}

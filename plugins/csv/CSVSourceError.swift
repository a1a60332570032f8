/// A CSV file that cannot be opened or read (as opposed to a bad row, which is dead-lettered).
struct CSVSourceError: Error, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "\(path): \(message)" }
}

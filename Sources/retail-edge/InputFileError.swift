/// A command-line input file that cannot be used, located as `FILE:LINE:COLUMN: message`.
struct InputFileError: Error, CustomStringConvertible {
    /// A stable code for scripts.
    let code = "input_file_invalid"
    let message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}

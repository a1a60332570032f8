import EdgeCore

/// What a file source does about a `path` that does not exist: `run --once` fails at once
/// (nothing to read, and retrying will not help); a continuous run warns once and keeps looking
/// at every poll, and says so when the path appears.
struct MissingPathWatch {
    let path: String
    private var missing = false

    init(path: String) {
        self.path = path
    }

    mutating func check(_ context: SourceContext) throws {
        guard let reason = FileMatcher.missingReason(for: path) else {
            if missing { context.stage.logger.info("source path appeared; reading it", metadata: ["path": "\(path)"]) }
            missing = false
            return
        }
        if context.mode == .once {
            throw CSVSourceError(code: .missingPath, path: path, message: "source '\(context.stage.id)': \(reason); nothing to read")
        }
        if !missing {
            context.stage.logger.warning("source path does not exist; watching for it", metadata: ["path": "\(path)", "reason": "\(reason)"])
        }
        missing = true
    }
}

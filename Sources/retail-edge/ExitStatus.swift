import ArgumentParser

/// Exit statuses from sysexits.h that systemd and scripts understand.
enum ExitStatus {
    /// EX_CONFIG: the configuration is invalid.
    static let config = ExitCode(78)
    /// EX_SOFTWARE: the pipeline failed while running.
    static let failure = ExitCode(70)
    /// EX_DATAERR: an input file is malformed.
    static let dataError = ExitCode(65)
    /// EX_USAGE: bad arguments.
    static let usage = ExitCode(64)
}

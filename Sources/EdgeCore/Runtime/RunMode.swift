/// Whether the agent runs until stopped or processes what is there and exits.
public enum RunMode: Sendable {
    /// Watch for new input until SIGTERM/SIGINT.
    case continuous
    /// Process the input available at start, drain, commit and exit.
    case once
}

/// What this binary is: its version, defined here only (`make deb` reads it back from
/// `retail-edge --version`), and the git commit it was built from.
public enum BuildInfo {
    /// The release version.
    public static let version = "0.1.0"

    /// The short git commit at build time (GitCommitPlugin), or "unknown" when built without git.
    public static let commit = gitCommit

    /// `0.1.0 (abc123def456)`: what `--version` prints after the command's name.
    public static var description: String { "\(version) (\(commit))" }
}

import EdgeCore

/// Out-of-process plugins: stages in any language, started as child processes that speak the
/// JSON-lines protocol of `plugins/README.md`, described by a `plugin.yaml` manifest.
public enum ExecPlugin {
    /// The agent's own options of every exec stage, besides the manifest's.
    public static let agentOptions: [OptionSpec] = [
        OptionSpec("timeout", .duration, default: .duration(.seconds(30)), range: .durations(.milliseconds(100)...Duration.seconds(3600)), doc: "How long the plugin may take to answer hello, a batch or an ack before it is restarted."),
        OptionSpec("grace_period", .duration, default: .duration(.seconds(5)), range: .durations(.zero...Duration.seconds(3600)), doc: "How long the plugin has to exit after shutdown before it is killed."),
        OptionSpec("max_line_bytes", .int, default: .int(16 << 20), range: .ints(1024...(1 << 30)), doc: "Longest line accepted from the plugin; a longer one is skipped with an error."),
    ]

    /// The registration of the plugin a manifest describes.
    static func registration(_ manifest: PluginManifest) -> PluginRegistration {
        PluginRegistration(
            kind: manifest.kind, type: manifest.name, summary: "\(manifest.summary) [exec: \(manifest.directory)]",
            options: manifest.options + agentOptions,
            factory: { context in try make(manifest, context) }
        )
    }

    private static func make(_ manifest: PluginManifest, _ context: StageBuildContext) throws -> BuiltStage {
        let pluginOptions = manifest.options.map(\.name)
        let settings = ExecSettings(
            stage: context.id, kind: manifest.kind, command: manifest.command, directory: manifest.directory,
            options: pluginOptions.compactMap { name in context.options[name].map { (name, $0) } },
            timeout: context.options.duration(defaulted: "timeout"),
            gracePeriod: context.options.duration(defaulted: "grace_period"),
            maxLineBytes: context.options.int(defaulted: "max_line_bytes"),
            restart: StageSettings(options: context.options, kind: manifest.kind, dataDirectory: context.dataDirectory).restart,
            logger: context.logger
        )
        switch manifest.kind {
        case .source:
            guard let output = manifest.output else { throw StageBuildError("the manifest declares no output") }
            return .source(ExecSource(settings: settings, schema: output), output: output)
        case .transform:
            let output = try manifest.output ?? context.singleInputSchema()
            return .transform(ExecTransform(session: PluginSession(settings: settings, output: output)), output: output)
        case .sink, .model:
            return .sink(ExecSink(session: PluginSession(settings: settings, output: nil)))
        }
    }
}

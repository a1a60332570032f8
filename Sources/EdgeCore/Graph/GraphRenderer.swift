/// Renders a configuration's graph as Mermaid or Graphviz dot.
public enum GraphRenderer {
    public enum Format: String, Sendable, CaseIterable { case mermaid, dot }

    public static func render(_ config: PipelineConfig, format: Format) -> String {
        let flow = config.stages.filter { $0.kind != .model }
        switch format {
        case .mermaid:
            var lines = ["flowchart LR"]
            for stage in flow {
                let label = "\(stage.id)<br/><small>\(stage.kind) · \(stage.type)</small>"
                let shape: (String, String) = switch stage.kind {
                case .source: ("([", "])")
                case .sink: ("[(", ")]")
                default: ("[", "]")
                }
                lines.append("  \(safe(stage.id))\(shape.0)\"\(label)\"\(shape.1)")
            }
            for stage in flow {
                for input in stage.inputs {
                    lines.append("  \(safe(input.stage)) \(input.port.map { "-- \($0) " } ?? "")--> \(safe(stage.id))")
                }
            }
            return lines.joined(separator: "\n") + "\n"
        case .dot:
            var lines = ["digraph pipeline {", "  rankdir=LR;"]
            for stage in flow {
                let shape = switch stage.kind {
                case .source: "invhouse"
                case .sink: "cylinder"
                default: "box"
                }
                lines.append("  \"\(stage.id)\" [shape=\(shape), label=\"\(stage.id)\\n\(stage.kind): \(stage.type)\"];")
            }
            for stage in flow {
                for input in stage.inputs {
                    lines.append("  \"\(input.stage)\" -> \"\(stage.id)\"\(input.port.map { " [label=\"\($0)\"]" } ?? "");")
                }
            }
            lines.append("}")
            return lines.joined(separator: "\n") + "\n"
        }
    }

    private static func safe(_ id: String) -> String {
        String(id.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }
}

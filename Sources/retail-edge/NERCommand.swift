import ArgumentParser
import EdgeCore
import Foundation
import NLPPlugin
import TextAnalysis

/// `retail-edge ner --catalog catalog.yaml --input in.jsonl --output out.jsonl`.
struct NERCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Find catalogue products, stores and organisations in texts ({id, text} lines).",
        discussion: "Writes {id, entities: [{start, end, type, id, text}]} per line; offsets are Unicode code points, end exclusive; type is PRODUCT, STORE or ORG."
    )

    @Option(help: "Catalogue YAML (products, stores, organizations with id, name, aliases).")
    var catalog: String

    @Option(help: "JSON lines with id and text; - for standard input.")
    var input: String

    @Option(help: "Where to write the results; - for standard output.")
    var output = "-"

    func run() throws {
        do {
            let recognizer = EntityRecognizer(catalogue: CatalogueBridge.catalogue(try Catalog.load(path: catalog)))
            let started = ContinuousClock.now
            let rows = try JSONLinesFile.strings(try JSONLinesFile.read(input), ["id", "text"], path: input)
            let results: [[String: Any]] = rows.map { row in
                ["id": row[0], "entities": recognizer.entities(in: row[1]).map { ["start": $0.start, "end": $0.end, "type": $0.type.rawValue, "id": $0.id, "text": $0.text] }]
            }
            try JSONLinesFile.write(results, to: output)
            FileHandle.standardError.write(Data("retail-edge: \(rows.count) texts, \(results.reduce(0) { $0 + (($1["entities"] as? [Any])?.count ?? 0) }) entities in \(Summary.seconds(ContinuousClock.now - started))\n".utf8))
        } catch let error as InputFileError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.dataError
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitStatus.config
        }
    }
}

import ArgumentParser
import EdgeCore
import Foundation
import NLPPlugin
import RetailCatalog
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
            let recognizer = EntityRecognizer(catalog: try Catalog.load(path: catalog), words: try DefaultEnglishWords.load())
            let started = ContinuousClock.now
            let rows = try JSONLinesFile.strings(input, ["id", "text"])
            // On every core, and written by hand: JSONSerialization per object would take longer
            // than recognising.
            let found = LockedValue(0)
            let out = ConcurrentChunks.joined(count: rows.count) { range in
                var out = ""
                out.reserveCapacity(range.count * 160)
                var entityCount = 0
                for row in rows[range] {
                    let entities = recognizer.entities(in: row[1])
                    entityCount += entities.count
                    out += "{\"id\":" + JSONText.string(row[0]) + ",\"entities\":["
                    for (index, entity) in entities.enumerated() {
                        if index > 0 { out += "," }
                        out += "{\"start\":\(entity.start),\"end\":\(entity.end),\"type\":\"\(entity.type.rawValue)\",\"id\":" + JSONText.string(entity.id)
                            + ",\"text\":" + JSONText.string(entity.text) + "}"
                    }
                    out += "]}\n"
                }
                found.withLock { $0 += entityCount }
                return out
            }
            try OutputFile.write(Data(out.utf8), to: output)
            FileHandle.standardError.write(Data("retail-edge: \(rows.count) texts, \(found.withLock { $0 }) entities in \(Summary.seconds(ContinuousClock.now - started))\n".utf8))
        } catch let error as InputFileError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.dataError
        } catch let error as ConfigError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitStatus.config
        } catch let error as SentimentError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitStatus.failure
        }
    }
}

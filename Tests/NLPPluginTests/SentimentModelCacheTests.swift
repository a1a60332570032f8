import Foundation
@testable import NLPPlugin
import Testing
import TextAnalysis

/// A model file is decoded once while it is unchanged, and again once it changes.
@Suite struct SentimentModelCacheTests {
    static let shipped = try! DefaultSentimentModel.load(nil)

    func copyOfTheShippedModel() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sentiment-cache-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/model.resm"
        try FileManager.default.copyItem(atPath: try #require(DefaultSentimentModel.path()), toPath: path)
        return path
    }

    @Test func anUnchangedFileIsDecodedOnce() throws {
        let cache = SentimentModelCache()
        let path = try copyOfTheShippedModel()
        var decoded = 0
        for _ in 0..<3 { _ = cache.classifier(at: path) { _ in decoded += 1; return Self.shipped } }
        #expect(decoded == 1)
    }

    @Test func aReplacedFileIsDecodedAgain() throws {
        let cache = SentimentModelCache()
        let path = try copyOfTheShippedModel()
        var decoded = 0
        _ = cache.classifier(at: path) { _ in decoded += 1; return Self.shipped }
        // A model retrained in place: another file (inode) at the same path.
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: try #require(DefaultSentimentModel.path()), toPath: path)
        _ = cache.classifier(at: path) { _ in decoded += 1; return Self.shipped }
        #expect(decoded == 2)
    }

    @Test func aFileThatCannotBeDecodedIsNotRemembered() throws {
        let cache = SentimentModelCache()
        let path = try copyOfTheShippedModel()
        struct Unreadable: Error {}
        #expect(throws: Unreadable.self) { try cache.classifier(at: path) { _ in throw Unreadable() } }
        var decoded = 0
        _ = cache.classifier(at: path) { _ in decoded += 1; return Self.shipped }
        #expect(decoded == 1)
    }
}

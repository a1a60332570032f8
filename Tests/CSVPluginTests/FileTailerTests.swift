@testable import CSVPlugin
import EdgeCore
import EdgeCoreTesting
import Foundation
import Testing

/// What the csv and jsonl sources share (``FileTailer``, ``FilePosition``), seen through jsonl,
/// which gained it: checkpoints in the old form, vanished files, lag, files still being written.
@Suite("File sources: tailing and positions", .serialized)
struct FileTailerTests {
    let store = MemorySinkStore()

    var registry: PluginRegistry {
        var registry = PluginRegistry()
        registry.register(JSONLinesPlugin.registration)
        registry.register(MemorySink.registration(store: store))
        return registry
    }

    func yaml(_ path: String, poll: String = "50ms") -> String {
        "sources:\n  t: { type: jsonl, path: \(path), columns: { id: string }, poll_interval: \(poll) }\nsinks:\n  out: { type: memory, inputs: [t] }\n"
    }

    func line(_ id: String) -> String { #"{"id":"\#(id)"}"# + "\n" }

    func identity(_ path: String) throws -> (device: UInt64, inode: UInt64) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return ((attributes[.systemNumber] as! NSNumber).uint64Value, (attributes[.systemFileNumber] as! NSNumber).uint64Value)
    }

    func waitFor(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// A position saved by the source before it was shared (`CSVPosition`, same JSON) restores:
    /// the run goes on after the line it names.
    @Test func aCheckpointInTheFormerFormRestores() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        let file = directory + "/in/a.jsonl"
        try (line("a") + line("b") + line("c")).write(toFile: file, atomically: true, encoding: .utf8)
        let (device, inode) = try identity(file)
        let saved = #"{"files":[{"path":"\#(file.replacingOccurrences(of: "/", with: "\\/"))","device":\#(device),"inode":\#(inode),"offset":\#(2 * line("a").utf8.count),"line":2,"done":false}]}"#
        let position = try FilePosition(checkpoint: Array(saved.utf8))
        #expect(position.files == [.init(path: file, device: device, inode: inode, offset: Int64(2 * line("a").utf8.count), line: 2, done: false)])
        #expect(try FilePosition(checkpoint: position.checkpoint()) == position)
        #expect(try FilePosition(checkpoint: nil) == FilePosition())

        try CheckpointStore(directory: directory + "/checkpoints").save(Checkpoint(id: 1, positions: ["t": Array(saved.utf8)]))
        try await PipelineHarness.runOnce(yaml: yaml(directory + "/in"), registry: registry, dataDirectory: directory)
        #expect(store.rows("out") == [[.string("c")]])
    }

    /// A file that disappears leaves the saved position, so state does not grow with every file
    /// ever seen, and its unread bytes stop counting as lag.
    @Test func aVanishedFileIsPrunedFromThePosition() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        try line("a").write(toFile: directory + "/in/a.jsonl", atomically: true, encoding: .utf8)
        try line("b").write(toFile: directory + "/in/b.jsonl", atomically: true, encoding: .utf8)
        let runner = try PipelineHarness.runner(yaml: yaml(directory + "/in"), registry: registry, dataDirectory: directory, mode: .continuous)
        let run = Task { try await runner.run() }
        try await waitFor { store.rows("out").count == 2 }
        try FileManager.default.removeItem(atPath: directory + "/in/b.jsonl")
        try await Task.sleep(for: .milliseconds(300))
        runner.requestStop()
        try await run.value
        let checkpoint = try #require(try CheckpointStore(directory: directory + "/checkpoints").load())
        let position = try FilePosition(checkpoint: checkpoint.positions["t"])
        #expect(position.files.map(\.path) == [directory + "/in/a.jsonl"])
    }

    /// Bytes still to read are lag; they are counted as read once their lines are emitted.
    @Test func lagIsAnnouncedAndClearsAsLinesAreRead() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        let file = directory + "/in/a.jsonl"
        try (line("a") + line("b")).write(toFile: file, atomically: true, encoding: .utf8)
        let runner = try PipelineHarness.runner(yaml: yaml(directory + "/in"), registry: registry, dataDirectory: directory, mode: .continuous)
        let run = Task { try await runner.run() }
        let snapshot = { runner.metrics[0].snapshot }
        try await waitFor { snapshot().bytesIn == 2 * line("a").utf8.count }
        #expect(snapshot().bytesExpected == 2 * line("a").utf8.count)
        #expect(PipelineHealth(runner: runner).stages.first { $0.id == "t" }?.lagBytes == 0)
        let handle = try #require(FileHandle(forWritingAtPath: file))
        handle.seekToEndOfFile()
        handle.write(Data(line("c").utf8))
        try handle.close()
        try await waitFor { snapshot().bytesIn == 3 * line("a").utf8.count }
        runner.requestStop()
        try await run.value
        #expect(snapshot().bytesIn == 3 * line("a").utf8.count)
        #expect(snapshot().bytesExpected == 3 * line("a").utf8.count)
        #expect(store.rows("out").count == 3)
    }

    /// While a file grows its last line may be half written: it is not read (nor checkpointed)
    /// until it is complete.
    @Test func aFileStillBeingWrittenIsReadToItsLastCompleteLine() async throws {
        let directory = PipelineHarness.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        let file = directory + "/in/a.jsonl"
        try (line("a") + #"{"id":"b"#).write(toFile: file, atomically: true, encoding: .utf8)
        // A long poll interval: only the first look at the file happens during the test.
        let runner = try PipelineHarness.runner(yaml: yaml(directory + "/in", poll: "1h"), registry: registry, dataDirectory: directory, mode: .continuous)
        let run = Task { try await runner.run() }
        try await waitFor { store.rows("out").count == 1 }
        try await Task.sleep(for: .milliseconds(200))
        runner.requestStop()
        try await run.value
        #expect(store.rows("out") == [[.string("a")]])
        #expect(runner.metrics[0].snapshot.deadLettered == 0)
        let checkpoint = try #require(try CheckpointStore(directory: directory + "/checkpoints").load())
        #expect(try FilePosition(checkpoint: checkpoint.positions["t"]).files.first?.offset == Int64(line("a").utf8.count))

        // The writer finishes the line: the next run reads it whole.
        let handle = try #require(FileHandle(forWritingAtPath: file))
        handle.seekToEndOfFile()
        handle.write(Data("\"}\n".utf8))
        try handle.close()
        let again = MemorySinkStore()
        var registry = PluginRegistry()
        registry.register(JSONLinesPlugin.registration)
        registry.register(MemorySink.registration(store: again))
        try await PipelineHarness.runOnce(yaml: yaml(directory + "/in"), registry: registry, dataDirectory: directory)
        #expect(again.rows("out") == [[.string("b")]])
    }
}

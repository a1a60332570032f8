import EdgeCore
import Foundation
import Testing

/// The health model and its views: ready only when nothing fails, the same facts in the status
/// line, /ready, /api/stages; errors redacted.
@Suite("Health model")
struct HealthModelTests {
    func stage(_ id: String, _ kind: StageKind, failing: Bool = false, error: String? = nil, buffer: Int64 = 0, batches: Int = 0) -> PipelineHealth.Stage {
        let counters = StageMetrics(stage: id, type: "t", kind: kind).snapshot
        return PipelineHealth.Stage(
            id: id, kind: kind, type: "t", inputs: [], counters: counters, queuedBatches: 0, failing: failing, lastError: error,
            lastErrorAt: error == nil ? nil : Date(timeIntervalSince1970: 1_700_000_000), lastSuccessAt: nil,
            bufferBytes: buffer, bufferBatches: batches, lagBytes: 0
        )
    }

    @Test func aFailingSinkMakesEveryViewSayNotReady() throws {
        let health = PipelineHealth(pipeline: "p.yaml", stages: [
            stage("tx", .source), stage("pg", .sink, failing: true, error: "connection refused", buffer: 1_153_024, batches: 3),
        ], sinksNotStarted: [])
        #expect(!health.ready)
        #expect(health.failing == ["pg"])
        #expect(health.readyDocument == #"{"ready":false,"failing":["pg"]}"#)
        let line = health.statusLine(recordsPerSecond: 0)
        #expect(line.hasPrefix("NOT READY: sink pg failing: connection refused | "))
        #expect(line.contains("buffered 1153024 bytes"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(health.stagesDocument(status: line, rates: [:], uptimeSeconds: 1).utf8)) as? [String: Any])
        #expect(document["ready"] as? Bool == false)
        let pg = try #require((document["stages"] as? [[String: Any]])?.first { $0["id"] as? String == "pg" })
        #expect(pg["failing"] as? Bool == true)
        #expect(pg["last_error"] as? String == "connection refused")
        #expect(pg["last_error_at"] as? String == "2023-11-14T22:13:20.000Z")
        #expect(pg["last_success_at"] is NSNull)
        #expect(pg["buffer_bytes"] as? Int == 1_153_024)
        #expect(pg["buffer_batches"] as? Int == 3)
    }

    @Test func aSinkNotStartedYetIsNotReadyEither() {
        let health = PipelineHealth(pipeline: "p.yaml", stages: [stage("pg", .sink)], sinksNotStarted: ["pg"])
        #expect(!health.ready)
        #expect(health.statusLine(recordsPerSecond: 0).hasPrefix("NOT READY: sink pg starting"))
    }

    @Test func healthyIsReady() {
        let health = PipelineHealth(pipeline: "p.yaml", stages: [stage("tx", .source), stage("db", .sink)], sinksNotStarted: [])
        #expect(health.ready)
        #expect(health.readyDocument == #"{"ready":true,"failing":[]}"#)
        #expect(health.statusLine(recordsPerSecond: 12.4).hasPrefix("ready | 12 records/s in, 0 read, 0 written, buffered 0 bytes, lag 0 bytes"))
    }

    @Test func theRecorderTracksFailuresRecoveriesAndTheBuffer() {
        let recorder = HealthRecorder()
        struct Refused: Error, CustomStringConvertible { var description: String { "connect to postgres://retail:s3cret@db:5432/retail failed" } }
        recorder.failed("pg", error: Refused())
        recorder.buffered("pg", bytes: 100, batches: 2)
        var pg = recorder.snapshot()["pg"]
        #expect(pg?.failing == true)
        #expect(pg?.lastError == "connect to postgres://retail:***@db:5432/retail failed")
        #expect(pg?.bufferBatches == 2)
        recorder.recovered("pg")
        recorder.buffered("pg", bytes: 0, batches: 0)
        pg = recorder.snapshot()["pg"]
        #expect(pg?.failing == false)
        #expect(pg?.lastError != nil)
        #expect(pg?.bufferBytes == 0)
    }

    @Test func errorTextNeverShowsSecrets() {
        #expect(ErrorText.redact("host=db password=hunter2 dbname=retail") == "host=db password=*** dbname=retail")
        #expect(ErrorText.redact("GET https://user:pa55@mlflow:5000/api failed") == "GET https://user:***@mlflow:5000/api failed")
        #expect(ErrorText.redact("401 for Authorization: Bearer gsk_abcdef123") == "401 for Authorization: Bearer ***")
        #expect(ErrorText.redact("sasl.password=topsecret, api_key: gsk_1") == "sasl.password=***, api_key: ***")
        #expect(ErrorText.redact("line one\nline two") == "line one; line two")
        #expect(ErrorText.redact(String(repeating: "x", count: 1000)).count == 400)
    }

    @Test func theStagesDocumentCarriesTheVersionTheLastCheckpointAndTheBufferLimit() throws {
        var sink = stage("db", .sink, buffer: 512)
        sink.bufferMaxBytes = 2048
        var health = PipelineHealth(pipeline: "p.yaml", stages: [stage("tx", .source), sink], sinksNotStarted: [])
        let before = try #require(try JSONSerialization.jsonObject(with: Data(health.stagesDocument(status: "", rates: [:], uptimeSeconds: 1, version: "1.2.3").utf8)) as? [String: Any])
        #expect(before["version"] as? String == "1.2.3")
        #expect(before["last_checkpoint"] is NSNull)
        let db = try #require((before["stages"] as? [[String: Any]])?.first { $0["id"] as? String == "db" })
        #expect(db["buffer_bytes"] as? Int == 512)
        #expect(db["buffer_max_bytes"] as? Int == 2048)
        health.lastCheckpoint = (id: 42, at: Date(timeIntervalSince1970: 1_700_000_000))
        let after = try #require(try JSONSerialization.jsonObject(with: Data(health.stagesDocument(status: "", rates: [:], uptimeSeconds: 1).utf8)) as? [String: Any])
        let checkpoint = try #require(after["last_checkpoint"] as? [String: Any])
        #expect(checkpoint["id"] as? Int == 42)
        #expect(checkpoint["at"] as? String == "2023-11-14T22:13:20.000Z")
    }
}

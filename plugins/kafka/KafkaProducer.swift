import CRdKafka
import EdgeCore
import Logging

/// A librdkafka producer. Used from one thread (the sink's); `deliver` waits for the delivery
/// report of every message sent since the last call.
final class KafkaProducer {
    /// Delivery reports, counted by librdkafka's callback during `rd_kafka_flush`, and the
    /// logger its log lines go to.
    private final class Reports: KafkaLogSink {
        let firstError = LockedValue<rd_kafka_resp_err_t?>(nil)
        let log: KafkaLog

        init(logger: Logger) { log = KafkaLog(logger: logger) }
    }

    private let handle: OpaquePointer
    private let reports: Reports
    private var topics: [String: OpaquePointer] = [:]

    init(settings: [(String, String)], logger: Logger) throws(KafkaError) {
        reports = Reports(logger: logger)
        let conf = try KafkaConfiguration.make(settings)
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(reports).toOpaque())
        rd_kafka_conf_set_dr_msg_cb(conf) { _, message, opaque in
            guard let message, let opaque, message.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
            let reports = Unmanaged<Reports>.fromOpaque(opaque).takeUnretainedValue()
            reports.firstError.withLock { $0 = $0 ?? message.pointee.err }
        }
        var error = [CChar](repeating: 0, count: 512)
        guard let handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &error, error.count) else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError.configuration(KafkaConfiguration.text(error))
        }
        self.handle = handle
    }

    deinit {
        rd_kafka_purge(handle, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
        for topic in topics.values { rd_kafka_topic_destroy(topic) }
        rd_kafka_destroy(handle)
    }

    /// Fails unless a broker answers a metadata request for `topic` within `timeout`.
    func checkConnection(topic: String, timeout: Duration) throws(KafkaError) {
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let result = rd_kafka_metadata(handle, 0, try self.topic(topic), &metadata, KafkaConfiguration.milliseconds(timeout))
        if let metadata { rd_kafka_metadata_destroy(metadata) }
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(code: result) }
    }

    /// Queues one message (copied); waits for room while librdkafka's queue is full.
    func send(topic name: String, key: [UInt8]?, value: [UInt8]) throws(KafkaError) {
        let topic = try self.topic(name)
        while true {
            let status = value.withUnsafeBytes { payload in
                if let key {
                    return key.withUnsafeBytes { keyBytes in
                        rd_kafka_produce(topic, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, UnsafeMutableRawPointer(mutating: payload.baseAddress),
                                         payload.count, keyBytes.baseAddress, keyBytes.count, nil)
                    }
                }
                return rd_kafka_produce(topic, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, UnsafeMutableRawPointer(mutating: payload.baseAddress),
                                        payload.count, nil, 0, nil)
            }
            if status == 0 { return }
            let error = rd_kafka_last_error()
            guard error == RD_KAFKA_RESP_ERR__QUEUE_FULL else { throw KafkaError(code: error) }
            rd_kafka_poll(handle, 50)
        }
    }

    /// Runs the delivery callbacks of what was acknowledged so far, without waiting.
    func serveReports() {
        rd_kafka_poll(handle, 0)
    }

    /// Waits until every message sent so far is acknowledged by the cluster (`acks=all`), at
    /// most `timeout`; throws the first delivery failure. Messages not delivered in time are
    /// purged, so that a retry of the batch does not race them.
    func deliver(timeout: Duration) throws(KafkaError) {
        defer { reports.firstError.withLock { $0 = nil } }
        let flushed = rd_kafka_flush(handle, KafkaConfiguration.milliseconds(timeout))
        if flushed != RD_KAFKA_RESP_ERR_NO_ERROR {
            rd_kafka_purge(handle, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
            rd_kafka_poll(handle, 0)
            throw KafkaError(code: flushed, message: "messages not delivered within \(timeout)")
        }
        if let error = reports.firstError.withLock({ $0 }) { throw KafkaError(code: error) }
    }

    private func topic(_ name: String) throws(KafkaError) -> OpaquePointer {
        if let topic = topics[name] { return topic }
        guard let topic = rd_kafka_topic_new(handle, name, nil) else { throw KafkaError(code: rd_kafka_last_error()) }
        topics[name] = topic
        return topic
    }
}

import CRdKafka

/// Builds a librdkafka configuration from property names and values. Values are never put in
/// errors: they may be secrets (`sasl.password`, `ssl.key.password`).
enum KafkaConfiguration {
    /// A new `rd_kafka_conf_t` with `settings` applied in order (later ones win).
    static func make(_ settings: [(String, String)]) throws(KafkaError) -> OpaquePointer {
        let conf = rd_kafka_conf_new()!
        var error = [CChar](repeating: 0, count: 512)
        for (name, value) in settings {
            let result = rd_kafka_conf_set(conf, name, value, &error, error.count)
            guard result == RD_KAFKA_CONF_OK else {
                rd_kafka_conf_destroy(conf)
                let reason = text(error)
                throw KafkaError.configuration("librdkafka refuses the setting '\(name)': \(reason.replacingOccurrences(of: value, with: "…"))")
            }
        }
        // librdkafka's own lines (a broker down, a rebalance, a refused setting) go to the
        // stage's logger, in the agent's log format, instead of straight to stderr.
        rd_kafka_conf_set_log_cb(conf) { handle, level, facility, line in
            guard let handle, let opaque = rd_kafka_opaque(handle), let line else { return }
            guard let sink = Unmanaged<AnyObject>.fromOpaque(opaque).takeUnretainedValue() as? any KafkaLogSink else { return }
            sink.log.write(level: level, facility: facility.map { String(cString: $0) } ?? "", line: String(cString: line))
        }
        return conf
    }

    /// librdkafka's error text from a buffer it filled.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A duration as librdkafka's millisecond timeouts.
    static func milliseconds(_ duration: Duration) -> Int32 {
        Int32(clamping: duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }
}

import CRdKafka
import EdgeCore

/// A librdkafka failure: its error code (`rd_kafka_resp_err_t`; `-186`, invalid argument, for a
/// configuration librdkafka refuses) and message.
public struct KafkaError: TransientClassifying, Sendable, CustomStringConvertible {
    /// librdkafka's error code.
    public var code: Int32
    public var message: String

    init(code: rd_kafka_resp_err_t, message: String? = nil) {
        self.code = code.rawValue
        self.message = message ?? String(cString: rd_kafka_err2str(code))
    }

    /// A setting librdkafka refuses (an unknown property, a bad value).
    static func configuration(_ message: String) -> KafkaError {
        KafkaError(code: RD_KAFKA_RESP_ERR__INVALID_ARG, message: message)
    }

    /// Failed authentication or authorization, and settings librdkafka refuses, will not get
    /// better by retrying; anything else (brokers down, timeouts, leader changes) may.
    public var isTransient: Bool {
        let permanent: [rd_kafka_resp_err_t] = [
            RD_KAFKA_RESP_ERR__INVALID_ARG, RD_KAFKA_RESP_ERR__AUTHENTICATION, RD_KAFKA_RESP_ERR__SSL,
            RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED, RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED,
            RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE,
            RD_KAFKA_RESP_ERR__FATAL,
        ]
        return !permanent.map(\.rawValue).contains(code)
    }

    /// A message larger than the broker or the producer accepts is about that row alone.
    public var isRowRejection: Bool {
        code == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE.rawValue
    }

    public var description: String { "\(message) (librdkafka error \(code))" }
}

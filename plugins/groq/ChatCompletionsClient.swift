import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `POST {base_url}/chat/completions` with a bearer key, JSON in and out; reports rate limits
/// with the server's `retry-after`.
struct ChatCompletionsClient: Sendable {
    struct Reply: Equatable {
        var content: String
        var totalTokens: Int
    }

    let baseURL: URL
    let apiKey: String
    let model: String
    let temperature: Double
    let maxTokens: Int
    let timeout: TimeInterval

    /// One completion of `prompt`, or for a 429 no reply and the `retry-after` to wait; throws
    /// ``GroqError`` for other failures.
    func complete(system: String, prompt: String) async throws -> (reply: Reply?, retryAfter: Double?) {
        var request = URLRequest(url: baseURL.appendingPathComponent("chat/completions"), timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
        request.httpBody = try JSONSerialization.data(withJSONObject: [
            "model": model, "temperature": temperature, "max_tokens": maxTokens,
            "messages": [["role": "system", "content": system], ["role": "user", "content": prompt]],
        ] as [String: Any])
        let data: Data, response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw GroqError(code: .unreachable, status: nil, message: "\(baseURL.absoluteString): \(error.localizedDescription)")
        }
        let http = response as? HTTPURLResponse
        return try Self.interpret(status: http?.statusCode ?? 0, body: data, retryAfter: http?.value(forHTTPHeaderField: "retry-after"))
    }

    /// What an HTTP answer means: a reply (or none, for a 2xx without content), for a 429 the
    /// seconds to wait (`retry-after`, else 1), otherwise a ``GroqError`` with its code.
    static func interpret(status: Int, body data: Data, retryAfter: String?) throws -> (reply: Reply?, retryAfter: Double?) {
        let body = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        let serverMessage = ((body?["error"] as? [String: Any])?["message"] as? String) ?? "HTTP \(status)"
        switch status {
        case 200..<300:
            let choice = (body?["choices"] as? [[String: Any]])?.first
            let content = (choice?["message"] as? [String: Any])?["content"] as? String
            let tokens = ((body?["usage"] as? [String: Any])?["total_tokens"] as? NSNumber)?.intValue ?? 0
            return (content.map { Reply(content: $0, totalTokens: tokens) }, nil)
        case 429:
            return (nil, retryAfter.flatMap(Double.init) ?? 1)
        case 401, 403:
            throw GroqError(code: .unauthorized, status: status, message: "the API key was refused: \(serverMessage)")
        case 500...:
            throw GroqError(code: .serverError, status: status, message: serverMessage)
        default:
            throw GroqError(code: .badRequest, status: status, message: serverMessage)
        }
    }
}

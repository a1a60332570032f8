import Foundation
@testable import GroqPlugin
import Testing

@Suite("groq: what an HTTP answer means")
struct ChatCompletionsClientTests {
    func interpret(_ status: Int, _ body: String, retryAfter: String? = nil) throws -> (reply: ChatCompletionsClient.Reply?, retryAfter: Double?) {
        try ChatCompletionsClient.interpret(status: status, body: Data(body.utf8), retryAfter: retryAfter)
    }

    func code(_ status: Int, _ body: String = "") -> GroqError? {
        do {
            _ = try interpret(status, body)
            return nil
        } catch {
            return error as? GroqError
        }
    }

    @Test func aCompletionIsItsFirstChoiceAndTokenCount() throws {
        let answer = try interpret(200, #"{"choices":[{"message":{"content":"[]"}}],"usage":{"total_tokens":42}}"#)
        #expect(answer.reply == .init(content: "[]", totalTokens: 42) && answer.retryAfter == nil)
        #expect(try interpret(200, "{}").reply == nil)
    }

    @Test func rateLimitsWaitAsToldOrOneSecond() throws {
        #expect(try interpret(429, "", retryAfter: "7.5").retryAfter == 7.5)
        #expect(try interpret(429, "", retryAfter: "soon").retryAfter == 1)
        #expect(try interpret(429, "").reply == nil)
    }

    @Test func failuresCarryACodeAndWhetherTheyPass() throws {
        let refused = try #require(code(401, #"{"error":{"message":"Invalid API Key"}}"#))
        #expect(refused.code == .unauthorized && !refused.isTransient)
        #expect(refused.description == "Groq API: the API key was refused: Invalid API Key (HTTP 401)")
        #expect(code(403)?.code == .unauthorized)
        #expect(code(503)?.code == .serverError && code(503)?.isTransient == true)
        #expect(code(400)?.code == .badRequest && code(400)?.isTransient == false)
        #expect(code(400)?.message == "HTTP 400")
        #expect(GroqError.Code.serverError.description == "server_error")
        #expect(GroqError(code: .unreachable, status: nil, message: "down").isTransient)
    }
}

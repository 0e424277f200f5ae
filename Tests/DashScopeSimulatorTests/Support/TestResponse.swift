import Foundation
import Testing

/// A simulator answer: status and raw body text.
struct TestResponse: Sendable {
    var status: Int
    var text: String

    /// The body as a JSON object.
    func json() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(self.text.utf8), options: [.fragmentsAllowed])
        return try #require(value as? [String: Any], "not a JSON object: \(self.text)")
    }

    /// `output` of a success body.
    func output() throws -> [String: Any] {
        try #require(try self.json()["output"] as? [String: Any], "no output in \(self.text)")
    }

    /// `output.task_id` of a create answer.
    func taskID() throws -> String {
        try #require(try self.output()["task_id"] as? String)
    }

    /// `output.task_status` of a task answer.
    func taskStatus() throws -> String? {
        try self.output()["task_status"] as? String
    }

    /// Checks DashScope's flat error body: exactly `request_id`, `code` and `message`.
    func expectError(
        status: Int,
        code: String,
        message: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(self.status == status, "body: \(self.text)", sourceLocation: sourceLocation)
        let json = try self.json()
        #expect(Set(json.keys) == ["request_id", "code", "message"], sourceLocation: sourceLocation)
        #expect(!((json["request_id"] as? String) ?? "").isEmpty, sourceLocation: sourceLocation)
        #expect(json["code"] as? String == code, sourceLocation: sourceLocation)
        if let message {
            #expect(json["message"] as? String == message, sourceLocation: sourceLocation)
        }
    }
}

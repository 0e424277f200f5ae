import Foundation

/// DashScope's flat error body: a JSON object with exactly the string fields `request_id`, `code` and `message`.
struct FlatErrorBody: Sendable, Equatable {
    var requestID: String
    var code: String
    var message: String

    /// The body, or nil when it is not exactly that shape.
    init?(_ bytes: [UInt8]) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any],
            Set(object.keys) == ["request_id", "code", "message"],
            let requestID = object["request_id"] as? String, let code = object["code"] as? String,
            let message = object["message"] as? String, !code.isEmpty, !message.isEmpty
        else { return nil }
        self.requestID = requestID
        self.code = code
        self.message = message
    }

    /// The `request_id` of any JSON object body (errors and most successes carry one).
    static func requestID(in bytes: [UInt8]) -> String? {
        ((try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any])?["request_id"] as? String
    }
}

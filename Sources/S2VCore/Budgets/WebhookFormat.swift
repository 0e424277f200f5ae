/// The body of an alert webhook: the JSON event, or a Slack-compatible `{"text": ...}` message.
public enum WebhookFormat: String, Sendable, CaseIterable, Codable {
    case json
    case slack

    public static func parse(_ text: String) throws(DomainError) -> WebhookFormat {
        guard let format = WebhookFormat(rawValue: text.lowercased()) else {
            throw .invalid("webhook format must be json or slack; got '\(text)'.")
        }
        return format
    }
}

import Foundation

/// Checks the media URLs of a request: public http(s) URLs, or `oss://` URLs of DashScope's temporary store.
public enum InputURL {
    public static let maximumLength = 4096

    /// Returns nil if `text` is acceptable, else why not.
    public static func problem(with text: String, field: String) -> String? {
        guard !text.isEmpty else { return "\(field) must not be empty." }
        guard text.utf8.count <= Self.maximumLength else {
            return "\(field) is longer than \(Self.maximumLength) bytes."
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return "\(field) is not a valid URL."
        }
        switch scheme {
        case "http", "https":
            guard let host = components.host, !host.isEmpty else { return "\(field) has no host." }
            return nil
        case "oss":
            guard let host = components.host, !host.isEmpty else { return "\(field) has no bucket." }
            return nil
        default:
            return "\(field) must be an http, https or oss URL."
        }
    }
}

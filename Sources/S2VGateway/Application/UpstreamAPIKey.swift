import Foundation

/// The upstream DashScope key. Its descriptions are redacted so that it cannot reach a log line by accident.
public struct UpstreamAPIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The key itself; only the upstream client reads it, to build the `Authorization` header.
    public let secret: String

    public init(secret: String) {
        self.secret = secret
    }

    public var description: String { "UpstreamAPIKey(redacted)" }
    public var debugDescription: String { self.description }

    /// Reads `DASHSCOPE_API_KEY`, else the file named by `DASHSCOPE_API_KEY_FILE` (or the official SDK's
    /// `DASHSCOPE_API_KEY_FILE_PATH`). Returns nil when neither is set.
    public static func fromEnvironment(_ environment: [String: String]) throws -> UpstreamAPIKey? {
        if let key = environment["DASHSCOPE_API_KEY"]?.trimmingCharacters(in: .whitespacesAndNewlines), !key.isEmpty {
            return UpstreamAPIKey(secret: key)
        }
        guard let path = environment["DASHSCOPE_API_KEY_FILE"] ?? environment["DASHSCOPE_API_KEY_FILE_PATH"] else {
            return nil
        }
        let key = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return key.isEmpty ? nil : UpstreamAPIKey(secret: key)
    }
}

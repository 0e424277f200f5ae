import Crypto
import Foundation

/// A dashboard session's token: 32 random bytes in hex, held only by the browser (in an HttpOnly cookie) and
/// stored only as a SHA-256 hash. Its entropy is what makes a fast hash safe, as for gateway keys.
public struct DashboardSessionToken: Sendable, Equatable, CustomStringConvertible {
    static let byteCount = 32

    /// The token as the cookie carries it.
    public let value: String

    public init(value: String) {
        self.value = value
    }

    /// A new random token.
    public static func generate() -> DashboardSessionToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<Self.byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return DashboardSessionToken(value: bytes.map { String(format: "%02x", $0) }.joined())
    }

    /// The SHA-256 of the token: what the database stores and looks up.
    public var hash: [UInt8] {
        Array(SHA256.hash(data: Data(self.value.utf8)))
    }

    /// Redacted, so a token cannot reach a log line by accident.
    public var description: String { "DashboardSessionToken(…)" }
}

import Crypto
import Foundation

/// A gateway key: `s2v_` and 43 random base-62 characters (about 256 bits), shown once and stored only as a
/// SHA-256 hash. High entropy is what makes a fast hash safe here: no key can be guessed from its hash.
public struct APIKeySecret: Sendable, Equatable, CustomStringConvertible {
    public static let prefix = "s2v_"
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    static let randomLength = 43

    /// The whole key, as the client sends it.
    public let value: String

    public init(value: String) {
        self.value = value
    }

    /// A new random key.
    public static func generate() -> APIKeySecret {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<Self.randomLength).map { _ in Self.alphabet.randomElement(using: &generator)! }
        return APIKeySecret(value: Self.prefix + String(random))
    }

    /// The SHA-256 of the key: what the database stores and looks up.
    public var hash: [UInt8] {
        Array(SHA256.hash(data: Data(self.value.utf8)))
    }

    /// The first characters, safe to show in listings and logs.
    public var displayPrefix: String {
        String(self.value.prefix(Self.prefix.count + 8))
    }

    /// Redacted, so a key cannot reach a log line by accident.
    public var description: String { "\(self.displayPrefix)…" }
}

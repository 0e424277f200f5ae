/// Why a webhook URL, or an address its host resolved to, may not receive budget alerts.
public struct WebhookAddressRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// A sentence that names the URL's problem, such as "the webhook host 127.0.0.1 is a loopback address
    /// (127.0.0.0/8)".
    public var message: String
    /// The address kind that was refused, when an address was.
    public var kind: IPAddressKind?

    public init(_ message: String, kind: IPAddressKind? = nil) {
        self.message = message
        self.kind = kind
    }

    public var description: String { self.message }
}

/// Settings of a gateway instance.
public struct GatewayConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The upstream API base, ending in `/api/v1` (DashScope's, or a simulator's).
    public var upstreamBaseURL: String
    /// The real DashScope key. Never logged, never returned, never stored in the database.
    public var upstreamAPIKey: UpstreamAPIKey

    public init(host: String = "127.0.0.1", port: Int = 8080, upstreamBaseURL: String, upstreamAPIKey: UpstreamAPIKey) {
        self.host = host
        self.port = port
        self.upstreamBaseURL = upstreamBaseURL
        self.upstreamAPIKey = upstreamAPIKey
    }
}

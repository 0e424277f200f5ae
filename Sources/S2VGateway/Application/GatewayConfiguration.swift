/// Settings of a gateway instance.
public struct GatewayConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The upstream API base, ending in `/api/v1` (DashScope's, or a simulator's).
    public var upstreamBaseURL: String
    /// The real DashScope key. Never logged, never returned, never stored in the database.
    public var upstreamAPIKey: UpstreamAPIKey
    /// The name under which tasks record the upstream account they were submitted to.
    public var upstreamAccount: String
    /// How long an upstream call may take before it counts as unanswered.
    public var upstreamTimeout: Duration
    /// How often each unfinished task is queried upstream, whatever clients do.
    public var pollInterval: Duration
    /// Upstream task queries per second this instance allows itself (DashScope allows 20 per account).
    public var queriesPerSecond: Int
    /// After a submission got no answer, how long to wait for its task to show in the upstream's task list
    /// before concluding that the upstream created nothing.
    public var notCreatedGrace: Duration
    /// A submitted task the upstream answers UNKNOWN for, this long after submission, was forgotten (expired):
    /// it is charged its full hold, conservatively, and flagged for review.
    public var forgottenAfter: Duration
    /// Budget alert webhooks: polling, backoff and timeouts.
    public var alerts: AlertDeliverySettings
    /// How long a graceful shutdown may take (requests and background rounds finishing) before the rest is
    /// cancelled. A submission cut off this way is resolved from the upstream's task list at the next start.
    public var shutdownGrace: Duration

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        upstreamBaseURL: String,
        upstreamAPIKey: UpstreamAPIKey,
        upstreamAccount: String = "default",
        upstreamTimeout: Duration = .seconds(30),
        pollInterval: Duration = .seconds(5),
        queriesPerSecond: Int = 20,
        notCreatedGrace: Duration = .seconds(60),
        forgottenAfter: Duration = .seconds(3600),
        alerts: AlertDeliverySettings = AlertDeliverySettings(),
        shutdownGrace: Duration = .seconds(20)
    ) {
        self.host = host
        self.port = port
        self.upstreamBaseURL = upstreamBaseURL
        self.upstreamAPIKey = upstreamAPIKey
        self.upstreamAccount = upstreamAccount
        self.upstreamTimeout = upstreamTimeout
        self.pollInterval = pollInterval
        self.queriesPerSecond = queriesPerSecond
        self.notCreatedGrace = notCreatedGrace
        self.forgottenAfter = forgottenAfter
        self.alerts = alerts
        self.shutdownGrace = shutdownGrace
    }
}

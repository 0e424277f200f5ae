import S2VStore

/// Settings of a gateway instance.
public struct GatewayConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The upstream API base, ending in `/api/v1` (DashScope's, or a simulator's).
    public var upstreamBaseURL: String
    /// The real DashScope key of this instance's own account (`DASHSCOPE_API_KEY`), if any; more accounts come
    /// from the pool table. Never logged, never returned, never stored in the database.
    public var upstreamAPIKey: UpstreamAPIKey?
    /// The name of that account: tasks record the upstream account they were submitted to.
    public var upstreamAccount: String
    /// That account's limits; every instance together stays inside them.
    public var accountLimits: AccountLimits
    /// How long a face-detect call may wait for a submission slot of an account before it is refused with 429.
    public var detectSlotWait: Duration
    /// How long a request waits for PostgreSQL in total (all its store operations and its call-log write, see
    /// `StoreAllowance`) before it is refused with 503: the gateway fails closed, fast, when the store is
    /// unreachable, hung or slow.
    public var storeDeadline: Duration
    /// How long an upstream call may take before it counts as unanswered.
    public var upstreamTimeout: Duration
    /// How long opening a connection to the upstream may take. A call to an unreachable upstream fails with 503
    /// after this (it is never retried inside the HTTP client, where calls would pile up and then leave together
    /// when the upstream returns). At most `upstreamTimeout`.
    public var upstreamConnectTimeout: Duration
    /// How often each unfinished task is queried upstream, whatever clients do.
    public var pollInterval: Duration
    /// After a submission got no answer, how long to wait for its task to show in the upstream's task list
    /// before concluding that the upstream created nothing.
    public var notCreatedGrace: Duration
    /// How long a submission whose outcome cannot be determined (no usable answer, and the upstream's task list
    /// unreadable, shaped unexpectedly or silent) may keep its account waiting, from the submission's start. Then
    /// it is settled by rule: captured at its full hold, flagged for review, and the account's queue resumes.
    /// Should be at least `notCreatedGrace`, so that a readable list is given its chance first.
    public var unresolvedSubmissionLimit: Duration
    /// A submitted task the upstream answers UNKNOWN for, this long after submission, was forgotten (expired):
    /// it is charged its full hold, conservatively, and flagged for review.
    public var forgottenAfter: Duration
    /// Budget alert webhooks: polling, backoff and timeouts.
    public var alerts: AlertDeliverySettings
    /// How long a graceful shutdown may take (requests and background rounds finishing) before the rest is
    /// cancelled. A submission cut off this way is resolved from the upstream's task list at the next start.
    public var shutdownGrace: Duration
    /// `GET /metrics` answers without a key (for scrapers on a private network); otherwise it needs an admin
    /// key, since it shows every team's spend.
    public var metricsPublic: Bool
    /// The tag keys `/metrics` reports spend by (`s2v_tag_spend_usd`). Only these, since every value of a key
    /// becomes a series of its own.
    public var metricsTagKeys: [String]
    /// The longest one background round (dispatch, poll, alert delivery, detect-intent recovery) may take before
    /// it is cancelled and retried; each service uses at least twice the longest call its round waits for. A
    /// service with no successful round for longer than its deadline plus its pause plus 10 s is stuck, and
    /// `/ready` answers 503.
    public var roundDeadline: Duration
    /// How long `/ready` waits for its database check before it answers 503: it answers within about this,
    /// whatever PostgreSQL does.
    public var readinessDeadline: Duration
    /// How long keys, models and prices are cached when no change notification drops them first: the bound on a
    /// revocation or a new price reaching this instance. One second; tests lengthen it.
    public var lookupLifetime: Duration = .seconds(1)

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        upstreamBaseURL: String,
        upstreamAPIKey: UpstreamAPIKey?,
        upstreamAccount: String = "default",
        accountLimits: AccountLimits = AccountLimits(),
        detectSlotWait: Duration = .seconds(2),
        storeDeadline: Duration = .seconds(3),
        upstreamTimeout: Duration = .seconds(30),
        upstreamConnectTimeout: Duration = .seconds(1),
        pollInterval: Duration = .seconds(5),
        notCreatedGrace: Duration = .seconds(60),
        unresolvedSubmissionLimit: Duration = .seconds(600),
        forgottenAfter: Duration = .seconds(3600),
        alerts: AlertDeliverySettings = AlertDeliverySettings(),
        shutdownGrace: Duration = .seconds(20),
        metricsPublic: Bool = false,
        metricsTagKeys: [String] = [],
        roundDeadline: Duration = .seconds(120),
        readinessDeadline: Duration = .milliseconds(500)
    ) {
        self.host = host
        self.port = port
        self.upstreamBaseURL = upstreamBaseURL
        self.upstreamAPIKey = upstreamAPIKey
        self.upstreamAccount = upstreamAccount
        self.accountLimits = accountLimits
        self.detectSlotWait = detectSlotWait
        self.storeDeadline = storeDeadline
        self.upstreamTimeout = upstreamTimeout
        self.upstreamConnectTimeout = min(upstreamConnectTimeout, upstreamTimeout)
        self.pollInterval = pollInterval
        self.notCreatedGrace = notCreatedGrace
        self.unresolvedSubmissionLimit = unresolvedSubmissionLimit
        self.forgottenAfter = forgottenAfter
        self.alerts = alerts
        self.shutdownGrace = shutdownGrace
        self.metricsPublic = metricsPublic
        self.metricsTagKeys = metricsTagKeys
        self.roundDeadline = roundDeadline
        self.readinessDeadline = readinessDeadline
    }
}

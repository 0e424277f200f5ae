import S2VCore

/// How budget alerts are delivered to webhooks, and where they may go.
public struct AlertDeliverySettings: Sendable {
    /// How often an instance looks for alerts that are due.
    public var pollInterval: Duration
    /// The wait after a first failed delivery; it doubles with each further failure, up to `maximumBackoff`.
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    /// How long one delivery attempt may take.
    public var timeout: Duration
    /// How long a claimed alert is reserved for the instance sending it (longer than `timeout`).
    public var lease: Duration
    /// Which webhook addresses are allowed: public ones, and any address of the hosts of the
    /// `webhook-allow-hosts` setting. Checked when a budget is set through the admin API, and at every delivery.
    public var addresses: WebhookAddressRule

    public init(
        pollInterval: Duration = .seconds(1),
        initialBackoff: Duration = .seconds(1),
        maximumBackoff: Duration = .seconds(300),
        timeout: Duration = .seconds(10),
        lease: Duration = .seconds(60),
        addresses: WebhookAddressRule = WebhookAddressRule()
    ) {
        self.pollInterval = pollInterval
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.timeout = timeout
        self.lease = max(lease, timeout * 2)
        self.addresses = addresses
    }

    /// The wait before the next attempt, after `attempts` failed ones: initial × 2^(attempts−1), capped.
    func backoff(afterAttempts attempts: Int) -> Duration {
        var wait = self.initialBackoff
        for _ in 1..<max(attempts, 1) where wait < self.maximumBackoff { wait *= 2 }
        return min(wait, self.maximumBackoff)
    }
}

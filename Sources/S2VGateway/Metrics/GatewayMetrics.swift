import Prometheus

/// The gateway's in-process metrics, recorded on one Prometheus registry.
///
/// The registry is injected (the `serve` command makes one and bootstraps swift-metrics with it), so every
/// application built in one process, as tests do, counts only its own requests.
struct GatewayMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    static let requestBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]
    static let upstreamBuckets: [Duration] = [
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
    ]

    // Computed: the descriptor type is not Sendable, so it cannot be a stored static.
    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "s2v",
            subsystem: "http",
            metricName: "requests",
            unitName: "total",
            helpText: "HTTP requests this instance answered, by method, matched route pattern and status code."
        )
    }
    static var requestDuration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "s2v",
            subsystem: "http",
            metricName: "request_duration",
            unitName: "seconds",
            helpText: "Time this instance took to answer an HTTP request, by method and matched route pattern."
        )
    }
    static var upstreamDuration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "s2v",
            subsystem: "upstream",
            metricName: "request_duration",
            unitName: "seconds",
            helpText: "Duration of calls this instance made to the upstream DashScope API, by kind and outcome."
        )
    }

    static var unresolvedSubmissions: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "s2v",
            subsystem: "dispatch",
            metricName: "unresolved_submissions",
            unitName: "total",
            helpText:
                "Submissions whose outcome could not be determined within the unresolved-submission limit, settled at their full hold and flagged for review, by account."
        )
    }

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Counts one answered request and records how long it took.
    ///
    /// - Parameters:
    ///   - route: the matched route pattern (`/api/v1/tasks/{task_id}`), never the raw path, so the number of
    ///     series stays bounded; `NotFound` (Hummingbird's name) when no route matched.
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        self.registry.makeCounter(
            descriptor: Self.requests,
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        self.registry.makeDurationHistogram(
            descriptor: Self.requestDuration,
            labels: [("method", method), ("route", route)],
            buckets: Self.requestBuckets
        ).record(duration)
    }

    /// Counts one submission settled by rule because its outcome could not be determined in time.
    func recordUnresolvedSubmission(account: String) {
        self.registry.makeCounter(descriptor: Self.unresolvedSubmissions, labels: [("account", account)]).increment()
    }

    /// Records one upstream call's duration.
    func recordUpstreamCall(kind: UpstreamCallKind, outcome: UpstreamCallOutcome, duration: Duration) {
        self.registry.makeDurationHistogram(
            descriptor: Self.upstreamDuration,
            labels: [("kind", kind.rawValue), ("outcome", outcome.rawValue)],
            buckets: Self.upstreamBuckets
        ).record(duration)
    }
}

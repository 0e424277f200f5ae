import Foundation
import Prometheus

/// The background services' liveness: last successful round, failed rounds, rounds left running.
extension GatewayMetrics {
    static var roundLastSuccess: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "s2v",
            subsystem: "background",
            metricName: "last_success",
            unitName: "timestamp_seconds",
            helpText:
                "Unix time of the last successful round of each background service (dispatch, poll, alert_delivery, detect_intent_recovery); alert when time() minus it exceeds the bound /ready shows."
        )
    }
    static var roundFailures: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "s2v",
            subsystem: "background",
            metricName: "round_failures",
            unitName: "total",
            helpText:
                "Background rounds that failed (cause error) or ran past their deadline and were cancelled (cause deadline), by service; each is retried with backoff."
        )
    }
    static var roundsLeftRunning: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "s2v",
            subsystem: "background",
            metricName: "rounds_left_running",
            unitName: "",
            helpText:
                "Background rounds cancelled at their deadline (or at shutdown) that have not ended yet, by service: their I/O never returned, as with a query sent to a hung PostgreSQL."
        )
    }

    func recordRoundSuccess(_ service: BackgroundService, at time: Date) {
        self.registry.makeGauge(descriptor: Self.roundLastSuccess, labels: [("service", service.rawValue)])
            .set(to: time.timeIntervalSince1970)
    }

    func recordRoundFailure(_ service: BackgroundService, cause: RoundFailureCause) {
        self.registry.makeCounter(
            descriptor: Self.roundFailures,
            labels: [("service", service.rawValue), ("cause", cause.rawValue)]
        ).increment()
    }

    /// A round was left running (`by` 1) or a round left running ended (`by` -1).
    func recordRoundLeftRunning(_ service: BackgroundService, by change: Double) {
        self.registry.makeGauge(descriptor: Self.roundsLeftRunning, labels: [("service", service.rawValue)])
            .increment(by: change)
    }
}

import Prometheus

/// Where a request's store deadline passed.
enum StoreDeadlineStage: String, Sendable {
    /// Before any upstream call: the request was refused with 503 and nothing was called.
    case request
    /// Recording the outcome of an upstream call already made: the client got 503, the write went on.
    case settlement
    /// The call-log write: the response went out without waiting for it; the write went on.
    case callLog = "call_log"
}

extension GatewayMetrics {
    static var storeDeadlinePassed: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "s2v",
            subsystem: "store",
            metricName: "deadline_passed",
            unitName: "total",
            helpText:
                "Requests whose store time reached the store deadline, by stage: request (refused with 503, nothing called), settlement (503 after the upstream call; the write went on), call_log (answered without waiting for the call-log write)."
        )
    }
    static var callLogLost: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "s2v",
            subsystem: "call_log",
            metricName: "unrecorded",
            unitName: "total",
            helpText: "API requests that could not be written to the call log, even after their response went out."
        )
    }

    /// Counts one request whose store deadline passed at `stage`.
    func recordStoreDeadlinePassed(_ stage: StoreDeadlineStage) {
        self.registry.makeCounter(descriptor: Self.storeDeadlinePassed, labels: [("stage", stage.rawValue)]).increment()
    }

    /// Counts one request missing from the call log.
    func recordCallLogLost() {
        self.registry.makeCounter(descriptor: Self.callLogLost).increment()
    }
}

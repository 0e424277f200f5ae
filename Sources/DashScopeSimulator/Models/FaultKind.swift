/// A fault the simulator can inject; the raw value is the `sim_fail=` URL marker.
public enum FaultKind: String, Sendable, Hashable, CaseIterable {
    /// 429 `Throttling.RateQuota`; nothing processed.
    case throttle
    /// 500 `InternalError`; nothing processed.
    case internalError = "error"
    /// Answer 408 `RequestTimeOut` after the timeout delay; nothing processed.
    case timeout
    /// Processed and billed, but answered only after the timeout delay.
    case lost
    /// The task is accepted and ends FAILED; not billed.
    case taskFailed = "task_failed"
    /// Processed and billed, but the 200 body is truncated JSON.
    case malformed
    /// Processed and billed, but the connection closes before the answer's body.
    case dropped
}

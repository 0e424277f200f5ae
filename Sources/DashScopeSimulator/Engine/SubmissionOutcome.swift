/// What the engine decided for a submission.
enum SubmissionOutcome<Value: Sendable>: Sendable {
    /// Not processed: answer this error now.
    case rejected(DashScopeError)
    /// Not processed: answer 408 after the timeout delay.
    case timedOut
    /// Processed (and billable); answer `value` as `delivery` says.
    case processed(Value, delivery: ResponseDelivery)
}

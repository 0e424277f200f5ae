/// How a face-detect call ended, as its settlement records it.
public enum DetectOutcome: Sendable, Equatable {
    /// The upstream answered 200: the check ran and the upstream bills it, whatever the body says.
    case checked(upstreamRequestID: String?)
    /// No usable answer, or an intent a crash left open: the check may have run, so it is charged, conservatively,
    /// and flagged for review.
    case unanswered
    /// The upstream refused the call, or it was never sent: the upstream does not bill it and its hold is released.
    /// `upstreamStatus` is the upstream's answer (or the gateway's stand-in for a call not sent), kept on the call
    /// record for auditors.
    case refused(upstreamStatus: Int, errorCode: String?, upstreamRequestID: String?)

    /// Where the call's record ends.
    public var callState: UpstreamCallState {
        switch self {
        case .checked: .succeeded
        case .unanswered: .resolved
        case .refused: .failed
        }
    }
}

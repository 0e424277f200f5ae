/// A call that got no HTTP answer from the upstream.
enum UpstreamFailure: Error, CustomStringConvertible {
    /// The request never reached the upstream (no connection): it was certainly not processed.
    case notSent(String)
    /// Sent, but no complete answer came back (timeout, dropped connection): it may have been processed.
    case noAnswer(String)

    var description: String {
        switch self {
        case .notSent(let reason): "not sent: \(reason)"
        case .noAnswer(let reason): "no answer: \(reason)"
        }
    }
}

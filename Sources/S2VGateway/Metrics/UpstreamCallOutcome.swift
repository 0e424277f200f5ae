/// How an upstream call ended, as the `outcome` label of the upstream latency histogram: a few classes, so the
/// number of series stays bounded.
enum UpstreamCallOutcome: String, Sendable, CaseIterable {
    /// 2xx.
    case success
    /// 429: the upstream throttled the account.
    case throttled
    /// Any other 4xx.
    case clientError = "client_error"
    /// 5xx (and any other status).
    case serverError = "server_error"
    /// No connection: the request was never sent.
    case notSent = "not_sent"
    /// Sent, but no complete answer came back (timeout, dropped connection).
    case noAnswer = "no_answer"

    /// The class of an HTTP answer's status.
    init(status: Int) {
        switch status {
        case 200..<300: self = .success
        case 429: self = .throttled
        case 400..<500: self = .clientError
        default: self = .serverError
        }
    }

    /// The class of a call that got no HTTP answer.
    init(failure: UpstreamFailure) {
        switch failure {
        case .notSent: self = .notSent
        case .noAnswer: self = .noAnswer
        }
    }
}

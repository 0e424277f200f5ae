import Foundation

/// A queued task this instance took out of the dispatch queue to submit, with its recorded intent.
public struct SubmissionClaim: Sendable, Equatable {
    public var taskID: UUID
    /// The `upstream_calls` row written before the call is sent.
    public var callID: Int64
    public var account: String
    /// The model submitted, whose submission rate the call counts against.
    public var model: String
    /// The client's body, to send as it is.
    public var requestBody: String
    /// Earlier attempts that the upstream refused with a retryable error.
    public var attempts: Int
}

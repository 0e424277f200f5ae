/// A refusal in the service's own terms, with no HTTP in it. The store and the domain rules throw these; the
/// gateway answers each with its HTTP status and DashScope code in one place (`ErrorMiddleware`), and the CLI
/// prints its message.
public enum DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A value the service does not accept: a budget's limit, an unknown team or key, a duplicate name.
    case invalid(String)
    /// A hold or charge would take a hard budget past its limit, or a budget cannot count it.
    case budgetExceeded(String)
    /// A client limit of the caller's team or key is used up.
    case clientLimit(ClientLimitRefusal)
    /// No upstream account has a submission slot soon enough; one will within `retryAfterSeconds`.
    case noUpstreamSlot(String, retryAfterSeconds: Int)
    /// The service cannot do it now, and nothing was done: the store did not answer, or nothing is configured
    /// to do it with.
    case unavailable(String)

    public var message: String {
        switch self {
        case .invalid(let message), .budgetExceeded(let message), .noUpstreamSlot(let message, _),
            .unavailable(let message):
            message
        case .clientLimit(let refusal): refusal.message
        }
    }

    public var description: String { self.message }
}

/// How a processed submission's 200 answer reaches the caller.
enum ResponseDelivery: Sendable, Equatable {
    /// Right away, intact.
    case normal
    /// Only after the timeout delay (models a response lost on the way back).
    case lost
    /// Right away, but truncated to invalid JSON.
    case malformed
    /// Never: the connection closes before the body (models a connection dropped on the way back).
    case dropped
}

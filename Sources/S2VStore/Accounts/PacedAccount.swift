/// An account the gateway may send calls to, with the limits its calls are paced by.
public struct PacedAccount: Sendable, Equatable {
    public var name: String
    public var limits: AccountLimits

    public init(name: String, limits: AccountLimits) {
        self.name = name
        self.limits = limits
    }
}

/// The simulator's own bill: what DashScope would charge, per account and in total.
public struct SimulatorBill: Sendable, Equatable {
    /// Always `"USD"`.
    public var currency: String
    /// All accounts together.
    public var total: AccountBill
    /// Per account, keyed by the account's API key.
    public var accounts: [String: AccountBill]

    /// Creates a bill.
    public init(currency: String, total: AccountBill, accounts: [String: AccountBill]) {
        self.currency = currency
        self.total = total
        self.accounts = accounts
    }
}

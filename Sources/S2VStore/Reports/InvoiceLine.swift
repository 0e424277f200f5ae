import Foundation

/// One line of a monthly statement: a team's charges for one model, tier and price version, as quantity ×
/// unit price = amount. Conservative charges (tasks the upstream forgot, charged their full hold) have lines of
/// their own.
public struct InvoiceLine: Sendable, Equatable {
    public var teamID: Int64
    public var team: String
    public var model: String
    public var tier: String
    /// The price version used, and the moment it took effect.
    public var priceID: Int64
    public var priceEffectiveFrom: Date
    /// `image` or `second`.
    public var unit: String
    public var unitPrice: Decimal
    public var currency: String
    public var conservative: Bool
    /// Calls (detect) or tasks (generation) charged.
    public var items: Int64
    public var quantity: Decimal
    public var amount: Decimal
    /// The value of the split's tag key on these charges, `""` for charges without it; `""` when not split.
    public var tagValue: String

    public init(
        teamID: Int64,
        team: String,
        model: String,
        tier: String,
        priceID: Int64,
        priceEffectiveFrom: Date,
        unit: String,
        unitPrice: Decimal,
        currency: String,
        conservative: Bool,
        items: Int64,
        quantity: Decimal,
        amount: Decimal,
        tagValue: String = ""
    ) {
        self.teamID = teamID
        self.team = team
        self.model = model
        self.tier = tier
        self.priceID = priceID
        self.priceEffectiveFrom = priceEffectiveFrom
        self.unit = unit
        self.unitPrice = unitPrice
        self.currency = currency
        self.conservative = conservative
        self.items = items
        self.quantity = quantity
        self.amount = amount
        self.tagValue = tagValue
    }
}

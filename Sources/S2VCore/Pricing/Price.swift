import Foundation

/// One version of a price: what one unit (an image or a video second) of a model and tier costs.
public struct Price: Sendable, Equatable {
    /// The price book row; every charge records it.
    public var id: Int64
    public var model: String
    /// The tier: `480P`/`720P` for wan2.2-s2v, `1:1`/`3:4` for emo-v1, empty for a model with one price.
    public var tier: String
    public var unit: String
    public var unitPrice: Decimal
    public var currency: String
    public var effectiveFrom: Date
    /// Where the price comes from, when it is not simply published: `derived: CNY 0.08 at 0.143354 USD/CNY`.
    public var note: String

    public init(
        id: Int64,
        model: String,
        tier: String,
        unit: String,
        unitPrice: Decimal,
        currency: String,
        effectiveFrom: Date,
        note: String = ""
    ) {
        self.id = id
        self.model = model
        self.tier = tier
        self.unit = unit
        self.unitPrice = unitPrice
        self.currency = currency
        self.effectiveFrom = effectiveFrom
        self.note = note
    }

    /// quantity × unit price, exact: the upstream bills fractional seconds as they are, without rounding.
    public func amount(for quantity: Decimal) -> Decimal {
        quantity * self.unitPrice
    }
}

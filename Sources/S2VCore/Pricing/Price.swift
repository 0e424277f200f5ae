import Foundation

/// One version of a price: what one unit (an image or a video second) of a model and tier costs.
public struct Price: Sendable, Equatable {
    /// The price book row; every charge records it.
    public var id: Int64
    public var model: String
    /// `480P`/`720P` for generation, empty for detect.
    public var tier: String
    public var unit: String
    public var unitPrice: Decimal
    public var currency: String
    public var effectiveFrom: Date

    public init(
        id: Int64,
        model: String,
        tier: String,
        unit: String,
        unitPrice: Decimal,
        currency: String,
        effectiveFrom: Date
    ) {
        self.id = id
        self.model = model
        self.tier = tier
        self.unit = unit
        self.unitPrice = unitPrice
        self.currency = currency
        self.effectiveFrom = effectiveFrom
    }

    /// quantity × unit price, exact: the upstream bills fractional seconds as they are, without rounding.
    public func amount(for quantity: Decimal) -> Decimal {
        quantity * self.unitPrice
    }
}

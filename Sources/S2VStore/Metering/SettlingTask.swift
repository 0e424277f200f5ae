import Foundation
import S2VCore

/// What settling a task reads about it, locked: its attribution, its price and hold, and its phase.
struct SettlingTask {
    /// The columns, in the order the settlement selects them.
    typealias Columns = (
        Int64, Int64, String, String, Int64, Decimal, String, Decimal, Decimal, Date, TaskPhase, Int64?, Decimal?
    )

    var teamID: Int64
    var keyID: Int64
    var model: String
    var tier: String
    var priceID: Int64
    var unitPrice: Decimal
    var currency: String
    var hold: Decimal
    var maxSeconds: Decimal
    /// When it was admitted: the day its charge belongs to.
    var admittedAt: Date
    var phase: TaskPhase
    /// The price of the tier the upstream reports, when it is not the admitted tier and is priced.
    var reportedPriceID: Int64?
    var reportedUnitPrice: Decimal?

    init(_ row: Columns) {
        (
            self.teamID, self.keyID, self.model, self.tier, self.priceID, self.unitPrice, self.currency, self.hold,
            self.maxSeconds, self.admittedAt, self.phase, self.reportedPriceID, self.reportedUnitPrice
        ) = row
    }
}

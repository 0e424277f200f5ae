import Foundation
import S2VCore

/// What settling a task reads about it, locked: its attribution, its price and hold, and its phase.
struct SettlingTask {
    /// The columns, in the order the settlement selects them.
    typealias Columns = (Int64, Int64, String, String, Int64, Decimal, String, Decimal, Decimal, Date, TaskPhase)

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

    init(_ row: Columns) {
        (
            self.teamID, self.keyID, self.model, self.tier, self.priceID, self.unitPrice, self.currency, self.hold,
            self.maxSeconds, self.admittedAt, self.phase
        ) = row
    }
}

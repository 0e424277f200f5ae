import Foundation
import Logging
import PostgresNIO

/// The hold a face-detect call took at its intent: one image at the price of the day.
struct DetectHold: Sendable {
    var callID: Int64
    var teamID: Int64
    var keyID: Int64
    var model: String
    var tier: String
    var priceID: Int64
    var unitPrice: Decimal
    var held: Decimal
    var currency: String
    var attributedAt: Date

    /// Writes the hold's settlement: a capture of `amount` (one image) or a release (0). The unique index on
    /// the call makes a second settlement fail instead of counting twice.
    func settle(kind: String, amount: Decimal, conservative: Bool, on connection: PostgresConnection, logger: Logger) async throws {
        let quantity: Decimal = kind == "capture" ? 1 : 0
        try await connection.query("""
            INSERT INTO ledger_entries (kind, team_id, key_id, upstream_call_id, model, tier, price_id, quantity,
                                        unit_price, amount, held, currency, attributed_at, conservative)
            VALUES (\(kind), \(self.teamID), \(self.keyID), \(self.callID), \(self.model), \(self.tier), \(self.priceID),
                    \(quantity), \(self.unitPrice), \(amount), \(-self.held), \(self.currency), \(self.attributedAt),
                    \(conservative))
            """, logger: logger)
    }
}

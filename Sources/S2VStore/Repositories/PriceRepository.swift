import Foundation
import Logging
import PostgresNIO
import S2VCore

/// The versioned price book.
public struct PriceRepository: Sendable {
    let client: StoreClient

    public init(client: StoreClient) {
        self.client = client
    }

    /// The price in force for `model` and `tier` at `time`, or nil: an unpriced call is refused, never free.
    public func current(model: String, tier: String, at time: Date = Date(), logger: Logger) async throws -> Price? {
        let rows = try await self.client.query(
            """
            SELECT id, model, tier, unit, unit_price, currency, effective_from, note FROM prices
            WHERE model = \(model) AND tier = \(tier) AND effective_from <= \(time)
            ORDER BY effective_from DESC LIMIT 1
            """,
            logger: logger
        )
        return try await Self.prices(rows).first
    }

    /// The tiers of `model` with a price in force now, for a refusal that says which are accepted.
    public func tiersInForce(model: String, logger: Logger) async throws -> [String] {
        let rows = try await self.client.query(
            "SELECT DISTINCT tier FROM prices WHERE model = \(model) AND effective_from <= now() ORDER BY tier",
            logger: logger
        )
        var tiers: [String] = []
        for try await tier in rows.decode(String.self) { tiers.append(tier) }
        return tiers
    }

    /// Every version, or only those in force now, ordered by model, tier and time.
    public func list(includeHistory: Bool, logger: Logger) async throws -> [Price] {
        let rows = try await self.client.query(
            """
            SELECT id, model, tier, unit, unit_price, currency, effective_from, note FROM prices p
            WHERE \(includeHistory) OR p.id = (
                SELECT id FROM prices q WHERE q.model = p.model AND q.tier = p.tier AND q.effective_from <= now()
                ORDER BY q.effective_from DESC LIMIT 1)
            ORDER BY model, tier, effective_from
            """,
            logger: logger
        )
        return try await Self.prices(rows)
    }

    /// Adds a price version effective from `effectiveFrom`. Charges keep the version they used.
    public func set(
        model: String,
        tier: String,
        unitPrice: Decimal,
        currency: String,
        effectiveFrom: Date,
        note: String = "",
        logger: Logger
    ) async throws -> Price {
        guard let metered = try await ModelCatalog(client: self.client).spec(named: model, logger: logger) else {
            throw DomainError.invalid("Unknown model '\(model)'.")
        }
        guard unitPrice > 0 else { throw DomainError.invalid("The unit price must be greater than 0.") }
        guard currency.wholeMatch(of: /[A-Z]{3}/) != nil else {
            throw DomainError.invalid("The currency must be a 3-letter ISO code such as USD.")
        }
        switch metered.kind {
        case .detect where !tier.isEmpty:
            throw DomainError.invalid("\(model) is priced per image and has no tiers.")
        case .generation where tier.isEmpty && metered.tierSource != .none:
            throw DomainError.invalid(
                "\(model) is priced per second per tier (\(metered.tierSource.origin)): give a tier such as 480P or 1:1."
            )
        case .generation where !tier.isEmpty && metered.tierSource == .none:
            throw DomainError.invalid("\(model) has one price per second and no tiers: give no tier.")
        default:
            break
        }
        do {
            let rows = try await self.client.query(
                """
                INSERT INTO prices (model, tier, unit, unit_price, currency, effective_from, note)
                VALUES (\(model), \(tier), \(metered.kind.unit), \(unitPrice), \(currency), \(effectiveFrom), \(note))
                RETURNING id, model, tier, unit, unit_price, currency, effective_from, note
                """,
                logger: logger
            )
            guard let price = try await Self.prices(rows).first else {
                throw DomainError.invalid("The price could not be recorded.")
            }
            return price
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw DomainError.invalid("A price for \(model) \(tier) effective from that time already exists.")
        }
    }

    private static func prices(_ rows: StoreRows) async throws -> [Price] {
        var prices: [Price] = []
        for try await (id, model, tier, unit, unitPrice, currency, effectiveFrom, note)
            in rows.decode((Int64, String, String, String, Decimal, String, Date, String).self)
        {
            prices.append(
                Price(
                    id: id,
                    model: model,
                    tier: tier,
                    unit: unit,
                    unitPrice: unitPrice,
                    currency: currency,
                    effectiveFrom: effectiveFrom,
                    note: note
                )
            )
        }
        return prices
    }
}

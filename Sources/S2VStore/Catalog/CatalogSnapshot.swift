import Foundation
import Logging
import S2VCore

/// The whole catalog and price book at one moment: every model and every price version, past and future, so
/// that a price read from it applies from its effective time exactly, whenever the snapshot was taken.
public struct CatalogSnapshot: Sendable {
    public let models: [String: ModelSpec]
    /// Every version, by model then tier, latest effective time first.
    let prices: [String: [String: [Price]]]

    public init(models: [ModelSpec], prices: [Price]) {
        self.models = Dictionary(models.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var byModel: [String: [String: [Price]]] = [:]
        for price in prices { byModel[price.model, default: [:]][price.tier, default: []].append(price) }
        self.prices = byModel.mapValues { tiers in tiers.mapValues { $0.sorted { $0.effectiveFrom > $1.effectiveFrom } }
        }
    }

    public func spec(named name: String) -> ModelSpec? {
        self.models[name]
    }

    /// The price in force for `model` and `tier` at `time`, or nil: an unpriced call is refused, never free.
    public func price(model: String, tier: String, at time: Date = Date()) -> Price? {
        self.prices[model]?[tier]?.first { $0.effectiveFrom <= time }
    }

    /// The tiers of `model` with a price in force at `time`.
    public func tiersInForce(model: String, at time: Date = Date()) -> [String] {
        (self.prices[model] ?? [:]).filter { _, versions in versions.contains { $0.effectiveFrom <= time } }.keys
            .sorted()
    }
}

extension ModelCatalog {
    /// Every model and every price version. Two reads: a change committed between them is announced after both,
    /// so the snapshot is dropped again (see `ChangeFeed`).
    public func snapshot(logger: Logger) async throws -> CatalogSnapshot {
        let specs = try await self.specs(logger: logger)
        let prices = try await PriceRepository(client: self.client).list(includeHistory: true, logger: logger)
        return CatalogSnapshot(models: specs, prices: prices)
    }
}

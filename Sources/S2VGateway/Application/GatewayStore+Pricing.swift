import Logging
import S2VCore
import S2VStore

extension GatewayStore {
    /// The model and the price in force for a call, or the `InvalidParameter` a client gets: an unknown model,
    /// a model of the other kind, or no price for the tier. Nothing unpriced ever reaches the upstream.
    func priceCall(
        model name: String,
        kind: ModelKind,
        tier: String,
        logger: Logger
    ) async throws -> (MeteredModel, Price) {
        guard let model = try await self.prices.model(named: name, logger: logger) else {
            throw ServiceError.invalidParameter("Model not exist: '\(name)' is not metered by this gateway.")
        }
        guard model.kind == kind else {
            let expected = kind == .detect ? "a face-detect" : "a video generation"
            throw ServiceError.invalidParameter("Model '\(name)' is not \(expected) model.")
        }
        guard let price = try await self.prices.current(model: name, tier: tier, logger: logger) else {
            if tier.isEmpty {
                throw ServiceError.invalidParameter(
                    "Model '\(name)' has no price; it cannot be called until it has one."
                )
            }
            throw ServiceError.invalidParameter(
                "No price for \(name) at resolution '\(tier)'; parameters.resolution must be a priced tier such as 480P or 720P."
            )
        }
        return (model, price)
    }
}

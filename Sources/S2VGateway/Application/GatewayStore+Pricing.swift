import Hummingbird
import Logging
import S2VCore
import S2VStore

extension GatewayStore {
    /// The catalog's model, the tier and the price in force for a call's body, or the `InvalidParameter` a client
    /// gets: an unknown model, a model of the other endpoint, a field its catalog rules refuse, or a tier without a
    /// price. Nothing is held or sent before this passes, and nothing unpriced ever reaches the upstream.
    func priceCall(
        _ document: RequestDocument,
        kind: ModelKind,
        context: GatewayRequestContext
    ) async throws -> (ModelSpec, Price) {
        let name = try CalledModel.name(in: document)
        context.details.update { $0.model = name }
        let (lookups, logger) = (self.lookups, context.logger)
        let catalog = try await context.withStore { try await lookups.snapshot(logger: logger) }
        guard let model = catalog.spec(named: name) else {
            throw ServiceError.invalidParameter("Model not exist: '\(name)' is not metered by this gateway.")
        }
        guard model.kind == kind else {
            let expected = kind == .detect ? "a face-detect" : "a video generation"
            throw ServiceError.invalidParameter("Model '\(name)' is not \(expected) model.")
        }
        let tier = try model.validate(document)
        context.details.update { $0.tier = tier }
        guard let price = catalog.price(model: name, tier: tier) else {
            let priced = catalog.tiersInForce(model: name)
            if model.tierSource == .none || priced.isEmpty {
                throw ServiceError.invalidParameter(
                    "Model '\(name)' has no price; it cannot be called until an admin sets one (s2v-meter prices set)."
                )
            }
            throw ServiceError.invalidParameter(
                "No price for \(name) at '\(tier)', \(model.tierSource.origin); it must be one of: \(priced.joined(separator: ", "))."
            )
        }
        return (model, price)
    }
}

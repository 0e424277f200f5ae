import Hummingbird
import HummingbirdCore

/// A video model's request body: decoded as the model's own type, then checked against its contract.
protocol SynthesisBody: Decodable, Sendable {
    /// The input URLs and the task's tier, or the 400 upstream answers for this body.
    func validated() throws(DashScopeError) -> SynthesisInput
}

extension SynthesisBody {
    /// Decodes `request`'s body as this type and checks it.
    static func validatedInput(from request: Request) async throws -> SynthesisInput {
        try await request.decodeJSONBody(as: Self.self).validated()
    }
}

import Hummingbird
import HummingbirdCore

/// A detect model's request body: decoded as the model's own type, then checked against its contract.
protocol DetectBody: Decodable, Sendable {
    /// The image and the requested ratio, or the 400 upstream answers for this body.
    func validated() throws(DashScopeError) -> DetectInput
}

extension DetectBody {
    /// Decodes `request`'s body as this type and checks it.
    static func validatedInput(from request: Request) async throws -> DetectInput {
        try await request.decodeJSONBody(as: Self.self).validated()
    }
}

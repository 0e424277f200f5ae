import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore

extension Request {
    /// Largest request body the simulator reads.
    static let maxJSONBodySize = 1 << 20

    /// Reads and decodes the JSON body; 400 `InvalidParameter` when it is not the expected JSON.
    func decodeJSONBody<Body: Decodable>(as type: Body.Type) async throws -> Body {
        var request = self
        let buffer = try await request.collectBody(upTo: Self.maxJSONBodySize)
        do {
            return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch {
            throw DashScopeError.invalidParameter("The request body is not valid JSON or has fields of the wrong type.")
        }
    }
}

import Foundation
import Hummingbird
import NIOCore
import S2VCore

extension Request {
    /// The body, refused with `InvalidParameter` past `limit` bytes.
    func collectBody(upTo limit: Int) async throws -> Data {
        do {
            let buffer = try await self.body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw ServiceError.invalidParameter("The request body is larger than \(limit) bytes.")
        } catch is NIOTooManyBytesError {
            throw ServiceError.invalidParameter("The request body is larger than \(limit) bytes.")
        }
    }
}

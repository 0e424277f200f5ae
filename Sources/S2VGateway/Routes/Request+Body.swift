import Foundation
import Hummingbird
import NIOCore
import S2VCore

extension Request {
    /// The JSON body, read once by the strict reader: the document a route validates, prices, stores and sends.
    /// The only way a route reads a JSON body, so no route can read it any other way.
    func jsonDocument(context: GatewayRequestContext) async throws -> RequestDocument {
        let body = try await self.collectBody(upTo: context.maxUploadSize)
        return try RequestDocument(parsing: body.readableBytesView)
    }

    /// The raw body, refused with 413 past `limit` bytes as soon as more than that has arrived.
    func collectBody(upTo limit: Int) async throws -> ByteBuffer {
        do {
            return try await self.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw ServiceError.bodyTooLarge(limit: limit)
        } catch is NIOTooManyBytesError {
            throw ServiceError.bodyTooLarge(limit: limit)
        }
    }
}

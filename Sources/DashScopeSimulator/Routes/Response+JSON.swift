import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore

extension Response {
    /// A JSON response with the given text as body.
    static func json(text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    /// A JSON response.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        self.json(text: value.serialized(), status: status)
    }

    /// DashScope's flat error body.
    static func dashScopeError(_ error: DashScopeError) -> Response {
        self.json(
            .object([
                ("request_id", .string(RequestIDs.make())),
                ("code", .string(error.code)),
                ("message", .string(error.message)),
            ]),
            status: error.status
        )
    }
}

import Foundation
import NIOCore
import S2VCore

/// The gateway's published API contract: one OpenAPI 3.1 document for its whole HTTP surface. Its home is
/// `openapi.json` beside this file; `APIContract+Text.swift` carries the same text into the binary (a test keeps
/// the two identical). The gateway serves it at `/openapi.json` and renders it for people at `/docs`.
enum APIContract {
    /// The document as served.
    static let bytes = ByteBuffer(string: Self.text)

    /// The document parsed, for the `/docs` page.
    static let document: JSONValue = JSONValue.parse(Data(Self.text.utf8)) ?? .object([:])

    /// The `/docs` page, rendered once.
    static let page = APIReferencePage(document: Self.document).html
}

import HTTPTypes
import Hummingbird
import HummingbirdCore

extension Response {
    /// A 200 whose body never comes: the server closes the connection instead, so the caller gets no answer.
    static func dropped(declaredLength: Int) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(contentLength: declaredLength) { _ in throw DroppedResponse() }
        )
    }
}

/// Ends a dropped response: HummingbirdCore closes a connection whose response body fails.
struct DroppedResponse: Error {}

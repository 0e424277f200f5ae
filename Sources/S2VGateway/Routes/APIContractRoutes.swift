import Hummingbird
import NIOCore

/// `GET /openapi.json`, the API contract (``APIContract``), and `GET /docs`, the same rendered for people. Both
/// are public: the document describes the API and holds nothing secret.
struct APIContractRoutes: Sendable {
    func addRoutes(to router: some RouterMethods<GatewayRequestContext>) {
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/json", .cacheControl: "no-cache"],
                body: ResponseBody(byteBuffer: APIContract.bytes)
            )
        }
        router.get("/docs") { _, _ in
            Response.html(APIContract.page)
        }
    }
}

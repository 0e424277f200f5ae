import HTTPTypes
import Hummingbird
import NIOCore

extension Response {
    /// An HTML page for a browser: never cached, and its Content-Security-Policy allows no script, no external
    /// resource and no framing, so even a text that escaped escaping could not run.
    static func html(_ page: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
                HTTPField.Name("Referrer-Policy")!: "no-referrer",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page))
        )
    }
}

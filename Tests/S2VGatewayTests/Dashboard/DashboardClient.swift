import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix

/// A browser-like HTTP client for the dashboard's tests: it does not follow redirects, so a test sees each 303
/// and its cookie, and it sends cookies and form posts as a browser would.
final class DashboardClient: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var text: String

        /// The session cookie's value from `Set-Cookie`, if the reply sets one.
        var sessionCookie: String? {
            for header in self.headers[canonicalForm: "set-cookie"] where header.hasPrefix("s2v_dashboard=") {
                return String(header.dropFirst("s2v_dashboard=".count).prefix { $0 != ";" })
            }
            return nil
        }

        /// The `Set-Cookie` header for the session cookie, whole.
        var setCookie: String? {
            self.headers[canonicalForm: "set-cookie"].first { $0.hasPrefix("s2v_dashboard=") }.map(String.init)
        }
    }

    let baseURL: String

    init(baseURL: String) {
        self.baseURL = baseURL
    }

    func get(_ path: String = "/dashboard", cookie: String? = nil, bearer: String? = nil) async throws -> Reply {
        var request = HTTPClientRequest(url: self.baseURL + path)
        if let cookie { request.headers.add(name: "Cookie", value: "s2v_dashboard=\(cookie)") }
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        return try await self.execute(request)
    }

    /// Posts `fields` as `application/x-www-form-urlencoded`, as an HTML form does, with `headers` such as the
    /// `Origin` and `Sec-Fetch-Site` a browser adds.
    func post(
        _ path: String,
        fields: [(String, String)] = [],
        cookie: String? = nil,
        headers: [(String, String)] = []
    ) async throws -> Reply {
        var request = HTTPClientRequest(url: self.baseURL + path)
        request.method = .POST
        if let cookie { request.headers.add(name: "Cookie", value: "s2v_dashboard=\(cookie)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: body))
        return try await self.execute(request)
    }

    /// Signs in with `key`; returns the session cookie's value.
    func signIn(key: String) async throws -> String? {
        try await self.post("/dashboard/login", fields: [("key", key)]).sessionCookie
    }

    /// One client per request, shut down before it returns, whatever happens: a client left running when a
    /// failed expectation ends a test would stop the whole test process (AsyncHTTPClient traps in its deinit).
    private func execute(_ request: HTTPClientRequest) async throws -> Reply {
        let http = HTTPClient(
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            configuration: .init(redirectConfiguration: .disallow)
        )
        do {
            let response = try await http.execute(request, timeout: GatewayHarness.requestTimeout)
            let body = try await response.body.collect(upTo: 1 << 23)
            try await http.shutdown()
            return Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: body))
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}

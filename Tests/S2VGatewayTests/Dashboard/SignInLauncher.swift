import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A front for the dashboard on its own loopback port, as deploy/nginx.conf is in production: it serves a page
/// that posts a gateway key to the dashboard's sign-in and submits itself on load, and passes `/dashboard` and
/// everything under it on to the gateway, `Host` header included. So a real browser signs in as a user would
/// (the key travels in a POST body, never in a URL), from the dashboard's own origin: the gateway refuses
/// sign-ins that another site posts.
final class SignInLauncher: Sendable {
    private let running = Mutex<(ServiceGroup, Task<Void, any Error>)?>(nil)
    private let boundPort = Mutex<Int>(0)

    var url: String { "http://127.0.0.1:\(self.boundPort.withLock { $0 })/" }

    /// Starts serving a page that signs in to the dashboard of `gatewayURL` with `key`.
    func start(gatewayURL: String, key: String) async throws {
        let page = """
            <!DOCTYPE html><html><body>
            <form method="post" action="/dashboard/login">
            <input type="hidden" name="key" value="\(key)">
            </form>
            <script>document.forms[0].submit()</script>
            </body></html>
            """
        let router = Router()
        router.get("/") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: page))
            )
        }
        let forward: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            try await Self.forward(request, to: gatewayURL)
        }
        router.get("/dashboard", use: forward)
        router.post("/dashboard/login", use: forward)
        router.post("/dashboard/logout", use: forward)
        var logger = Logger(label: "test.sign-in-launcher")
        logger.logLevel = .error
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in sink.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task {
            defer { sink.finish() }
            try await group.run()
        }
        self.running.withLock { $0 = (group, task) }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        guard port != 0 else {
            _ = try await task.value
            throw POSIXError(.EADDRNOTAVAIL)
        }
        self.boundPort.withLock { $0 = port }
    }

    func stop() async {
        guard let (group, task) = self.running.withLock({ $0 }) else { return }
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// Passes `request` on to the gateway with its headers, `Host` as the browser sent it (nginx's
    /// `proxy_set_header Host $http_host`), and returns the gateway's answer as it is, redirects included.
    private static func forward(_ request: Request, to gatewayURL: String) async throws -> Response {
        var outbound = HTTPClientRequest(url: gatewayURL + request.uri.description)
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        var cookies: [String] = []
        for field in request.headers {
            switch field.name {
            case .cookie: cookies.append(field.value)
            case .contentLength, .transferEncoding, .connection: continue
            default: outbound.headers.add(name: field.name.rawName, value: field.value)
            }
        }
        if !cookies.isEmpty { outbound.headers.add(name: "Cookie", value: cookies.joined(separator: "; ")) }
        if let host = request.head.authority { outbound.headers.replaceOrAdd(name: "Host", value: host) }
        outbound.body = .bytes(try await request.body.collect(upTo: 1 << 20))
        let http = HTTPClient(
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            configuration: .init(redirectConfiguration: .disallow)
        )
        do {
            let response = try await http.execute(outbound, timeout: GatewayHarness.requestTimeout)
            let body = try await response.body.collect(upTo: 1 << 23)
            try await http.shutdown()
            var headers = HTTPFields()
            for header in response.headers {
                guard let name = HTTPField.Name(header.name), name != .contentLength, name != .transferEncoding,
                    name != .connection
                else { continue }
                headers.append(HTTPField(name: name, value: header.value))
            }
            return Response(
                status: .init(code: Int(response.status.code)),
                headers: headers,
                body: ResponseBody(byteBuffer: body)
            )
        } catch {
            try? await http.shutdown()
            throw error
        }
    }
}

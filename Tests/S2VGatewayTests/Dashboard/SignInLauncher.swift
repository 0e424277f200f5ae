import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A page on its own loopback port that posts a gateway key to the dashboard's sign-in and submits itself on load,
/// so that a real browser signs in as a user would: the key travels in a POST body, never in a URL.
///
/// It is served over HTTP from 127.0.0.1 rather than opened as a file: the session cookie is `SameSite=Strict`,
/// and a browser sends it after the sign-in's redirect only when the navigation began on the same site (a
/// `file://` page is another site; another port of 127.0.0.1 is the same one).
final class SignInLauncher: Sendable {
    private let running = Mutex<(ServiceGroup, Task<Void, any Error>)?>(nil)
    private let boundPort = Mutex<Int>(0)

    var url: String { "http://127.0.0.1:\(self.boundPort.withLock { $0 })/" }

    /// Starts serving a page that signs in to `gatewayURL` with `key`.
    func start(gatewayURL: String, key: String) async throws {
        let page = """
            <!DOCTYPE html><html><body>
            <form method="post" action="\(gatewayURL)/dashboard/login">
            <input type="hidden" name="key" value="\(key)">
            </form>
            <script>document.forms[0].submit()</script>
            </body></html>
            """
        let router = Router()
        router.get("/") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
        }
        var logger = Logger(label: "test.sign-in-launcher")
        logger.logLevel = .error
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in sink.yield(channel.localAddress?.port ?? 0) }, logger: logger)
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
}

import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOFoundationCompat
import S2VTestSupport
import ServiceLifecycle
import Synchronization

/// An HTTP endpoint that records every webhook it receives. It can be started late, on a port chosen
/// beforehand, to play a receiver that was down.
final class WebhookReceiver: Sendable {
    struct Delivery: Sendable {
        var eventID: String?
        /// The `Host` the request named.
        var host: String?
        var body: Data
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: self.body)) as? [String: Any] ?? [:] }
    }

    let port: Int
    /// Where the receiver sends every request on with a 307 instead of taking it, if anywhere.
    let redirect: String?
    private let received = Mutex<[Delivery]>([])
    private let running = Mutex<(ServiceGroup, Task<Void, any Error>)?>(nil)

    var url: String { "http://127.0.0.1:\(self.port)/hook" }
    var deliveries: [Delivery] { self.received.withLock { $0 } }

    /// A receiver on a port nothing listens on yet.
    init(redirectingTo redirect: String? = nil) throws {
        self.port = try LoopbackPort.reserve()
        self.redirect = redirect
    }

    func start() async throws {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let delivery = Delivery(
                eventID: request.headers[HTTPField.Name("X-S2V-Event-Id")!],
                host: request.head.authority,
                body: Data(buffer: body)
            )
            self.received.withLock { $0.append(delivery) }
            guard let redirect = self.redirect else { return Response(status: .ok) }
            return Response(status: .temporaryRedirect, headers: [.location: redirect])
        }
        var logger = Logger(label: "test.webhook")
        logger.logLevel = .error
        let (bound, signal) = AsyncStream.makeStream(of: Void.self)
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: self.port)),
            onServerRunning: { _ in signal.yield() },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task {
            // If the server cannot start (its port taken), say so instead of leaving `start` waiting.
            defer { signal.finish() }
            try await group.run()
        }
        self.running.withLock { $0 = (group, task) }
        var started = false
        for await _ in bound {
            started = true
            break
        }
        guard started else {
            _ = try await task.value
            throw POSIXError(.EADDRINUSE)
        }
    }

    func stop() async {
        guard let (group, task) = self.running.withLock({ $0 }) else { return }
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

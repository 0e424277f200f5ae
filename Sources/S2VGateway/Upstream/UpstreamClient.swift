import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix
import Prometheus
import S2VCore

/// Calls the upstream DashScope API with the gateway's own key.
///
/// Every call has a deadline and its body is always read in full. The key goes only into the
/// `Authorization` header of upstream requests. Every call that is sent has its duration recorded in the
/// upstream latency histogram, by kind and outcome.
struct UpstreamClient: Sendable {
    let http: HTTPClient
    let baseURL: String
    let apiKey: UpstreamAPIKey?
    let timeout: Duration
    let metrics: GatewayMetrics
    /// The largest upstream body read; DashScope's bodies are a few hundred bytes.
    static let maximumBodyBytes = 1 << 20

    /// - Parameters:
    ///   - metrics: where call durations are recorded; a registry of its own by default.
    init(
        http: HTTPClient,
        baseURL: String,
        apiKey: UpstreamAPIKey?,
        timeout: Duration,
        metrics: GatewayMetrics = GatewayMetrics(registry: PrometheusCollectorRegistry())
    ) {
        self.http = http
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.timeout = timeout
        self.metrics = metrics
    }

    /// The HTTP client's settings: a connection attempt fails after `connectTimeout` and is not retried, so a
    /// call to an unreachable upstream fails fast as not sent instead of waiting in the client's pool.
    static func httpConfiguration(connectTimeout: Duration) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .nanoseconds(Int64(connectTimeout / .nanoseconds(1)))
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// The same client with another account's key.
    func with(key: UpstreamAPIKey) -> UpstreamClient {
        UpstreamClient(
            http: self.http,
            baseURL: self.baseURL,
            apiKey: key,
            timeout: self.timeout,
            metrics: self.metrics
        )
    }

    /// POSTs `body` to `path` (relative to the `/api/v1` base). A paced call passes its `departure`: the body
    /// is held until it is cleared, and a call whose body was never handed over counts as not sent.
    func post(
        _ path: String,
        body: String,
        async: Bool = false,
        kind: UpstreamCallKind,
        departure: UpstreamDeparture? = nil,
        logger: Logger
    ) async throws(UpstreamFailure) -> UpstreamReply {
        var request = HTTPClientRequest(url: self.baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if async { request.headers.add(name: "X-DashScope-Async", value: "enable") }
        let bytes = ByteBuffer(string: body)
        guard let departure else {
            request.body = .bytes(bytes)
            return try await self.execute(request, kind: kind, logger: logger)
        }
        let released = DepartingBody.Released()
        request.body = .stream(
            DepartingBody(bytes: bytes, departure: departure, released: released),
            length: .known(Int64(bytes.readableBytes))
        )
        return try await self.execute(request, kind: kind, released: released, logger: logger)
    }

    /// GETs `path` (relative to the `/api/v1` base).
    func get(_ path: String, kind: UpstreamCallKind, logger: Logger) async throws(UpstreamFailure) -> UpstreamReply {
        try await self.execute(HTTPClientRequest(url: self.baseURL + path), kind: kind, logger: logger)
    }

    private func execute(
        _ request: HTTPClientRequest,
        kind: UpstreamCallKind,
        released: DepartingBody.Released? = nil,
        logger: Logger
    ) async throws(UpstreamFailure) -> UpstreamReply {
        var request = request
        guard let apiKey = self.apiKey else { throw .notSent("no upstream key for this account") }
        request.headers.add(name: "Authorization", value: "Bearer \(apiKey.secret)")
        request.headers.add(name: "Accept", value: "application/json")
        let timeout = TimeAmount.nanoseconds(self.timeout.wholeNanoseconds)
        let started = ContinuousClock.now
        do {
            let response = try await self.http.execute(request, timeout: timeout, logger: logger)
            let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
            let status = Int(response.status.code)
            self.metrics.recordUpstreamCall(
                kind: kind,
                outcome: UpstreamCallOutcome(status: status),
                duration: ContinuousClock.now - started
            )
            return UpstreamReply(status: status, body: Data(buffer: body))
        } catch {
            // A request without its body is incomplete: the upstream cannot have run it.
            let failure: UpstreamFailure =
                released.map { !$0.value } == true ? .notSent(String(describing: error)) : Self.classify(error)
            self.metrics.recordUpstreamCall(
                kind: kind,
                outcome: UpstreamCallOutcome(failure: failure),
                duration: ContinuousClock.now - started
            )
            throw failure
        }
    }

    /// Connection failures mean the request was never sent; anything after that may have been processed.
    static func classify(_ error: any Error) -> UpstreamFailure {
        if error is NIOConnectionError {
            return .notSent(String(describing: error))
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .notSent(String(describing: error))
        }
        if let error = error as? HTTPClientError, error == .connectTimeout || error == .invalidURL {
            return .notSent(String(describing: error))
        }
        if let error = error as? IOError, [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode) {
            return .notSent(String(describing: error))
        }
        return .noAnswer(String(describing: error))
    }
}

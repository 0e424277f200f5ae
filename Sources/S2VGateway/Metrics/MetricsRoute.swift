import Hummingbird
import Logging
import NIOCore
import Prometheus

/// `GET /metrics`: the Prometheus text exposition of this instance's own metrics (requests, upstream latency)
/// followed by the figures read from PostgreSQL (queue depth, spend, budgets).
struct MetricsRoute: Sendable {
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    let metrics: GatewayMetrics
    let store: StoreMetrics

    /// Registers `GET /metrics` on `scrapers`, a group that carries whatever access rule the scrape needs.
    func addRoutes(to scrapers: some RouterMethods<GatewayRequestContext>) {
        scrapers.get("metrics", use: self.handle)
    }

    func handle(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        self.metrics.registry.emit(into: &buffer)
        // Never fails: an unreachable store shows as `s2v_store_up 0`, and the in-process metrics still answer.
        await self.store.emit(into: &buffer, logger: context.logger)
        var response = Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(bytes: buffer)))
        response.headers[.contentType] = Self.contentType
        return response
    }
}

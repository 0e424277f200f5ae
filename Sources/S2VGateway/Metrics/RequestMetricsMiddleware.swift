import Hummingbird

/// Counts every answered request by method, matched route pattern and status, and records its duration, on
/// the gateway's own registry.
///
/// It sits outside the error middleware, so it sees the status every error was answered with. It records
/// before the response is written, so a request's count is visible to any request that starts after it.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let metrics: GatewayMetrics

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            self.record(request, context: context, status: Int(response.status.code), started: started)
            return response
        } catch {
            let status = (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500
            self.record(request, context: context, status: status, started: started)
            throw error
        }
    }

    private func record(_ request: Request, context: Context, status: Int, started: ContinuousClock.Instant) {
        // The pattern, not the path: task ids in label values would make a series per task.
        self.metrics.recordRequest(
            method: request.method.rawValue,
            route: context.endpointPath ?? "NotFound",
            status: status,
            duration: ContinuousClock.now - started
        )
    }
}

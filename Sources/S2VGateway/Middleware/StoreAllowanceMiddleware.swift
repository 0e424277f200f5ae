import Hummingbird

/// Gives every request its store allowance (see ``StoreAllowance``): the budget of time its store operations,
/// the call-log write included, may wait for PostgreSQL in total. Outside the call log, so that the call-log
/// write draws on the same budget as the request it records.
struct StoreAllowanceMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    /// `--store-deadline`.
    let deadline: Duration
    let metrics: GatewayMetrics

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        try await StoreAllowance.$current.withValue(StoreAllowance(deadline: self.deadline, metrics: self.metrics)) {
            try await next(request, context)
        }
    }
}

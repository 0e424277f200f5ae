import Foundation
import Hummingbird
import Logging
import S2VCore
import S2VStore

/// Records every request under `/api/v1` and `/v1` in the call log, matched by a route or not, whatever it
/// contained: who, what, status, error code, latency and cost. A failure to record is logged and counted and
/// does not change the response.
///
/// A request whose own commit wrote its row (an admission, a detect's settlement:
/// ``CallDetails/recordedInCommit``) is not written again. Any other request's row is written here in one
/// statement: durably for a request that opened a paid call (``CallDetails/paid``), and otherwise (polls,
/// reports, refusals) without waiting for the WAL flush, which a PostgreSQL crash can lose for the last
/// moments before it (see ``CallLogRepository/insert(_:durable:logger:)``). Other paths (health, metrics, the dashboard) are not API calls and are not
/// recorded.
///
/// The write draws on the request's store allowance: the response waits for it at most what is left of the
/// store deadline, so a silent store cannot hold the answer past the deadline; the write then goes on in the
/// background for a while (see ``StoreAllowance/record(logger:_:)``).
struct CallLogMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    /// The API's path prefixes; a path is recorded when it is one of them or lies below one.
    static let recordedPrefixes = ["/api/v1", "/v1"]

    let callLog: CallLogRepository

    static func records(path: String) -> Bool {
        Self.recordedPrefixes.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard Self.records(path: request.uri.path) else { return try await next(request, context) }
        let started = ContinuousClock.now
        let at = Date()
        context.details.arrival = CallDetails.Arrival(
            at: at,
            started: started,
            method: request.method.rawValue,
            path: request.uri.path
        )
        do {
            let response = try await next(request, context)
            await self.record(
                request,
                context: context,
                at: at,
                started: started,
                status: Int(response.status.code),
                errorCode: nil
            )
            return response
        } catch {
            let serviceError = ErrorMiddleware.serviceError(for: error, context: context)
            await self.record(
                request,
                context: context,
                at: at,
                started: started,
                status: serviceError.status,
                errorCode: serviceError.code
            )
            throw serviceError
        }
    }

    /// The route's pattern (`/api/v1/tasks/{task_id}`), or for a path no route matches the path itself, cut to
    /// `maximumPathLength` characters.
    static func endpoint(path: String, context: Context) -> String {
        // Hummingbird names every unmatched path "NotFound".
        if let pattern = context.endpointPath, pattern != "NotFound" { return pattern }
        return String(path.prefix(Self.maximumPathLength))
    }

    /// How much of an unmatched path the call log keeps.
    static let maximumPathLength = 1024

    private func record(
        _ request: Request,
        context: Context,
        at: Date,
        started: ContinuousClock.Instant,
        status: Int,
        errorCode: String?
    ) async {
        guard !context.details.recordedInCommit else { return }
        let elapsed = ContinuousClock.now - started
        let record = CallRecord(
            requestID: context.requestID,
            at: at,
            method: request.method.rawValue,
            endpoint: Self.endpoint(path: request.uri.path, context: context),
            httpStatus: status,
            errorCode: errorCode,
            latencyMicroseconds: elapsed.wholeMicroseconds,
            attribution: context.details.snapshot
        )
        let callLog = self.callLog
        let logger = context.logger
        let (finished, durable) = (record, context.details.paid)
        await context.storeAllowance.record(logger: logger) {
            try await callLog.insert(finished, durable: durable, logger: logger)
        }
    }
}

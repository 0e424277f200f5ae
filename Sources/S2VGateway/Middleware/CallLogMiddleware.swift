import Foundation
import Hummingbird
import Logging
import S2VCore
import S2VStore

/// Records every DashScope API request in the call log: who, what, status, error code, latency and cost.
/// A failure to record is logged and does not change the response.
struct CallLogMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext

    let callLog: CallLogRepository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let at = Date()
        do {
            let response = try await next(request, context)
            await self.record(request, context: context, at: at, started: started, status: Int(response.status.code), errorCode: nil)
            return response
        } catch {
            let serviceError = ErrorMiddleware.serviceError(for: error, context: context)
            await self.record(request, context: context, at: at, started: started, status: serviceError.status,
                              errorCode: serviceError.code)
            throw serviceError
        }
    }

    private func record(_ request: Request, context: Context, at: Date, started: ContinuousClock.Instant, status: Int,
                        errorCode: String?) async {
        let elapsed = ContinuousClock.now - started
        let details = context.details.snapshot
        var record = CallRecord(
            requestID: context.requestID, at: at, method: request.method.rawValue,
            endpoint: context.endpointPath ?? request.uri.path, httpStatus: status,
            latencyMicroseconds: elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000)
        record.keyID = details.keyID
        record.teamID = details.teamID
        record.model = details.model
        record.tier = details.tier
        record.upstreamRequestID = details.upstreamRequestID
        record.taskID = details.taskID
        record.errorCode = errorCode
        record.cost = details.cost
        let callLog = self.callLog
        let logger = context.logger
        let finished = record
        do {
            try await StoreDeadline.run(within: .seconds(5)) { try await callLog.insert(finished, logger: logger) }
        } catch {
            context.logger.error("call not recorded in the call log", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}

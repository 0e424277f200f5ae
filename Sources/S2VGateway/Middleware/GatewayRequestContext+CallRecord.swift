import Foundation
import S2VCore
import S2VStore

extension GatewayRequestContext {
    /// The request's call-log row as it stands now, answered with `status`, for a handler whose commit writes it
    /// (``CallDetails/markRecordedInCommit()`` once that commit succeeded). Nil for a path the call log does not
    /// record. Its latency runs to now, just before that commit.
    func callRecord(status: Int = 200, errorCode: String? = nil) -> CallRecord? {
        guard let arrival = self.details.arrival else { return nil }
        return CallRecord(
            requestID: self.requestID,
            at: arrival.at,
            method: arrival.method,
            endpoint: CallLogMiddleware.endpoint(path: arrival.path, context: self),
            httpStatus: status,
            errorCode: errorCode,
            latencyMicroseconds: (ContinuousClock.now - arrival.started).wholeMicroseconds,
            attribution: self.details.snapshot
        )
    }
}

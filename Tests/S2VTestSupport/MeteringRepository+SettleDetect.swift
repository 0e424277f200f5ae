import Foundation
import Logging
import S2VCore
import S2VStore

extension MeteringRepository {
    /// Settles detect call `callID` as charged (conservatively or not), knowing only its id; for tests about the
    /// ledger. Returns the amount charged, 0 when the call was settled already.
    @discardableResult
    public func chargeDetect(
        callID: Int64,
        upstreamRequestID: String?,
        conservative: Bool,
        logger: Logger
    ) async throws -> Decimal {
        guard let call = try await self.heldDetectCall(id: callID, logger: logger) else { return 0 }
        let outcome: DetectOutcome = conservative ? .unanswered : .checked(upstreamRequestID: upstreamRequestID)
        return try await self.settleDetect(call, outcome: outcome, logger: logger)
    }

    /// Settles detect call `callID` as refused by the upstream, knowing only its id; for tests about the ledger.
    public func failDetect(
        callID: Int64,
        httpStatus: Int,
        errorCode: String?,
        upstreamRequestID: String?,
        logger: Logger
    ) async throws {
        guard let call = try await self.heldDetectCall(id: callID, logger: logger) else { return }
        let outcome = DetectOutcome.refused(
            upstreamStatus: httpStatus,
            errorCode: errorCode,
            upstreamRequestID: upstreamRequestID
        )
        try await self.settleDetect(call, outcome: outcome, logger: logger)
    }
}

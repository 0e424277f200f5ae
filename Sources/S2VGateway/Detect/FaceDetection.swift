import Foundation
import Hummingbird
import Logging
import S2VCore
import S2VStore

/// The face-detect protocol, one paid check from intent to settlement: the intent and its hold are committed
/// before the call is sent, the call waits for its account's submission slot, and its outcome settles the hold
/// (`Settlement(detect:hold:)`). Every way the call can end is one case of one switch.
struct FaceDetection: Sendable {
    static let upstreamPath = "/services/aigc/image2video/face-detect"

    let store: GatewayStore
    let pool: AccountPool
    /// How long a call may wait for an account's next face-detect slot before it is refused with 429.
    let slotWait: Duration

    /// Checks the image of `document` for `caller` at `price`; returns the upstream's answer, a 200 the check
    /// ran and was charged for. Any other ending throws the error the client gets, after the settlement.
    func check(
        _ document: RequestDocument,
        model: ModelSpec,
        price: Price,
        caller: Caller,
        teamID: Int64,
        tags: CostTags,
        context: GatewayRequestContext
    ) async throws -> UpstreamReply {
        let (store, pool, logger) = (self.store, self.pool, context.logger)
        let accounts = try await context.withStore { try await pool.live() }
        guard !accounts.isEmpty else {
            throw ServiceError.serviceUnavailable(
                "No upstream account is configured on this gateway; nothing was charged."
            )
        }
        let (paced, slotWait) = (accounts.map(\.paced), self.slotWait)
        let withdraw: @Sendable (DetectIntent) async -> Void = {
            await store.metering.withdrawLateDetectIntent($0, logger: logger)
        }
        let intent = try await context.withStore(undoingLate: withdraw) {
            try await store.metering.openDetectIntent(
                caller: caller,
                teamID: teamID,
                price: price,
                accounts: paced,
                maxWait: slotWait,
                tags: tags,
                logger: logger
            )
        }
        context.details.markPaid()
        let account = accounts.first { $0.name == intent.account }
        let departure = try await self.waitForSlot(of: intent, on: account, lane: .submit(model: price.model), context)

        let reply: UpstreamReply
        do throws(UpstreamFailure) {
            guard let upstream = account?.upstream else { throw .notSent("account \(intent.account) vanished") }
            reply = try await upstream.post(
                Self.upstreamPath,
                body: document.text,
                kind: .detect,
                departure: departure,
                logger: logger
            )
        } catch {
            switch error {
            case .notSent(let reason):
                let notSent = DetectOutcome.refused(
                    upstreamStatus: 503,
                    errorCode: "UpstreamUnreachable",
                    upstreamRequestID: nil
                )
                let answer = ServiceError.serviceUnavailable(
                    "The upstream could not be reached; nothing was charged, please retry."
                )
                try await self.settle(intent, notSent, answering: answer, context, otherwise: .storeDeadlinePassed)
                logger.warning("upstream unreachable", metadata: ["reason": "\(reason)"])
                throw answer
            case .noAnswer(let reason):
                // It may have run and been billed: charge it, conservatively, rather than lose it.
                let answer = ServiceError(
                    status: 504,
                    code: "RequestTimeOut",
                    message:
                        "The upstream did not answer in time. The check may have run, so it was charged and flagged for review."
                )
                try await self.settle(intent, .unanswered, answering: answer, context)
                logger.warning(
                    "upstream gave no answer; detect charged conservatively",
                    metadata: ["reason": "\(reason)"]
                )
                throw answer
            }
        }
        context.details.update { $0.upstreamRequestID = reply.requestID }

        guard reply.status == 200 else {
            let answer = UpstreamErrorPassThrough.serviceError(for: reply)
            let refused = DetectOutcome.refused(
                upstreamStatus: reply.status,
                errorCode: answer.code,
                upstreamRequestID: reply.requestID
            )
            try await self.settle(intent, refused, answering: answer, context)
            throw answer
        }
        // A 200 means the check ran and was billed, whatever the body looks like.
        let parsed = JSONValue.parse(reply.body)
        let malformed =
            parsed?["output"] == nil
            ? ServiceError(
                status: 502,
                code: "InternalError",
                message: "The upstream answered with a malformed body. The check ran and was charged."
            ) : nil
        try await self.settle(intent, .checked(upstreamRequestID: reply.requestID), answering: malformed, context)
        // A request checks one image and holds its price; the upstream bills it as one.
        if let count = parsed?["usage"]?["image_count"]?.decimalValue, count != 1 {
            logger.warning(
                "upstream reported an unexpected image count; one image charged",
                metadata: ["image_count": "\(count)"]
            )
        }
        // The verdict (check_pass, or LivePortrait's pass) is the client's to read; the check is billed either way.
        if let field = model.verdictField, parsed?["output"]?[field] == nil {
            logger.warning("upstream's detect answer has no verdict", metadata: ["field": "\(field)"])
        }
        if let malformed { throw malformed }
        return reply
    }

    /// Waits for the intent's submission slot. Cancelled while waiting (client gone, shutdown), the call was never
    /// sent: its hold is released before the cancellation goes on.
    private func waitForSlot(
        of intent: DetectIntent,
        on account: ResolvedAccount?,
        lane: AccountLane,
        _ context: GatewayRequestContext
    ) async throws -> UpstreamDeparture? {
        guard let account else { return nil }
        do {
            return try await self.store.pacing.waitOnTime(
                intent.slot,
                account: account,
                lane: lane,
                logger: context.logger
            )
        } catch {
            let notSent = DetectOutcome.refused(upstreamStatus: 499, errorCode: "NotSent", upstreamRequestID: nil)
            // The release runs in a task of its own, so this request's cancellation does not cancel it too.
            // Its call-log row is the call-log middleware's: this request ends with the cancellation's error.
            try? await self.settle(
                intent,
                notSent,
                answering: nil,
                recordingTheCall: false,
                context,
                otherwise: .storeDeadlinePassed
            )
            throw error
        }
    }

    /// Settles the intent's hold, with the request's call-log row (answered `answer`, or 200 when nil) in the
    /// same commit, charged what the settlement charges, unless `recordingTheCall` is false.
    private func settle(
        _ intent: DetectIntent,
        _ outcome: DetectOutcome,
        answering answer: ServiceError?,
        recordingTheCall: Bool = true,
        _ context: GatewayRequestContext,
        otherwise failure: ServiceError = .outcomeNotRecordedInTime
    ) async throws {
        let (metering, logger) = (self.store.metering, context.logger)
        let callRecord =
            recordingTheCall ? context.callRecord(status: answer?.status ?? 200, errorCode: answer?.code) : nil
        let charged = try await context.settleInStore(otherwise: failure) {
            try await metering.settleDetect(intent.call, outcome: outcome, callRecord: callRecord, logger: logger)
        }
        if callRecord != nil { context.details.markRecordedInCommit() }
        if charged > 0 { context.details.update { $0.cost = charged } }
    }
}

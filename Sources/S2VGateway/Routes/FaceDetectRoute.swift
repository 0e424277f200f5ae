import Foundation
import Hummingbird
import Logging
import NIOCore
import S2VCore
import S2VStore

/// `POST /api/v1/services/aigc/image2video/face-detect`: synchronous and billed per image, also when the check
/// fails. The intent is committed before the call is sent and the charge after the answer.
struct FaceDetectRoute: Sendable {
    static let upstreamPath = "/services/aigc/image2video/face-detect"

    let store: GatewayStore
    let pool: AccountPool
    let pacing: UpstreamPacing
    /// How long a call may wait for an account's next face-detect slot before it is refused with 429.
    let slotWait: Duration

    func handle(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let (caller, teamID) = try context.requireTeamCaller()
        let document = try await request.jsonDocument(context: context)
        let detect = try DetectRequest.parse(document)
        let (store, pool, logger) = (self.store, self.pool, context.logger)
        let (model, price) = try await context.withStore {
            try await store.priceCall(model: detect.model, kind: .detect, tier: "", logger: logger)
        }
        context.details.update { $0.model = model.name }

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
                logger: logger
            )
        }
        let callID = intent.callID
        let upstreamAccount = accounts.first { $0.name == intent.account }
        var departure: UpstreamDeparture?
        if let upstreamAccount {
            do {
                departure = try await self.pacing.waitOnTime(
                    intent.wait,
                    account: upstreamAccount,
                    lane: .submit(model: price.model),
                    logger: context.logger
                )
            } catch {
                // Cancelled while waiting for the slot (client gone, shutdown): nothing was sent, nothing is charged.
                // The release runs in a task of its own, so this request's cancellation does not cancel it too.
                _ = try? await context.settleInStore(otherwise: .storeDeadlinePassed) {
                    try await store.metering.failDetect(
                        callID: callID,
                        httpStatus: 499,
                        errorCode: "NotSent",
                        upstreamRequestID: nil,
                        logger: logger
                    )
                }
                throw error
            }
        }
        let upstream = upstreamAccount?.upstream
        let reply: UpstreamReply
        do throws(UpstreamFailure) {
            guard let upstream else { throw .notSent("account \(intent.account) vanished") }
            reply = try await upstream.post(
                Self.upstreamPath,
                body: document.text,
                kind: .detect,
                departure: departure,
                logger: context.logger
            )
        } catch .notSent(let reason) {
            try await context.settleInStore(otherwise: .storeDeadlinePassed) {
                try await store.metering.failDetect(
                    callID: callID,
                    httpStatus: 503,
                    errorCode: "UpstreamUnreachable",
                    upstreamRequestID: nil,
                    logger: logger
                )
            }
            context.logger.warning("upstream unreachable", metadata: ["reason": "\(reason)"])
            throw ServiceError.serviceUnavailable(
                "The upstream could not be reached; nothing was charged, please retry."
            )
        } catch .noAnswer(let reason) {
            // It may have run and been billed: charge it, conservatively, rather than lose it.
            let amount = try await context.settleInStore {
                try await store.metering.chargeDetect(
                    callID: callID,
                    upstreamRequestID: nil,
                    conservative: true,
                    logger: logger
                )
            }
            context.details.update { $0.cost = amount }
            context.logger.warning(
                "upstream gave no answer; detect charged conservatively",
                metadata: ["reason": "\(reason)"]
            )
            throw ServiceError(
                status: 504,
                code: "RequestTimeOut",
                message:
                    "The upstream did not answer in time. The check may have run, so it was charged and flagged for review."
            )
        }
        context.details.update { $0.upstreamRequestID = reply.requestID }

        guard reply.status == 200 else {
            let error = UpstreamErrorPassThrough.serviceError(for: reply)
            try await context.settleInStore {
                try await store.metering.failDetect(
                    callID: callID,
                    httpStatus: reply.status,
                    errorCode: error.code,
                    upstreamRequestID: reply.requestID,
                    logger: logger
                )
            }
            throw error
        }
        // A 200 means the check ran and was billed, whatever the body looks like.
        let parsed = JSONValue.parse(reply.body)
        // A request checks one image and holds its price; the upstream bills it as one.
        if let count = parsed?["usage"]?["image_count"]?.decimalValue, count != 1 {
            context.logger.warning(
                "upstream reported an unexpected image count; one image charged",
                metadata: ["image_count": "\(count)"]
            )
        }
        let upstreamRequestID = reply.requestID
        let amount = try await context.settleInStore {
            try await store.metering.chargeDetect(
                callID: callID,
                upstreamRequestID: upstreamRequestID,
                conservative: false,
                logger: logger
            )
        }
        context.details.update { $0.cost = amount }
        guard parsed?["output"] != nil else {
            throw ServiceError(
                status: 502,
                code: "InternalError",
                message: "The upstream answered with a malformed body. The check ran and was charged."
            )
        }
        var response = Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body))
        )
        response.headers[.init("X-S2V-Request-Id")!] = context.requestIDText
        return response
    }
}

import Foundation
import Hummingbird
import Logging
import S2VCore
import S2VStore

/// `POST /api/v1/services/aigc/image2video/video-synthesis`: admits the task with a hold and queues it; the
/// dispatcher submits it upstream. The client gets the gateway's task id at once, PENDING.
struct VideoSynthesisRoute: Sendable {
    struct Created: Encodable {
        struct Output: Encodable {
            var task_id: String
            var task_status: String
        }

        var request_id: String
        var output: Output
    }

    let store: GatewayStore
    let dispatcherWake: WakeSignal

    func handle(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let (caller, teamID) = try context.requireTeamCaller()
        guard request.headers[.init("X-DashScope-Async")!]?.lowercased() == "enable" else {
            throw ServiceError(
                status: 403,
                code: "AccessDenied",
                message: "current user api does not support synchronous calls"
            )
        }
        let tags = try request.costTags(of: caller)
        let document = try await request.jsonDocument(context: context)
        let (model, price) = try await self.store.priceCall(document, kind: .generation, context: context)
        let (store, logger) = (self.store, context.logger)
        let withdraw: @Sendable (AdmittedTask) async -> Void = {
            await store.metering.withdrawLateAdmission($0, logger: logger)
        }
        // The call-log row rides in the admission's commit, as a 200: an admission that commits is answered so.
        context.details.markPaid()
        let callRecord = context.callRecord()
        let task = try await context.withStore(undoingLate: withdraw) {
            try await store.metering.admitGeneration(
                caller: caller,
                teamID: teamID,
                model: model,
                price: price,
                requestBody: document.text,
                tags: tags,
                callRecord: callRecord,
                logger: logger
            )
        }
        context.details.update { $0.taskID = task.id }
        context.details.markRecordedInCommit()
        self.dispatcherWake.wake()
        return try Response.json(
            Created(
                request_id: context.requestIDText,
                output: .init(task_id: task.id.uuidString.lowercased(), task_status: TaskStatus.pending.rawValue)
            )
        )
    }
}

import Foundation
import Hummingbird
import Logging
import NIOCore
import S2VCore
import S2VStore

/// `GET /api/v1/tasks/{task_id}`, `POST /api/v1/tasks/{task_id}/cancel` and `GET /api/v1/tasks`, answered from
/// the store for the caller's team only. Another team's task id looks exactly like an unknown one.
struct TaskRoutes: Sendable {
    let store: GatewayStore
    let pool: AccountPool

    /// Registers the task routes on the DashScope API group (`/api/v1`).
    func addRoutes(to api: some RouterMethods<GatewayRequestContext>) {
        api.get("tasks/{task_id}", use: self.get)
        api.post("tasks/{task_id}/cancel", use: self.cancel)
        api.get("tasks", use: self.list)
    }

    func get(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let (caller, teamID) = try context.requireTeamCaller()
        let (store, logger, requestID) = (self.store, context.logger, context.requestIDText)
        let rawID = context.parameters.get("task_id") ?? ""
        let taskID = UUID(uuidString: rawID)
        // The client limits, the read and the call-log row in one statement; answered 200 either way (an unknown
        // task is a 200 with task_status UNKNOWN, as upstream).
        let callRecord = context.callRecord()
        let task = try await context.withStore {
            try await store.tasks.poll(
                taskID: taskID,
                teamID: teamID,
                keyID: caller.keyID,
                callRecord: callRecord,
                logger: logger
            )
        }
        if callRecord != nil { context.details.markRecordedInCommit() }
        guard let task else { return try Self.unknown(rawID, context: context) }
        context.details.update { $0.taskID = taskID }
        return Self.jsonText(TaskResponseBody.task(task, requestID: requestID))
    }

    func list(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let (caller, teamID) = try context.requireTeamCaller()
        let (store, logger, requestID) = (self.store, context.logger, context.requestIDText)
        try await context.withStore {
            try await store.limits.takeRequest(teamID: teamID, keyID: caller.keyID, logger: logger)
        }
        let pageNumber = try Self.integer(
            request.uri.queryParameters.get("page_no"),
            name: "page_no",
            default: 1,
            range: 1...1_000_000
        )
        let pageSize = try Self.integer(
            request.uri.queryParameters.get("page_size"),
            name: "page_size",
            default: 10,
            range: 1...100
        )
        let page = try await context.withStore {
            try await store.tasks.page(teamID: teamID, pageNumber: pageNumber, pageSize: pageSize, logger: logger)
        }
        return Self.jsonText(
            TaskResponseBody.page(page, pageNumber: pageNumber, pageSize: pageSize, requestID: requestID)
        )
    }

    /// Only a PENDING task can be cancelled. One still in the gateway's queue is cancelled locally; one the
    /// upstream holds is cancelled there first. Either way its hold is released.
    func cancel(_ request: Request, context: GatewayRequestContext) async throws -> Response {
        let (caller, teamID) = try context.requireTeamCaller()
        let (store, pool, logger) = (self.store, self.pool, context.logger)
        try await context.withStore {
            try await store.limits.takeRequest(teamID: teamID, keyID: caller.keyID, logger: logger)
        }
        let refusal = ServiceError(
            status: 400,
            code: "UnsupportedOperation",
            message: "Failed to cancel the task, please confirm if the task is in PENDING status."
        )
        guard let taskID = UUID(uuidString: context.parameters.get("task_id") ?? ""),
            let view = try await context.withStore({
                try await store.tasks.cancellable(taskID: taskID, teamID: teamID, logger: logger)
            })
        else { throw refusal }
        context.details.update { $0.taskID = taskID }
        switch (view.phase, view.status) {
        case (.admitted, _):
            // A cancellation that commits after a 503 is what the client asked for: nothing to withdraw.
            guard try await context.withStore({ try await store.metering.cancelQueued(taskID: taskID, logger: logger) })
            else {
                throw refusal
            }
        case (.submitted, .pending):
            guard let upstreamTaskID = view.upstreamTaskID else { throw refusal }
            guard let accountName = view.account,
                let account = try await context.withStore({ try await pool.account(named: accountName) })
            else {
                throw ServiceError.serviceUnavailable(
                    "This instance cannot reach the upstream account holding the task; please retry."
                )
            }
            let reply: UpstreamReply
            do {
                reply = try await account.upstream.post(
                    "/tasks/\(upstreamTaskID)/cancel",
                    body: "",
                    kind: .cancel,
                    logger: context.logger
                )
            } catch {
                throw ServiceError.serviceUnavailable(
                    "The upstream could not be reached to cancel the task; please retry."
                )
            }
            guard reply.status == 200 else { throw UpstreamErrorPassThrough.serviceError(for: reply) }
            // Cancelled upstream: should the release not land, the poller settles the task from the upstream.
            _ = try await context.settleInStore {
                try await store.metering.settle(taskID: taskID, outcome: .canceled(output: nil), logger: logger)
            }
        default:
            throw refusal
        }
        return try Response.json(["request_id": context.requestIDText])
    }

    private static func unknown(_ taskID: String, context: GatewayRequestContext) throws -> Response {
        struct Unknown: Encodable {
            var request_id: String
            var output: [String: String]
        }
        return try Response.json(
            Unknown(
                request_id: context.requestIDText,
                output: ["task_id": taskID, "task_status": TaskStatus.unknown.rawValue]
            )
        )
    }

    private static func jsonText(_ body: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    private static func integer(
        _ text: String?,
        name: String,
        default value: Int,
        range: ClosedRange<Int>
    ) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ServiceError.invalidParameter(
                "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)."
            )
        }
        return number
    }
}

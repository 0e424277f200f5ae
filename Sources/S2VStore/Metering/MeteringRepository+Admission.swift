import Foundation
import Logging
import PostgresNIO
import S2VCore

extension MeteringRepository {
    /// Admits a generation task: the client limits of its team and key, the task row, its place in the dispatch
    /// queue (with its key's priority) and its hold (max billable seconds × tier price), in one statement
    /// (`admit_generation`, sql/0015), so one round trip and one commit; the hold's triggers count it against the
    /// budgets and in the daily usage. A client limit refuses, and so does a hold that does not fit a budget;
    /// either way nothing is written and nothing is taken from any other limit. The rows the team shares are
    /// locked inside that one statement. Nothing is sent upstream here; the dispatcher does that.
    ///
    /// - Parameters:
    ///   - requestBody: the client's JSON body, forwarded upstream as it is.
    ///   - tags: the call's cost-attribution tags (``Caller/callTags(adding:)``), on the task and every ledger row.
    ///   - callRecord: the request's call-log row, written in the same commit (its task id is filled in).
    public func admitGeneration(
        caller: Caller,
        teamID: Int64,
        model: ModelSpec,
        price: Price,
        requestBody: String,
        tags: CostTags = CostTags(),
        callRecord: CallRecord? = nil,
        logger: Logger
    ) async throws -> AdmittedTask {
        guard let maxSeconds = model.maxBillableSeconds else {
            throw DomainError.invalid("\(model.name) is not a video generation model.")
        }
        let taskID = UUID()
        let hold = price.amount(for: maxSeconds)
        var callRecord = callRecord
        callRecord?.attribution.taskID = taskID
        let statement = AdmitGenerationStatement(
            taskID: taskID,
            teamID: teamID,
            keyID: caller.keyID,
            price: price,
            maxSeconds: maxSeconds,
            hold: hold,
            requestBody: requestBody,
            tags: tags,
            callRecord: callRecord
        )
        return try await self.refusingOverLimits(caller: caller, logger: logger) {
            let admitted = try await self.client.execute(statement, logger: logger)
            guard let admittedAt = admitted.first else {
                throw DomainError.unavailable("The task could not be recorded; nothing was charged, please retry.")
            }
            return AdmittedTask(id: taskID, holdAmount: hold, admittedAt: admittedAt)
        }
    }
}

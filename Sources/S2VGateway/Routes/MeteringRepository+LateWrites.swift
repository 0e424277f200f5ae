import Logging
import S2VCore
import S2VStore

/// What a request refused at its store deadline leaves behind when its write commits after all: a query
/// already sent cannot be taken back, so the write is withdrawn once it lands. The client was told that
/// nothing was called; these keep that true.
extension MeteringRepository {
    /// An admission that committed after its request got 503: cancelled while it is still queued, so that no
    /// task the client never heard of runs and is charged.
    func withdrawLateAdmission(_ task: AdmittedTask, logger: Logger) async {
        do {
            if try await self.cancelQueued(taskID: task.id, logger: logger) {
                logger.warning(
                    "admission committed after its request's store deadline; withdrawn",
                    metadata: ["task_id": "\(task.id)"]
                )
            } else {
                logger.error(
                    "admission committed after its request's store deadline and was already dispatched; it runs and is charged",
                    metadata: ["task_id": "\(task.id)"]
                )
            }
        } catch {
            logger.error(
                "could not withdraw an admission that committed after its request's store deadline",
                metadata: ["task_id": "\(task.id)", "error": "\(String(reflecting: error))"]
            )
        }
    }

    /// A detect intent that committed after its request got 503: released as not sent, since the request never
    /// called the upstream; otherwise the intent recovery would charge it.
    func withdrawLateDetectIntent(_ intent: DetectIntent, logger: Logger) async {
        do {
            try await self.settleDetect(
                intent.call,
                outcome: .refused(upstreamStatus: 503, errorCode: "NotSent", upstreamRequestID: nil),
                logger: logger
            )
            logger.warning(
                "detect intent committed after its request's store deadline; released as not sent",
                metadata: ["call_id": "\(intent.callID)"]
            )
        } catch {
            logger.error(
                "could not release a detect intent that committed after its request's store deadline; the intent recovery settles it",
                metadata: ["call_id": "\(intent.callID)", "error": "\(String(reflecting: error))"]
            )
        }
    }
}

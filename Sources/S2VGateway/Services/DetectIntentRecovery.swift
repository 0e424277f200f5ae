import Logging
import S2VCore
import S2VStore
import ServiceLifecycle

/// Charges face-detect calls whose intent a crash left open: the upstream keeps no record to ask, and the call
/// may have run, so each is charged once, conservatively, and flagged for review.
struct DetectIntentRecovery: Service {
    let metering: MeteringRepository
    let configuration: GatewayConfiguration
    let logger: Logger
    /// The loop, its deadline and its heartbeat.
    let rounds: BackgroundRounds

    func run() async throws {
        try await self.rounds.run(pause: .seconds(5)) {
            let abandoned = try await self.metering.abandonedDetectIntents(
                olderThan: Self.abandonmentAge(self.configuration),
                logger: self.logger
            )
            for call in abandoned {
                try await self.metering.settleDetect(call, outcome: .unanswered, logger: self.logger)
                self.logger.warning("abandoned detect call charged conservatively", metadata: ["call_id": "\(call.id)"])
            }
            return false
        }
    }

    /// How old an open intent must be before it counts as abandoned: older than any call still in flight can be.
    /// A live call may wait for its account's slot (up to `detectSlotWait`, and a missed slot is reserved again),
    /// then for the upstream (up to `upstreamTimeout`); twice their sum leaves room for a starved machine.
    static func abandonmentAge(_ configuration: GatewayConfiguration) -> Duration {
        (configuration.detectSlotWait + configuration.upstreamTimeout) * 2
    }
}

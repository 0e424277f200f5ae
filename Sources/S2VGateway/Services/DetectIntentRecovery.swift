import Logging
import S2VStore
import ServiceLifecycle

/// Charges face-detect calls whose intent a crash left open: the upstream keeps no record to ask, and the call
/// may have run, so each is charged once, conservatively, and flagged for review.
struct DetectIntentRecovery: Service {
    let metering: MeteringRepository
    let configuration: GatewayConfiguration
    let logger: Logger
    let startup: StartupGate

    func run() async throws {
        try await BackgroundRounds.run(
            "detect intent recovery", startup: self.startup, logger: self.logger,
            pause: { try? await Task.sleep(for: .seconds(5)) }
        ) {
            // Older than any call still in flight can be.
            let abandoned = try await self.metering.abandonedDetectIntents(
                olderThan: self.configuration.upstreamTimeout * 2, logger: self.logger)
            for callID in abandoned {
                try await self.metering.chargeDetect(
                    callID: callID, upstreamRequestID: nil, conservative: true, logger: self.logger)
                self.logger.warning("abandoned detect call charged conservatively", metadata: ["call_id": "\(callID)"])
            }
            return false
        }
    }
}

/// A background loop of the gateway, as its liveness is checked: the name it has in logs, in `/ready` and in
/// the `service` label of the `s2v_background_*` metrics, and the deadline of one of its rounds.
enum BackgroundService: String, Sendable, CaseIterable, Codable {
    case dispatch
    case poll
    case alertDelivery = "alert_delivery"
    case detectIntentRecovery = "detect_intent_recovery"

    /// The longest one round may take before it is cancelled and retried: the configured `roundDeadline`, but
    /// never less than twice the longest call the round itself waits for (a slot, then the upstream or a
    /// webhook), so that a slow but healthy call is never taken for a stuck round.
    func deadline(_ configuration: GatewayConfiguration) -> Duration {
        let longestCall: Duration =
            switch self {
            case .dispatch: configuration.upstreamTimeout + configuration.detectSlotWait
            case .poll: configuration.upstreamTimeout + configuration.pollInterval
            case .alertDelivery: configuration.alerts.timeout
            case .detectIntentRecovery: .zero
            }
        return max(configuration.roundDeadline, longestCall * 2)
    }
}

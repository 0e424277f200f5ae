import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// The service group a gateway runs in: graceful shutdown on the given signals, escalated to cancellation
/// after the configuration's `shutdownGrace`, so that a background round waiting on an unreachable database
/// can never keep the gateway from stopping.
public enum GatewayServiceGroup {
    public static func make(
        running application: some ApplicationProtocol,
        configuration: GatewayConfiguration,
        signals: [UnixSignal] = [.sigterm, .sigint],
        logger: Logger
    ) -> ServiceGroup {
        var settings = ServiceGroupConfiguration(
            services: [application],
            gracefulShutdownSignals: signals,
            logger: logger
        )
        settings.maximumGracefulShutdownDuration = configuration.shutdownGrace
        return ServiceGroup(configuration: settings)
    }
}

/// Why a `RunningSimulator` could not start.
public enum RunningSimulatorError: Error, Sendable {
    /// The server stopped before it reported a listening port.
    case serverStoppedBeforeListening
}

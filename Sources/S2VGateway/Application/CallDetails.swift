import Foundation
import S2VStore
import Synchronization

/// What the handlers learn about a call, for the call log: a reference shared by the middleware layers of
/// one request, since the request context itself is copied from layer to layer.
final class CallDetails: Sendable {
    /// When and how the request arrived, as the call log records it.
    struct Arrival: Sendable {
        var at: Date
        var started: ContinuousClock.Instant
        var method: String
        var path: String
    }

    private struct State {
        var attribution = CallAttribution()
        var arrival: Arrival?
        var paid = false
        var recordedInCommit = false
    }

    private let state = Mutex(State())

    func update(_ change: (inout CallAttribution) -> Void) {
        self.state.withLock { change(&$0.attribution) }
    }

    var snapshot: CallAttribution {
        self.state.withLock { $0.attribution }
    }

    /// Set by the call-log middleware for a request it records.
    var arrival: Arrival? {
        get { self.state.withLock { $0.arrival } }
        set { self.state.withLock { $0.arrival = newValue } }
    }

    /// Whether the request opened a paid call (an admission, a detect intent): its record is then written
    /// durably, whatever happens next.
    var paid: Bool {
        self.state.withLock { $0.paid }
    }

    func markPaid() {
        self.state.withLock { $0.paid = true }
    }

    /// Whether a commit of the request's own already wrote its call-log row.
    var recordedInCommit: Bool {
        self.state.withLock { $0.recordedInCommit }
    }

    func markRecordedInCommit() {
        self.state.withLock { $0.recordedInCommit = true }
    }
}

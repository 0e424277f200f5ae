import S2VStore
import Synchronization

/// What the handlers learn about a call, for the call log: a reference shared by the middleware layers of
/// one request, since the request context itself is copied from layer to layer.
final class CallDetails: Sendable {
    private let attribution = Mutex(CallAttribution())

    func update(_ change: (inout CallAttribution) -> Void) {
        self.attribution.withLock { change(&$0) }
    }

    var snapshot: CallAttribution {
        self.attribution.withLock { $0 }
    }
}

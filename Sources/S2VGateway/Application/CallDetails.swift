import Foundation
import Synchronization

/// What the handlers learn about a call, for the call log: a reference shared by the middleware layers of
/// one request, since the request context itself is copied from layer to layer.
final class CallDetails: Sendable {
    struct Fields: Sendable {
        var keyID: Int64?
        var teamID: Int64?
        var model: String?
        var tier: String?
        var upstreamRequestID: String?
        var taskID: UUID?
        var cost: Decimal = 0
    }

    private let fields = Mutex(Fields())

    func update(_ change: (inout Fields) -> Void) {
        self.fields.withLock { change(&$0) }
    }

    var snapshot: Fields {
        self.fields.withLock { $0 }
    }
}

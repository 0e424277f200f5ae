import Foundation
import HTTPTypes

/// The audio lengths a video model accepts, as upstream documents them, and what happens to audio outside them.
///
/// The simulator reads no audio: the length is the audio URL's `duration=` marker.
struct AudioLimit: Sendable {
    /// Shortest accepted audio in seconds, inclusive; nil for no minimum.
    var minimum: Decimal?
    /// Longest accepted audio in seconds.
    var maximum: Decimal
    /// Whether `maximum` itself is accepted ("up to 3 min") or not ("under 20 s").
    var includesMaximum: Bool
    /// Whether upstream refuses the submission with a 400 instead of accepting it and failing the task.
    var refusesSubmission: Bool
    /// What the refusal or the failed task says.
    var message: String

    /// Whether audio of `seconds` is within the limit.
    func accepts(_ seconds: Decimal) -> Bool {
        if let minimum = self.minimum, seconds < minimum { return false }
        return self.includesMaximum ? seconds <= self.maximum : seconds < self.maximum
    }

    /// The `output.code` / `output.message` of a task whose audio is out of the limit.
    var failure: TaskFailure {
        TaskFailure(code: "InvalidFile.Duration", message: self.message)
    }

    /// The 400 answered to a submission whose audio is out of the limit, when upstream refuses it.
    var refusal: DashScopeError {
        DashScopeError(status: .badRequest, code: "InvalidFile.Duration", message: self.message)
    }
}

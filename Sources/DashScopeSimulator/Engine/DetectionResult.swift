/// The outcome of one face check.
struct DetectionResult: Sendable, Equatable {
    var checkPass: Bool
    var humanoid: Bool
    /// Why the check failed; nil when it passed.
    var failure: TaskFailure?
}

/// The `output.code` / `output.message` a task (or a failed face check) ends with.
struct TaskFailure: Sendable, Equatable {
    var code: String
    var message: String

    /// An injected task failure.
    static let injected = TaskFailure(
        code: "InternalError.Algo",
        message: "An internal error has occured during algorithm execution, please try again later."
    )
    /// `sim_face=none`: no person in the image.
    static let noHuman = TaskFailure(
        code: "InvalidFile.Content",
        message: "The input image has no human body or face."
    )
    /// `sim_face=multi`: several people in the image.
    static let multipleHumans = TaskFailure(
        code: "InvalidFile.Content",
        message: "The input image has multi human bodies."
    )
}

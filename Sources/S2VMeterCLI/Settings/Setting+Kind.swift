extension Setting.Kind {
    /// How an error message describes a valid value.
    var expectation: String {
        switch self {
        case .text: "text"
        case .integer: "a whole number"
        case .seconds: "a number of seconds"
        case .boolean: "true or false"
        }
    }
}

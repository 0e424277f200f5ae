/// A setting that is missing, misspelt or out of range, wherever it came from. The CLI prints the message alone.
struct SettingsError: Error, CustomStringConvertible, Equatable {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

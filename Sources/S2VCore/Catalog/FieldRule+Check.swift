import Foundation

extension FieldRule {
    /// Checks the value sent for the field at `path`; the 400 a client gets names the path and what is expected.
    /// A null value counts as absent, as the official SDK sends `"prompt": null`.
    public func check(_ value: JSONValue?, at path: String) throws(ServiceError) {
        guard let value, value != .null else {
            if self.required { throw .invalidParameter("\(path) is required.") }
            return
        }
        switch self.kind {
        case .url:
            guard case .string(let text) = value else { throw Self.wrongType(path, "a URL string") }
            if let problem = InputURL.problem(with: text, field: path) { throw .invalidParameter(problem) }
        case .box:
            _ = try FaceBox(value, at: path)
        case .choice:
            guard case .string(let text) = value, self.values.contains(text) else {
                throw .invalidParameter("\(path) must be one of \(self.values.joined(separator: ", ")).")
            }
        case .number, .integer:
            guard case .number(let number) = value else {
                throw Self.wrongType(path, self.kind == .integer ? "a whole number" : "a number")
            }
            if self.kind == .integer, number != number.rounded(scale: 0) {
                throw .invalidParameter("\(path) must be a whole number.")
            }
            if let minimum, number < minimum { throw self.outOfRange(path) }
            if let maximum, number > maximum { throw self.outOfRange(path) }
        case .boolean:
            guard case .bool = value else { throw Self.wrongType(path, "true or false") }
        case .text:
            guard case .string(let text) = value else { throw Self.wrongType(path, "a string") }
            if text.isEmpty { throw .invalidParameter("\(path) must not be empty.") }
        }
    }

    private func outOfRange(_ path: String) -> ServiceError {
        let low = self.minimum.map { "\($0)" } ?? "any"
        let high = self.maximum.map { "\($0)" } ?? "any"
        return .invalidParameter("\(path) must be between \(low) and \(high).")
    }

    private static func wrongType(_ path: String, _ expected: String) -> ServiceError {
        .invalidParameter("\(path) has the wrong type: it must be \(expected).")
    }
}

/// Why the strict reader refused a body, and where: the byte offset of the problem.
public struct StrictJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var offset: Int

    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "\(self.reason) (at byte \(self.offset))" }
}

/// Who sends a request.
enum FuzzCaller: String, Sendable, CaseIterable {
    case team, admin, anonymous, garbage
}

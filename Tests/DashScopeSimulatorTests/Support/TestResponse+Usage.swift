import Testing

extension TestResponse {
    /// The top-level `usage` of a task answer.
    func usage() throws -> [String: Any] {
        try #require(try self.json()["usage"] as? [String: Any], "no usage in \(self.text)")
    }
}

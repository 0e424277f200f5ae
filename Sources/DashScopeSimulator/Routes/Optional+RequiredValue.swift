extension String? {
    /// The string, if present and not empty; else 400 `InvalidParameter` with upstream's generic message.
    func requiredValue() throws(DashScopeError) -> String {
        guard let value = self, !value.isEmpty else { throw .missingParameter }
        return value
    }
}

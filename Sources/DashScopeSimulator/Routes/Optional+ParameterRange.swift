extension Optional where Wrapped: Comparable {
    /// Accepts an absent parameter or one within `range`; else 400 `InvalidParameter` naming the parameter.
    func checkParameter(_ name: String, within range: ClosedRange<Wrapped>) throws(DashScopeError) {
        guard let value = self, !range.contains(value) else { return }
        throw .invalidParameter("The parameter \(name) must be between \(range.lowerBound) and \(range.upperBound).")
    }
}

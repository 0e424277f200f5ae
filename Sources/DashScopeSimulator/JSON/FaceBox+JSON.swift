extension FaceBox {
    /// `[x1, y1, x2, y2]`.
    var json: JSONValue {
        .array(self.coordinates.map { .int($0) })
    }
}

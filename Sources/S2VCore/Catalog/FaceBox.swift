import Foundation

/// A box `[x1, y1, x2, y2]` in pixels, as a face-detect returns it (`face_bbox`, `ext_bbox`).
public struct FaceBox: Sendable, Equatable {
    public var x1: Int64
    public var y1: Int64
    public var x2: Int64
    public var y2: Int64

    /// Reads the box sent at `path`: exactly 4 whole numbers, not negative, with x1 < x2 and y1 < y2.
    public init(_ value: JSONValue, at path: String) throws(ServiceError) {
        guard case .array(let items) = value, items.count == 4 else {
            throw .invalidParameter("\(path) must be a box [x1, y1, x2, y2] of 4 whole numbers.")
        }
        var numbers: [Int64] = []
        for item in items {
            guard case .number(let number) = item, number == number.rounded(scale: 0), number >= 0,
                number <= 1_000_000, let whole = Int64(number.exactString)
            else {
                throw .invalidParameter("\(path) must be a box [x1, y1, x2, y2] of 4 whole numbers, none negative.")
            }
            numbers.append(whole)
        }
        (self.x1, self.y1, self.x2, self.y2) = (numbers[0], numbers[1], numbers[2], numbers[3])
        guard self.x1 < self.x2, self.y1 < self.y2 else {
            throw .invalidParameter("\(path) must have x1 < x2 and y1 < y2.")
        }
    }

    /// The aspect ratio, width to height in lowest terms: `1:1`, `3:4`.
    public var ratio: String {
        let (width, height) = (self.x2 - self.x1, self.y2 - self.y1)
        var (a, b) = (width, height)
        while b != 0 { (a, b) = (b, a % b) }
        return "\(width / a):\(height / a)"
    }
}

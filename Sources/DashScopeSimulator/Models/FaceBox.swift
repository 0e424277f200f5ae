/// A box `[x1, y1, x2, y2]` in image pixels: EMO's `face_bbox` and `ext_bbox`.
struct FaceBox: Sendable, Equatable {
    var x1: Int
    var y1: Int
    var x2: Int
    var y2: Int

    var width: Int { self.x2 - self.x1 }
    var height: Int { self.y2 - self.y1 }

    /// A box from its 4 coordinates; nil unless there are exactly 4, none negative, with `x1 < x2` and `y1 < y2`.
    init?(coordinates: [Int]) {
        guard coordinates.count == 4, coordinates.allSatisfy({ $0 >= 0 }),
            coordinates[0] < coordinates[2], coordinates[1] < coordinates[3]
        else {
            return nil
        }
        self.init(x1: coordinates[0], y1: coordinates[1], x2: coordinates[2], y2: coordinates[3])
    }

    init(x1: Int, y1: Int, x2: Int, y2: Int) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    /// The box as upstream writes it, `[x1, y1, x2, y2]`.
    var coordinates: [Int] { [self.x1, self.y1, self.x2, self.y2] }
}

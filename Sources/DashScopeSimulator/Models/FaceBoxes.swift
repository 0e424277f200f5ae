/// The two boxes `emo-detect-v1` answers and `emo-v1` requires.
struct FaceBoxes: Sendable, Equatable {
    /// `face_bbox`: the face.
    var face: FaceBox
    /// `ext_bbox`: the region that is animated, around the face, in the requested ratio exactly.
    var extended: FaceBox

    /// The boxes the simulator finds in every image (it reads none): the face of the doc's example, and around it
    /// the doc's 769×769 region for 1:1, or a 612×816 one for 3:4.
    static func simulated(ratio: VideoRatio) -> FaceBoxes {
        let face = FaceBox(x1: 302, y1: 286, x2: 610, y2: 593)
        switch ratio {
        case .oneByOne:
            return FaceBoxes(face: face, extended: FaceBox(x1: 71, y1: 9, x2: 840, y2: 778))
        case .threeByFour:
            return FaceBoxes(face: face, extended: FaceBox(x1: 150, y1: 9, x2: 762, y2: 825))
        }
    }
}

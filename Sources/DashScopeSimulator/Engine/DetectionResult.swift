/// The outcome of one face check.
struct DetectionResult: Sendable, Equatable {
    /// The detect model that ran it; it decides the answer's field names.
    var model: SimulatedModel
    /// Why the check failed (`sim_face=`); nil when it passed.
    var failure: RequestMarkers.Face?
    /// `emo-detect-v1`'s boxes, in the requested ratio, when the check passed.
    var boxes: FaceBoxes?

    /// The check of `model` on an image whose `sim_face=` marker says `face`; EMO's at `ratio`.
    static func simulated(model: SimulatedModel, face: RequestMarkers.Face?, ratio: VideoRatio) -> DetectionResult {
        let boxes = model == .emoDetect && face == nil ? FaceBoxes.simulated(ratio: ratio) : nil
        return DetectionResult(model: model, failure: face, boxes: boxes)
    }
}

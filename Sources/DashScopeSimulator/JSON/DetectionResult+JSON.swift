extension DetectionResult {
    /// `output` of a face-detect answer. `wan2.2-s2v-detect` and `emo-detect-v1` answer `check_pass` and
    /// `humanoid` (plus `code` and `message` on failure, and EMO its boxes on success); `liveportrait-detect`
    /// answers `pass` (plus `message` on failure).
    var output: JSONValue {
        if self.model == .livePortraitDetect {
            var members: [(String, JSONValue)] = [("pass", .bool(self.failure == nil))]
            switch self.failure {
            case nil: break
            case .none?: members.append(("message", .string("No human face detected.")))
            case .multi?: members.append(("message", .string("Multiple human faces detected.")))
            }
            return .object(members)
        }
        var members: [(String, JSONValue)] = [
            ("check_pass", .bool(self.failure == nil)), ("humanoid", .bool(self.failure != RequestMarkers.Face.none)),
        ]
        let failure: TaskFailure? =
            switch self.failure {
            case nil: nil
            case .none?: .noHuman
            case .multi?: .multipleHumans
            }
        if let failure {
            members += [("code", .string(failure.code)), ("message", .string(failure.message))]
        }
        if let boxes = self.boxes {
            members += [("face_bbox", boxes.face.json), ("ext_bbox", boxes.extended.json)]
        }
        return .object(members)
    }
}

/// How lively the face moves: `emo-v1`'s `parameters.style_level` and `liveportrait`'s `parameters.template_id`.
enum MotionStyle: String, Sendable, CaseIterable {
    case normal
    case calm
    case active
}

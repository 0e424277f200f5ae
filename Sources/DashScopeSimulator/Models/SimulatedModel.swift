/// The upstream models the simulator serves.
public enum SimulatedModel: String, Sendable, Hashable, CaseIterable {
    /// Synchronous face check, `POST .../image2video/face-detect`.
    case detect = "wan2.2-s2v-detect"
    /// Asynchronous video generation, `POST .../image2video/video-synthesis`.
    case synthesis = "wan2.2-s2v"
    /// EMO's face check (face-detect): answers the `face_bbox` and `ext_bbox` that `emo-v1` needs.
    case emoDetect = "emo-detect-v1"
    /// EMO's video generation (video-synthesis), priced by the video ratio.
    case emo = "emo-v1"
    /// LivePortrait's face check (face-detect): answers `output.pass`, not `check_pass`.
    case livePortraitDetect = "liveportrait-detect"
    /// LivePortrait's video generation (video-synthesis).
    case livePortrait = "liveportrait"
    /// VideoRetalk's video generation (video-synthesis): a video and an audio; it has no detect model.
    case videoRetalk = "videoretalk"
}

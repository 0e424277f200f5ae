/// The upstream models the simulator serves.
public enum SimulatedModel: String, Sendable, Hashable, CaseIterable {
    /// Synchronous face check, `POST .../image2video/face-detect`.
    case detect = "wan2.2-s2v-detect"
    /// Asynchronous video generation, `POST .../image2video/video-synthesis`.
    case synthesis = "wan2.2-s2v"
}

/// The rate-limited DashScope endpoints, as counted in the statistics (cancel has no documented limit).
public enum SimulatorEndpoint: String, Sendable, Hashable, CaseIterable {
    case faceDetect = "face-detect"
    case videoSynthesis = "video-synthesis"
    case taskQuery = "task-query"
    case taskList = "task-list"
}

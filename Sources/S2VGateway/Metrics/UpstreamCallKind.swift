/// What an upstream call was for, as the `kind` label of the upstream latency histogram.
enum UpstreamCallKind: String, Sendable, CaseIterable {
    /// `POST /services/aigc/image2video/face-detect`.
    case detect
    /// `POST /services/aigc/image2video/video-synthesis`.
    case submit
    /// `GET /tasks/{id}`.
    case query
    /// `POST /tasks/{id}/cancel`.
    case cancel
    /// `GET /tasks`, to find tasks an unanswered submission may have created.
    case list
}

import Foundation

/// A validated `video-synthesis` request: an image and an audio clip, priced per second at a resolution tier.
public struct GenerationRequest: Sendable, Equatable {
    public var model: String
    public var imageURL: String
    public var audioURL: String
    /// The tier that prices the video: `parameters.resolution`, DashScope's default 480P when absent.
    public var resolution: String

    /// Validates a client's body; the same document is stored and forwarded upstream.
    public static func parse(_ document: RequestDocument) throws(ServiceError) -> GenerationRequest {
        let body = try SubmissionBody(document)
        guard let model = body.model, !model.isEmpty else { throw .invalidParameter("model is required.") }
        // DashScope's own field is image_url; the official SDK's named argument sends img_url.
        guard let imageURL = body.imageURL ?? body.imgURL else {
            throw .invalidParameter("input.image_url is required.")
        }
        guard let audioURL = body.audioURL else { throw .invalidParameter("input.audio_url is required.") }
        if let problem = InputURL.problem(with: imageURL, field: "input.image_url") { throw .invalidParameter(problem) }
        if let problem = InputURL.problem(with: audioURL, field: "input.audio_url") { throw .invalidParameter(problem) }
        let resolution = body.resolution ?? Resolution.default.rawValue
        guard !resolution.isEmpty else { throw .invalidParameter("parameters.resolution must not be empty.") }
        return GenerationRequest(model: model, imageURL: imageURL, audioURL: audioURL, resolution: resolution)
    }
}

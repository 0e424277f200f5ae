import Foundation

/// A validated `face-detect` request: one image, checked and billed per image.
public struct DetectRequest: Sendable, Equatable {
    public var model: String
    public var imageURL: String

    /// Validates a client's body; the same document is forwarded upstream.
    public static func parse(_ document: RequestDocument) throws(ServiceError) -> DetectRequest {
        let body = try SubmissionBody(document)
        guard let model = body.model, !model.isEmpty else { throw .invalidParameter("model is required.") }
        guard let imageURL = body.imageURL else { throw .invalidParameter("input.image_url is required.") }
        if let problem = InputURL.problem(with: imageURL, field: "input.image_url") { throw .invalidParameter(problem) }
        return DetectRequest(model: model, imageURL: imageURL)
    }
}

import Foundation

/// The JSON body a client sends to face-detect or video-synthesis, as far as the gateway reads it.
///
/// Unknown keys (`prompt`, `extend_prompt`, `style`, …) are allowed and forwarded untouched.
struct SubmissionBody: Decodable {
    struct Input: Decodable {
        var imageURL: String?
        var imgURL: String?
        var audioURL: String?

        enum CodingKeys: String, CodingKey {
            case imageURL = "image_url"
            case imgURL = "img_url"
            case audioURL = "audio_url"
        }
    }

    struct Parameters: Decodable {
        var resolution: String?
    }

    var model: String?
    var input: Input?
    var parameters: Parameters?

    /// Decodes `data`, turning every failure into a message a client can act on.
    static func decode(_ data: Data) throws(ServiceError) -> SubmissionBody {
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw .invalidParameter("The request body must be a JSON object.")
        }
        do {
            return try JSONDecoder().decode(SubmissionBody.self, from: data)
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidParameter("\(Self.path(context.codingPath)) has the wrong type.")
        } catch {
            throw .invalidParameter("The request body is not valid: \(error.localizedDescription)")
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map(\.stringValue).joined(separator: ".")
    }
}

import Foundation

/// The fields of a face-detect or video-synthesis body that the gateway reads, from the strict document.
///
/// Unknown keys (`prompt`, `extend_prompt`, `style`, …) are allowed and forwarded untouched; a known key of the
/// wrong type is refused with a message naming its path. `null` counts as absent, as the official SDK sends
/// `"prompt": null`.
struct SubmissionBody {
    var model: String?
    var imageURL: String?
    /// The official SDK's named argument sends `img_url`.
    var imgURL: String?
    var audioURL: String?
    var resolution: String?

    init(_ document: RequestDocument) throws(ServiceError) {
        let root = try document.value.requireObject()
        self.model = try root.string("model", at: "model")
        let input = try root.object("input", at: "input")
        self.imageURL = try input?.string("image_url", at: "input.image_url")
        self.imgURL = try input?.string("img_url", at: "input.img_url")
        self.audioURL = try input?.string("audio_url", at: "input.audio_url")
        let parameters = try root.object("parameters", at: "parameters")
        self.resolution = try parameters?.string("resolution", at: "parameters.resolution")
    }
}

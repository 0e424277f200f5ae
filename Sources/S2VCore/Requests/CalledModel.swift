/// The model a face-detect or video-synthesis body names: the key into the catalog, read before its rules.
public enum CalledModel {
    /// `model`, a non-empty string; otherwise the 400 a client gets.
    public static func name(in document: RequestDocument) throws(ServiceError) -> String {
        let root = try document.value.requireObject()
        guard let model = try root.string("model", at: "model"), !model.isEmpty else {
            throw .invalidParameter("model is required.")
        }
        return model
    }
}

extension SimulatedModel {
    /// The endpoint that serves the model: detect models are synchronous face checks, the others video tasks.
    public var endpoint: SimulatorEndpoint {
        switch self {
        case .detect, .emoDetect, .livePortraitDetect: .faceDetect
        case .synthesis, .emo, .livePortrait, .videoRetalk: .videoSynthesis
        }
    }

    /// The model an endpoint counts a request against when the request names none it serves (bad JSON, unknown
    /// model): the wan2.2 model, as before the family.
    static func fallback(for endpoint: SimulatorEndpoint) -> SimulatedModel {
        endpoint == .faceDetect ? .detect : .synthesis
    }

    /// The model `name` names, if `endpoint` serves it; a launched model is served as the model of its shape.
    static func served(
        named name: String?,
        at endpoint: SimulatorEndpoint,
        launched: [String: SimulatedModel] = [:]
    ) -> SimulatedModel? {
        guard let name, let model = SimulatedModel(rawValue: name) ?? launched[name], model.endpoint == endpoint
        else { return nil }
        return model
    }
}

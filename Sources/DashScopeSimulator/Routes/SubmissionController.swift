import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// `POST .../image2video/face-detect` and `POST .../image2video/video-synthesis`, for every model they serve.
///
/// Checks run in this order: API key, async header, body (the model first, then its own body type), rate limit,
/// faults. Only requests that get past the body checks reach the rate limit, and only accepted ones take a place
/// in its window. A request counts (as an attempt, and in the rate window) from the moment its body has arrived,
/// as at a real server, not from whenever this process gets round to handling it; it counts against the model it
/// names, or the endpoint's wan2.2 model if it names none the endpoint serves.
struct SubmissionController<Context: RequestContext>: Sendable {
    let engine: SimulatorEngine
    let authenticator: APIKeyAuthenticator
    let defaultAudioSeconds: Decimal
    let timeoutDelay: Duration
    /// Models served with the shape of a known one (``SimulatorConfiguration/launchedModels``).
    let launchedModels: [String: SimulatedModel]

    func addRoutes(to group: RouterGroup<Context>) {
        group.post("services/aigc/image2video/face-detect", use: self.faceDetect)
        // The router ignores a trailing slash, so this also serves `.../video-synthesis/`.
        group.post("services/aigc/image2video/video-synthesis", use: self.videoSynthesis)
    }

    @Sendable func faceDetect(_ request: Request, context: Context) async throws -> Response {
        let account = try self.authenticator.account(for: request)
        var request = request
        let arrived = try await self.arrival(of: &request, account: account, endpoint: .faceDetect)
        let model = try await self.model(of: request, at: .faceDetect)
        guard let bodyType = model.detectBody, let item = PricedItem(untiered: model) else {
            throw DashScopeError.modelNotExist
        }
        let input = try await bodyType.validatedInput(from: request)
        try InputURLValidator.validate(input.imageURL, field: "image_url", ossResolve: Self.ossResolve(request))
        let markers = try RequestMarkers.parse(mediaURLs: [input.imageURL])
        guard markers.ratio == nil else {
            throw DashScopeError.invalidParameter("The sim_ratio marker applies to emo-v1 tasks only.")
        }

        switch await self.engine.submitDetection(
            account: account,
            item: item,
            ratio: input.ratio,
            markers: markers,
            arrived: arrived
        ) {
        case .rejected(let error):
            throw error
        case .timedOut:
            await ResponseDelay.wait(self.timeoutDelay)
            throw DashScopeError.timedOut
        case .processed(let result, let delivery):
            let json = JSONValue.object([
                ("output", result.output),
                ("usage", .object([("image_count", .int(1))])),
                ("request_id", .string(RequestIDs.make())),
            ])
            return await self.deliver(json, delivery)
        }
    }

    @Sendable func videoSynthesis(_ request: Request, context: Context) async throws -> Response {
        let account = try self.authenticator.account(for: request)
        var request = request
        let arrived = try await self.arrival(of: &request, account: account, endpoint: .videoSynthesis)
        guard request.headers[.dashScopeAsync]?.lowercased() == "enable" else {
            throw DashScopeError.synchronousCall
        }
        let model = try await self.model(of: request, at: .videoSynthesis)
        guard let bodyType = model.synthesisBody else { throw DashScopeError.modelNotExist }
        let input = try await bodyType.validatedInput(from: request)
        let ossResolve = Self.ossResolve(request)
        for media in input.media {
            try InputURLValidator.validate(media.value, field: media.field, ossResolve: ossResolve)
        }
        try InputURLValidator.validate(input.audioURL, field: "audio_url", ossResolve: ossResolve)
        let markers = try RequestMarkers.parse(mediaURLs: input.media.map(\.value), audioURL: input.audioURL)
        let plan = try self.plan(input, markers: markers)

        switch await self.engine.submitSynthesis(account: account, plan: plan, markers: markers, arrived: arrived) {
        case .rejected(let error):
            throw error
        case .timedOut:
            await ResponseDelay.wait(self.timeoutDelay)
            throw DashScopeError.timedOut
        case .processed(let task, let delivery):
            // The answer always says PENDING, even if the task already started.
            let json = JSONValue.object([
                (
                    "output",
                    .object([("task_id", .string(task.id)), ("task_status", .string(TaskStatus.pending.rawValue))])
                ),
                ("request_id", .string(RequestIDs.make())),
            ])
            return await self.deliver(json, delivery)
        }
    }

    /// The task a checked body asks for: its tier (unless `sim_ratio=` overrides EMO's) and its audio length, which
    /// VideoRetalk refuses up front when out of its limit.
    private func plan(_ input: SynthesisInput, markers: RequestMarkers) throws(DashScopeError) -> SynthesisPlan {
        var item = input.item
        if let ratio = markers.ratio {
            guard case .emo = item else {
                throw .invalidParameter("The sim_ratio marker applies to emo-v1 tasks only.")
            }
            item = .emo(ratio)
        }
        let audioSeconds = markers.audioSeconds ?? self.defaultAudioSeconds
        if let limit = item.model.audioLimit, limit.refusesSubmission, !limit.accepts(audioSeconds) {
            throw limit.refusal
        }
        return SynthesisPlan(item: item, audioSeconds: audioSeconds)
    }

    /// Reads the whole body (kept in `request` for decoding), takes the simulator's time at that moment, and counts
    /// the attempt against the model the body names.
    private func arrival(of request: inout Request, account: String, endpoint: SimulatorEndpoint) async throws -> Date {
        _ = try await request.collectBody(upTo: Request.maxJSONBodySize)
        let arrived = self.engine.now()
        let named = try? await request.decodeJSONBody(as: ModelNamedBody.self)
        let model =
            SimulatedModel.served(named: named?.model, at: endpoint, launched: self.launchedModels)
            ?? .fallback(for: endpoint)
        await self.engine.recordSubmissionAttempt(account: account, model: model, arrived: arrived)
        return arrived
    }

    /// Answers a processed submission: intact, late, truncated, or not at all.
    private func deliver(_ json: JSONValue, _ delivery: ResponseDelivery) async -> Response {
        let text = json.serialized()
        switch delivery {
        case .normal:
            return .json(text: text)
        case .lost:
            await ResponseDelay.wait(self.timeoutDelay)
            return .json(text: text)
        case .malformed:
            return .json(text: String(text.prefix(text.count / 2)))
        case .dropped:
            return .dropped(declaredLength: text.utf8.count)
        }
    }

    /// The model the body names; 400 when the body is not JSON, names no model, or one the endpoint does not serve.
    private func model(of request: Request, at endpoint: SimulatorEndpoint) async throws -> SimulatedModel {
        let body = try await request.decodeJSONBody(as: ModelNamedBody.self)
        guard let name = body.model, !name.isEmpty else { throw DashScopeError.missingParameter }
        guard let model = SimulatedModel.served(named: name, at: endpoint, launched: self.launchedModels) else {
            throw DashScopeError.modelNotExist
        }
        return model
    }

    private static func ossResolve(_ request: Request) -> Bool {
        request.headers[.dashScopeOssResourceResolve]?.lowercased() == "enable"
    }
}

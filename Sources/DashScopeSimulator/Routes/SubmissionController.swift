import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// `POST .../image2video/face-detect` and `POST .../image2video/video-synthesis`.
///
/// Checks run in this order: API key, async header, body, rate limit, faults. Only requests that get
/// past the body checks reach the rate limit, and only accepted ones take a place in its window. A request counts
/// (as an attempt, and in the rate window) from the moment its body has arrived, as at a real server, not from
/// whenever this process gets round to handling it.
struct SubmissionController<Context: RequestContext>: Sendable {
    let engine: SimulatorEngine
    let authenticator: APIKeyAuthenticator
    let defaultAudioSeconds: Decimal
    let timeoutDelay: Duration

    func addRoutes(to group: RouterGroup<Context>) {
        group.post("services/aigc/image2video/face-detect", use: self.faceDetect)
        // The router ignores a trailing slash, so this also serves `.../video-synthesis/`.
        group.post("services/aigc/image2video/video-synthesis", use: self.videoSynthesis)
    }

    @Sendable func faceDetect(_ request: Request, context: Context) async throws -> Response {
        let account = try self.authenticator.account(for: request)
        var request = request
        let arrived = try await self.arrival(of: &request)
        await self.engine.recordSubmissionAttempt(account: account, model: .detect, arrived: arrived)
        let body = try await request.decodeJSONBody(as: DetectRequestBody.self)
        try Self.checkModel(body.model, expected: .detect)
        guard let imageURL = body.input?.imageURL, !imageURL.isEmpty else {
            throw DashScopeError.missingParameter
        }
        try InputURLValidator.validate(imageURL, field: "image_url", ossResolve: Self.ossResolve(request))
        let markers = try RequestMarkers.parse(imageURL: imageURL)

        switch await self.engine.submitDetection(account: account, markers: markers, arrived: arrived) {
        case .rejected(let error):
            throw error
        case .timedOut:
            await ResponseDelay.wait(self.timeoutDelay)
            throw DashScopeError.timedOut
        case .processed(let result, let delivery):
            var output: [(String, JSONValue)] = [
                ("check_pass", .bool(result.checkPass)), ("humanoid", .bool(result.humanoid)),
            ]
            if let failure = result.failure {
                output += [("code", .string(failure.code)), ("message", .string(failure.message))]
            }
            let json = JSONValue.object([
                ("output", .object(output)),
                ("usage", .object([("image_count", .int(1))])),
                ("request_id", .string(RequestIDs.make())),
            ])
            return await self.deliver(json, delivery)
        }
    }

    @Sendable func videoSynthesis(_ request: Request, context: Context) async throws -> Response {
        let account = try self.authenticator.account(for: request)
        var request = request
        let arrived = try await self.arrival(of: &request)
        await self.engine.recordSubmissionAttempt(account: account, model: .synthesis, arrived: arrived)
        guard request.headers[.dashScopeAsync]?.lowercased() == "enable" else {
            throw DashScopeError.synchronousCall
        }
        let body = try await request.decodeJSONBody(as: SynthesisRequestBody.self)
        try Self.checkModel(body.model, expected: .synthesis)
        guard let imageURL = body.input?.imageURL ?? body.input?.imgURL, !imageURL.isEmpty,
            let audioURL = body.input?.audioURL, !audioURL.isEmpty
        else {
            throw DashScopeError.missingParameter
        }
        let ossResolve = Self.ossResolve(request)
        try InputURLValidator.validate(imageURL, field: "image_url", ossResolve: ossResolve)
        try InputURLValidator.validate(audioURL, field: "audio_url", ossResolve: ossResolve)
        let resolution: VideoResolution
        if let text = body.parameters?.resolution {
            guard let parsed = VideoResolution(rawValue: text) else {
                throw DashScopeError.invalidParameter("The parameter resolution must be 480P or 720P.")
            }
            resolution = parsed
        } else {
            resolution = .p480
        }
        let markers = try RequestMarkers.parse(imageURL: imageURL, audioURL: audioURL)
        let plan = SynthesisPlan(resolution: resolution, audioSeconds: markers.audioSeconds ?? self.defaultAudioSeconds)

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

    /// Reads the whole body (kept in `request` for decoding) and returns the simulator's time at that moment.
    private func arrival(of request: inout Request) async throws -> Date {
        _ = try await request.collectBody(upTo: Request.maxJSONBodySize)
        return self.engine.now()
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

    private static func checkModel(_ model: String?, expected: SimulatedModel) throws(DashScopeError) {
        guard let model, !model.isEmpty else { throw .missingParameter }
        guard model == expected.rawValue else { throw .modelNotExist }
    }

    private static func ossResolve(_ request: Request) -> Bool {
        request.headers[.dashScopeOssResourceResolve]?.lowercased() == "enable"
    }
}

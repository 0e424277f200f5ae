import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A small DashScope client for tests, over real HTTP.
struct TestAPI: Sendable {
    static let detectPath = "/api/v1/services/aigc/image2video/face-detect"
    static let synthesisPath = "/api/v1/services/aigc/image2video/video-synthesis"

    let baseURL: String
    var key: String?

    /// Sends a request and reads the whole answer.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        body: String? = nil,
        headers: [(String, String)] = [],
        timeout: TimeAmount = .seconds(30)
    ) async throws -> TestResponse {
        var request = HTTPClientRequest(url: self.baseURL + path)
        request.method = method
        if let key = self.key {
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        for (name, value) in headers {
            request.headers.replaceOrAdd(name: name, value: value)
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return TestResponse(status: Int(response.status.code), text: String(buffer: buffer))
    }

    /// `POST face-detect` for an image URL.
    func detect(
        image: String = "https://example.com/face.jpg",
        model: String = "wan2.2-s2v-detect",
        timeout: TimeAmount = .seconds(30)
    ) async throws -> TestResponse {
        try await self.send(
            .POST,
            Self.detectPath,
            body: #"{"model":"\#(model)","input":{"image_url":"\#(image)"}}"#,
            timeout: timeout
        )
    }

    /// `POST video-synthesis` with the async header.
    func synthesize(
        image: String = "https://example.com/face.jpg",
        audio: String = "https://example.com/voice.mp3",
        resolution: String? = nil,
        timeout: TimeAmount = .seconds(30)
    ) async throws -> TestResponse {
        let parameters = resolution.map { #","parameters":{"resolution":"\#($0)"}"# } ?? ""
        return try await self.synthesize(
            body: #"{"model":"wan2.2-s2v","input":{"image_url":"\#(image)","audio_url":"\#(audio)"}\#(parameters)}"#,
            timeout: timeout
        )
    }

    /// `POST video-synthesis` with a raw body and the async header.
    func synthesize(
        body: String,
        path: String = TestAPI.synthesisPath,
        timeout: TimeAmount = .seconds(30)
    ) async throws -> TestResponse {
        try await self.send(.POST, path, body: body, headers: [("X-DashScope-Async", "enable")], timeout: timeout)
    }

    /// `GET /tasks/{id}`.
    func task(_ id: String, query: String = "") async throws -> TestResponse {
        try await self.send(.GET, "/api/v1/tasks/\(id)\(query)")
    }

    /// `POST /tasks/{id}/cancel`.
    func cancel(_ id: String) async throws -> TestResponse {
        try await self.send(.POST, "/api/v1/tasks/\(id)/cancel")
    }

    /// `GET /tasks?…`.
    func list(_ query: String = "") async throws -> TestResponse {
        try await self.send(.GET, "/api/v1/tasks\(query)")
    }
}

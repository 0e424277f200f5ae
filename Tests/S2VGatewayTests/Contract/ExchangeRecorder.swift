import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization

/// Sends requests to the gateway as they are, redirects not followed, and keeps every request and response for a
/// validator to check against the API contract.
final class ExchangeRecorder: Sendable {
    struct Exchange: Codable, Sendable {
        var method: String
        var url: String
        var request_headers: [String: String]
        var request_body: String
        var status: Int
        var headers: [String: String]
        var body: String
    }

    let baseURL: String
    let http = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(redirectConfiguration: .disallow)
    )
    private let recorded = Mutex<[(operation: String, exchange: Exchange)]>([])

    init(baseURL: String) {
        self.baseURL = baseURL
    }

    /// The statuses each operation (`GET /v1/budgets/{budget_id}`) answered.
    var outcomes: [String: Set<Int>] {
        self.recorded.withLock { recorded in
            recorded.reduce(into: [:]) { $0[$1.operation, default: []].insert($1.exchange.status) }
        }
    }

    func json() throws -> Data {
        let exchanges = self.recorded.withLock { $0.map(\.exchange) }
        return try JSONEncoder().encode(exchanges)
    }

    /// Sends `path` for `operation` (its method and path template, as the document names it).
    @discardableResult
    func send(
        _ operation: String,
        _ path: String,
        key: String? = nil,
        json: String? = nil,
        text: String? = nil,
        headers extra: [(String, String)] = []
    ) async throws -> Exchange {
        let method = String(operation.prefix { $0 != " " })
        var request = HTTPClientRequest(url: self.baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        var sent: [String: String] = [:]
        if let key { sent["Authorization"] = "Bearer \(key)" }
        if json != nil { sent["Content-Type"] = "application/json" }
        for (name, value) in extra { sent[name] = value }
        for (name, value) in sent { request.headers.add(name: name, value: value) }
        let body = json ?? text
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await self.http.execute(request, timeout: .seconds(120))
        let bytes = try await response.body.collect(upTo: 1 << 24)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        let exchange = Exchange(
            method: method,
            url: self.baseURL + path,
            request_headers: sent,
            request_body: body ?? "",
            status: Int(response.status.code),
            headers: headers,
            body: String(buffer: bytes)
        )
        self.recorded.withLock { $0.append((operation, exchange)) }
        return exchange
    }
}

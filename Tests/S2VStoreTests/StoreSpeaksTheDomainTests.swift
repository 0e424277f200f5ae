import Foundation
import Testing

/// The store speaks the domain: it throws `DomainError`s and returns domain values, and the gateway alone turns
/// them into HTTP statuses and response bodies. A read of its sources keeps it that way.
@Suite struct StoreSpeaksTheDomainTests {
    static let storeSources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/S2VStore")

    /// What only the HTTP layer may say: its error type, its modules, and response documents built in SQL (the
    /// API's `request_id` as a JSON key).
    static let httpWords = [
        "ServiceError", "import Hummingbird", "import HTTPTypes", "import NIOHTTP1", "'request_id'",
        "\"request_id\"", "HTTPResponse",
    ]

    @Test func noStoreSourceMentionsHTTPStatusesOrResponseBodies() throws {
        let files = try #require(FileManager.default.enumerator(atPath: Self.storeSources.path))
            .compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50, "the store's sources were not found at \(Self.storeSources.path)")
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: Self.storeSources.appendingPathComponent(file), encoding: .utf8)
            for word in Self.httpWords where text.contains(word) { found.append("\(file): \(word)") }
        }
        #expect(found.isEmpty, "\(found)")
    }
}

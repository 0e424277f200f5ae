import Foundation
import OpenAPIKit
import Testing

@testable import S2VGateway

/// The document the gateway serves is the repository's `openapi.json`, and it is a valid OpenAPI 3.1 document.
@Suite struct APIContractDocumentTests {
    static let sources = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appending(path: "Sources/S2VGateway/OpenAPI")

    /// `APIContract+Text.swift` carries `openapi.json` into the binary. After editing the document, run
    /// `scripts/update-openapi-embedding.sh` (this test with `S2V_UPDATE_OPENAPI=1`) to write it again.
    @Test func theServedDocumentIsTheRepositoryFile() throws {
        let file = try String(contentsOf: Self.sources.appending(path: "openapi.json"), encoding: .utf8)
        if ProcessInfo.processInfo.environment["S2V_UPDATE_OPENAPI"] == "1" {
            try Self.embedding(file).write(
                to: Self.sources.appending(path: "APIContract+Text.swift"),
                atomically: true,
                encoding: .utf8
            )
            return
        }
        // Compared apart from the expectation, which would print both documents in full.
        let served = APIContract.text == file
        #expect(
            served,
            "APIContract+Text.swift is out of date: run scripts/update-openapi-embedding.sh"
        )
    }

    /// Parsed and checked by OpenAPIKit's validator: structure, references that resolve, operations with
    /// responses, unique operation ids and parameters.
    @Test func theDocumentIsValidOpenAPI31() throws {
        let document = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(APIContract.text.utf8))
        #expect(document.openAPIVersion.rawValue.hasPrefix("3.1"))
        try document.validate()
        #expect(!document.paths.isEmpty)
        // Every operation says who may call it and answers at least one documented status.
        for (path, item) in document.paths {
            guard let item = item.pathItemValue else { continue }
            for endpoint in item.endpoints {
                #expect(!endpoint.operation.responses.isEmpty, "\(endpoint.method) \(path) documents no response")
            }
        }
    }

    /// The Swift source that holds `text` in a raw string literal, indented as swift-format wants it.
    static func embedding(_ text: String) -> String {
        let body = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "        \($0)" }
        return """
            // Generated from openapi.json by APIContractDocumentTests (S2V_UPDATE_OPENAPI=1); edit openapi.json instead.
            extension APIContract {
                /// The text of `openapi.json`.
                static let text = #\"\"\"
            \(body.joined(separator: "\n"))
                    \"\"\"#
            }

            """
    }
}

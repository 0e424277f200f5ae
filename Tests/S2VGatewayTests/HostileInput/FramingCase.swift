/// HTTP framing oddities, written byte for byte over a raw socket: malformed chunk sizes, a declared body far over
/// the 64 KiB limit (with `Expect: 100-continue`, where the answer must come before any body is sent), chunked
/// bodies over the limit, and heads no parser should accept.
struct FramingCase: Sendable {
    /// What the answer must be.
    enum Expectation: Sendable {
        /// A 400 with the flat body (code `InvalidParameter`): malformed chunked framing.
        case badRequest
        /// A 413 with the flat body (code `InvalidParameter`), before the body is sent: the head is all that is written.
        case tooLargeBeforeBody
        /// 413 (or 400) with the flat body and code `InvalidParameter`: a body found too large while it was read.
        case tooLarge
        /// Below 500, or the connection closed without an answer: a head the HTTP parser refuses.
        case refusedOrClosed
    }

    var name: String
    var method: String
    var path: String
    /// Header lines after the request line, each without CRLF.
    var headerLines: [String]
    /// Written after the head, one part after the other.
    var bodyParts: [[UInt8]]
    var expectation: Expectation
    /// For heads a parser refuses: the whole request as raw bytes instead of the fields above.
    var raw: [UInt8]?

    func wire(port: Int) -> [[UInt8]] {
        if let raw { return [raw] }
        let head =
            "\(self.method) \(self.path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
            + self.headerLines.map { $0 + "\r\n" }.joined() + "Connection: close\r\n\r\n"
        return [Array(head.utf8)] + self.bodyParts
    }

    /// As a reproducer in a failure message.
    var reproducer: String {
        let head =
            self.raw.map { HostileRequest.escape($0, limit: 600) }
            ?? "\(self.method) \(self.path)\n" + self.headerLines.joined(separator: "\n")
        let body = self.bodyParts.flatMap { $0 }
        return
            "[framing: \(self.name)]\n\(head)\nbody (\(body.count) bytes): \"\(HostileRequest.escape(body, limit: 300))\""
    }

    /// The framing cases, for the paid routes (team key) and the budget route (admin key).
    static func all(teamKey: String, adminKey: String) -> [FramingCase] {
        let detect = "/api/v1/services/aigc/image2video/face-detect"
        let synthesis = "/api/v1/services/aigc/image2video/video-synthesis"
        let team = "Authorization: Bearer \(teamKey)"
        let admin = "Authorization: Bearer \(adminKey)"
        let json = "Content-Type: application/json"
        let chunked = "Transfer-Encoding: chunked"
        let body = #"{"model":"wan2.2-s2v-detect","input":{"image_url":"https://example.com/face.jpg"}}"#
        var cases: [FramingCase] = []

        // Malformed chunk sizes, on a route that reads its body.
        let badChunks: [(String, String)] = [
            ("non-hex chunk size", "ZZ\r\n\(body)\r\n0\r\n\r\n"),
            ("negative chunk size", "-1\r\n\(body)\r\n0\r\n\r\n"),
            ("0x-prefixed chunk size", "0x10\r\n0123456789abcdef\r\n0\r\n\r\n"),
            ("chunk size past 64 bits", "FFFFFFFFFFFFFFFFFFFF\r\n\(body)\r\n0\r\n\r\n"),
            ("chunk longer than its size", "3\r\nhello\r\n0\r\n\r\n"),
            ("chunk without CRLF after its data", "5\r\nhelloXX0\r\n\r\n"),
            ("space inside the chunk size", "1 0\r\n0123456789abcdef\r\n0\r\n\r\n"),
            ("empty chunk size line", "\r\n\(body)\r\n0\r\n\r\n"),
        ]
        for (name, chunks) in badChunks {
            cases.append(
                FramingCase(
                    name: name,
                    method: "POST",
                    path: detect,
                    headerLines: [team, json, chunked],
                    bodyParts: [Array(chunks.utf8)],
                    expectation: .badRequest
                )
            )
        }
        cases.append(
            FramingCase(
                name: "non-hex chunk size on a budget",
                method: "POST",
                path: "/v1/budgets",
                headerLines: [admin, json, chunked],
                bodyParts: [Array("G\r\n{}\r\n0\r\n\r\n".utf8)],
                expectation: .badRequest
            )
        )

        // A declared body far over the limit, announced with Expect: 100-continue: only the head is sent.
        let declared: [(String, String, String)] = [
            ("10 MB face-detect", detect, team), ("10 MB video-synthesis", synthesis, team),
            ("10 MB budget", "/v1/budgets", admin), ("65537-byte face-detect", detect, team),
        ]
        for (name, path, key) in declared {
            let length = name.hasPrefix("10 MB") ? 10_000_000 : 65_537
            cases.append(
                FramingCase(
                    name: "Expect: 100-continue, \(name)",
                    method: "POST",
                    path: path,
                    headerLines: [
                        key, json, "X-DashScope-Async: enable", "Content-Length: \(length)", "Expect: 100-continue",
                    ],
                    bodyParts: [],
                    expectation: .tooLargeBeforeBody
                )
            )
        }
        // The same sizes sent in full, and chunked bodies over the limit.
        let big = Array(
            ("{\"model\":\"wan2.2-s2v-detect\",\"pad\":\"" + String(repeating: "x", count: 70_000) + "\"}").utf8
        )
        cases.append(
            FramingCase(
                name: "70 KB body with Content-Length",
                method: "POST",
                path: detect,
                headerLines: [team, json, "Content-Length: \(big.count)"],
                bodyParts: [big],
                expectation: .tooLarge
            )
        )
        let chunks = stride(from: 0, to: big.count, by: 4_096).map { start -> [UInt8] in
            let piece = big[start..<min(start + 4_096, big.count)]
            return Array("\(String(piece.count, radix: 16))\r\n".utf8) + piece + Array("\r\n".utf8)
        }
        cases.append(
            FramingCase(
                name: "70 KB chunked body",
                method: "POST",
                path: detect,
                headerLines: [team, json, chunked],
                bodyParts: chunks + [Array("0\r\n\r\n".utf8)],
                expectation: .tooLarge
            )
        )
        cases.append(
            FramingCase(
                name: "one chunk announced at 16 MB",
                method: "POST",
                path: synthesis,
                headerLines: [team, json, chunked, "X-DashScope-Async: enable"],
                bodyParts: [Array("1000000\r\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 70_000)],
                expectation: .tooLarge
            )
        )
        cases.append(
            FramingCase(
                name: "70 KB chunked budget",
                method: "POST",
                path: "/v1/budgets",
                headerLines: [admin, json, chunked],
                bodyParts: chunks + [Array("0\r\n\r\n".utf8)],
                expectation: .tooLarge
            )
        )

        // Heads an HTTP parser refuses.
        let heads: [(String, String)] = [
            (
                "Content-Length and Transfer-Encoding",
                "POST \(detect) HTTP/1.1\r\nHost: x\r\n\(team)\r\nContent-Length: 5\r\n\(chunked)\r\n\r\n0\r\n\r\n"
            ),
            (
                "two different Content-Lengths",
                "POST \(detect) HTTP/1.1\r\nHost: x\r\n\(team)\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x"
            ),
            ("negative Content-Length", "POST \(detect) HTTP/1.1\r\nHost: x\r\n\(team)\r\nContent-Length: -1\r\n\r\n"),
            (
                "non-numeric Content-Length",
                "POST \(detect) HTTP/1.1\r\nHost: x\r\n\(team)\r\nContent-Length: abc\r\n\r\n"
            ),
            ("NUL in a header value", "GET /v1/audit HTTP/1.1\r\nHost: x\r\n\(admin)\r\nX-Odd: a\u{0}b\r\n\r\n"),
            ("header line without a colon", "GET /v1/audit HTTP/1.1\r\nHost: x\r\n\(admin)\r\nno colon here\r\n\r\n"),
            ("folded header line", "GET /v1/audit HTTP/1.1\r\nHost: x\r\n\(admin)\r\nX-Odd: a\r\n b\r\n\r\n"),
            ("lowercase method", "get /v1/audit HTTP/1.1\r\nHost: x\r\n\(admin)\r\n\r\n"),
            ("raw space in the target", "GET /v1/audit?team=a b HTTP/1.1\r\nHost: x\r\n\(admin)\r\n\r\n"),
            ("unknown HTTP version", "GET /v1/audit HTTP/9.9\r\nHost: x\r\n\(admin)\r\n\r\n"),
            ("bare LF line endings", "GET /v1/audit HTTP/1.1\nHost: x\n\(admin)\n\n"),
            ("not HTTP at all", "HELLO\r\n\r\n"),
            (
                "unsupported Transfer-Encoding",
                "POST \(detect) HTTP/1.1\r\nHost: x\r\n\(team)\r\nTransfer-Encoding: gzip\r\n\r\n{}"
            ),
        ]
        for (name, text) in heads {
            cases.append(
                FramingCase(
                    name: name,
                    method: "",
                    path: "",
                    headerLines: [],
                    bodyParts: [],
                    expectation: .refusedOrClosed,
                    raw: Array(text.utf8)
                )
            )
        }
        cases.append(
            FramingCase(
                name: "raw UTF-8 in the target",
                method: "",
                path: "",
                headerLines: [],
                bodyParts: [],
                expectation: .refusedOrClosed,
                raw: Array("GET /v1/audit?team=".utf8) + [0xE6, 0x97, 0xA5, 0xFF]
                    + Array(" HTTP/1.1\r\nHost: x\r\n\(admin)\r\n\r\n".utf8)
            )
        )
        return cases
    }
}

import Foundation

/// One request of the fuzz run, kept as the exact bytes it puts on the wire, with what the run may expect of it.
struct HostileRequest: Sendable {
    /// What the answer must (not) be, beyond "never a 5xx".
    enum Expectation: Sendable, Equatable {
        /// Any answer below 500.
        case anyClientOutcome
        /// A request that is certainly invalid (a paid call, a budget change): never 2xx.
        case refused
    }

    /// Where the request came from, for the reproducer: seed and index, or a named framing case.
    var origin: String
    var route: FuzzRoute
    /// What was odd about it, in words.
    var mutation: String
    var method: String
    /// Path and query, exactly as on the request line.
    var target: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]?
    var expectation: Expectation

    /// The path part of the target.
    var path: String {
        String(self.target.prefix { $0 != "?" })
    }

    /// Under `/api/v1` (DashScope's API) or `/v1` (reports, audit, admin): every such request is in the call log and
    /// every error has the flat body.
    var isAPI: Bool {
        self.path.hasPrefix("/api/v1/") || self.path.hasPrefix("/v1/")
    }

    /// Under `/api/v1`.
    var isDashScopeAPI: Bool {
        self.path.hasPrefix("/api/v1/")
    }

    /// The request as written: request line, headers (with `Host`, `Connection: close` and a `Content-Length` for a
    /// body unless a header already frames it), then the body.
    func wire(port: Int) -> [UInt8] {
        var head = "\(self.method) \(self.target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in self.headers { head += "\(name): \(value)\r\n" }
        let framed = self.headers.contains { ["content-length", "transfer-encoding"].contains($0.name.lowercased()) }
        if let body = self.body, !framed { head += "Content-Length: \(body.count)\r\n" }
        head += "Connection: close\r\n\r\n"
        return Array(head.utf8) + (self.body ?? [])
    }

    /// A reproducer for a failure message: origin, mutation, request line, headers and the body as an escaped
    /// string (bytes outside printable ASCII as `\xHH`), cut after `limit` bytes. Gateway keys become `$TEAM_KEY`
    /// and `$ADMIN_KEY`.
    func reproducer(keys: [String: String] = [:], limit: Int = 600) -> String {
        var text =
            "[\(self.origin)] \(self.route.rawValue): \(self.mutation)\n\(self.method) \(Self.escape(Array(self.target.utf8), limit: limit))\n"
        for (name, value) in self.headers {
            text += "\(name): \(Self.escape(Array(value.utf8), limit: limit))\n"
        }
        if let body = self.body {
            text += "body (\(body.count) bytes): \"\(Self.escape(body, limit: limit))\""
        } else {
            text += "(no body)"
        }
        for (secret, placeholder) in keys { text = text.replacingOccurrences(of: secret, with: placeholder) }
        return text
    }

    static func escape(_ bytes: [UInt8], limit: Int) -> String {
        var text = ""
        for byte in bytes.prefix(limit) {
            switch byte {
            case UInt8(ascii: "\""): text += "\\\""
            case UInt8(ascii: "\\"): text += "\\\\"
            case 0x20...0x7E: text.unicodeScalars.append(Unicode.Scalar(byte))
            default: text += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        if bytes.count > limit { text += "…(\(bytes.count - limit) more bytes)" }
        return text
    }
}

import Foundation

/// One HTTP/1.1 response as read off a raw socket: enough parsing to judge a status, headers and a body framed by
/// `Content-Length`, chunked encoding or the end of the connection.
struct RawHTTPResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    var text: String { String(decoding: self.body, as: UTF8.self) }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    enum Parse {
        case complete(RawHTTPResponse)
        /// An interim `100 Continue`, and no complete final response yet.
        case continued
        case incomplete
    }

    /// Parses `bytes` as received so far; `atEnd` says the connection has closed.
    static func parse(_ bytes: [UInt8], atEnd: Bool) -> Parse {
        var rest = bytes[...]
        var sawContinue = false
        while true {
            guard let headEnd = Self.find([13, 10, 13, 10], in: rest) else {
                return sawContinue ? .continued : .incomplete
            }
            let head = String(decoding: rest[rest.startIndex..<headEnd], as: UTF8.self)
            var lines = head.components(separatedBy: "\r\n")
            let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2)
            guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/"), let status = Int(statusLine[1]) else {
                return .incomplete
            }
            let headers = lines.compactMap { line -> (name: String, value: String)? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            rest = rest[(headEnd + 4)...]
            if (100...199).contains(status) {
                sawContinue = true
                continue
            }
            let response = RawHTTPResponse(status: status, headers: headers, body: [])
            guard let body = Self.body(of: response, in: rest, atEnd: atEnd) else {
                return sawContinue ? .continued : .incomplete
            }
            var complete = response
            complete.body = body
            return .complete(complete)
        }
    }

    private static func body(of response: RawHTTPResponse, in bytes: ArraySlice<UInt8>, atEnd: Bool) -> [UInt8]? {
        if response.status == 204 || response.status == 304 { return [] }
        if response.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            return Self.dechunk(bytes)
        }
        if let length = response.header("Content-Length").flatMap({ Int($0) }) {
            return bytes.count >= length ? Array(bytes.prefix(length)) : nil
        }
        return atEnd ? Array(bytes) : nil
    }

    /// The body of a complete chunked encoding, or nil while it is incomplete.
    private static func dechunk(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var rest = bytes
        var body: [UInt8] = []
        while true {
            guard let lineEnd = Self.find([13, 10], in: rest) else { return nil }
            let sizeText = String(decoding: rest[rest.startIndex..<lineEnd], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first.map(String.init) ?? "", radix: 16) else {
                return nil
            }
            rest = rest[(lineEnd + 2)...]
            if size == 0 { return Self.find([13, 10], in: rest) == nil ? nil : body }
            guard rest.count >= size + 2 else { return nil }
            body += rest.prefix(size)
            rest = rest.dropFirst(size + 2)
        }
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }
}

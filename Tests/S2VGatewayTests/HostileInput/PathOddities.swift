import Foundation

/// Odd path parameters and unknown paths, in wire form.
enum PathOddities {
    /// Task ids: NUL, dot segments, very long, not UUIDs, almost UUIDs.
    static func taskID(fixture: FuzzFixture, using random: inout some RandomNumberGenerator) -> String {
        switch Int.random(in: 0..<8, using: &random) {
        case 0: return fixture.taskID
        case 1: return fixture.taskID.uppercased()
        case 2: return "{\(fixture.taskID)}"
        case 3:
            return String(
                repeating: ["a", "0", "%00", "-"].randomElement(using: &random)!,
                count: Int.random(in: 100...3_000, using: &random)
            )
        case 4: return Self.randomUUID(using: &random)
        default: return Self.oddSegments.randomElement(using: &random)!
        }
    }

    /// Budget ids that name no budget: the run must never delete one.
    static func budgetID(existing: [Int64], using random: inout some RandomNumberGenerator) -> String {
        while true {
            let candidate: String
            switch Int.random(in: 0..<6, using: &random) {
            case 0: candidate = String(Int64.random(in: 1_000_000...Int64.max, using: &random))
            case 1: candidate = String(repeating: "9", count: Int.random(in: 19...400, using: &random))
            case 2:
                candidate = [
                    "-1", "0", "-0", "+0", "00", "-9223372036854775808", "9223372036854775808", "1e3", "0x10",
                    "1.0", "%201", "1%00", "%31", "%EF%BC%91",
                ].randomElement(using: &random)!
            default: candidate = Self.oddSegments.randomElement(using: &random)!
            }
            let values = [candidate, candidate.removingPercentEncoding ?? candidate].compactMap { Int64($0) }
            if !values.contains(where: existing.contains) { return candidate }
        }
    }

    /// Unknown paths below `/api/v1/` or `/v1/` (never a registered route, with any method).
    static func unknownPath(using random: inout some RandomNumberGenerator) -> String {
        let paths = [
            "nope", "services/aigc/text2image/image-synthesis", "services/aigc/image2video/face-detect/extra",
            "services/aigc/image2video", "services", "tasks/x/y/z", "tasks/%00/cancel/again", "reports", "reports/%00",
            "audit/x", "budgets/1/2", "%00", "..", "../..", ".", "%2e%2e", "%2e%2e/%2e%2e/health", "..%2F..%2Fhealth",
            "%E6%97%A5%E6%9C%AC", "%F0%9F%98%80", "a%ZZb", String(repeating: "x", count: 3_000),
            String(repeating: "a/", count: 400) + "a", "services/aigc/image2video/video-synthesis/..",
        ]
        return paths.randomElement(using: &random)!
    }

    static let oddSegments = [
        "%00", "..", ".", "%2e%2e", "..%2F..%2Fhealth", "%2F", "%ZZ", "%", "not-a-uuid", "null", "undefined",
        "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-00000000000g",
        "0000000000000000000000000000000",
        "%E6%97%A5%E6%9C%AC", "%F0%9F%98%80", "%FF%FE", "%C0%80", "'%20OR%201=1--", "%3Cscript%3E", "1%0D%0AX:%201",
        "~", "!", "$", "*", ";", ",", "@", "a;b=c",
    ]

    private static func randomUUID(using random: inout some RandomNumberGenerator) -> String {
        let hex = (0..<32).map { _ in String(Int.random(in: 0..<16, using: &random), radix: 16) }.joined()
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4),
            hex.dropFirst(20),
        ]
        return parts.joined(separator: "-")
    }
}

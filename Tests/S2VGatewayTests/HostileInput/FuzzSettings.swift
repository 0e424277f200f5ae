import Foundation

/// How long the fuzz run is: a fixed seed and 3,000 requests in CI; `S2V_FUZZ_SEED` (decimal or `0x` hex) and
/// `S2V_FUZZ_REQUESTS` run it longer, or replay a seed, by hand.
struct FuzzSettings: Sendable {
    static let defaultSeed: UInt64 = 0x5EED_0013
    static let defaultRequests = 3_000

    var seed: UInt64
    var requests: Int
    /// Requests in flight at once: enough to overlap, few enough that the suites beside it on two cores (the
    /// account-pacing tests among them) are not starved.
    var concurrency: Int

    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> FuzzSettings {
        let seedText = environment["S2V_FUZZ_SEED"]?.lowercased()
        let seed =
            seedText.flatMap { $0.hasPrefix("0x") ? UInt64($0.dropFirst(2), radix: 16) : UInt64($0) }
            ?? Self.defaultSeed
        let requests = environment["S2V_FUZZ_REQUESTS"].flatMap { Int($0) }.map { max($0, 1) } ?? Self.defaultRequests
        return FuzzSettings(seed: seed, requests: requests, concurrency: 2)
    }
}

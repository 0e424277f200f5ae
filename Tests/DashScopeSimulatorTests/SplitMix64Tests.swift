import Testing

@testable import DashScopeSimulator

@Suite("SplitMix64")
struct SplitMix64Tests {
    @Test("matches the reference output for seed 1234567")
    func referenceVector() {
        var generator = SplitMix64(seed: 1_234_567)
        #expect(
            (0..<3).map { _ in generator.next() } == [
                6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            ]
        )
    }

    @Test("unit draws stay in [0, 1)")
    func unitRange() {
        var generator = SplitMix64(seed: 99)
        #expect((0..<1000).allSatisfy { _ in (0..<1).contains(generator.nextUnit()) })
    }
}

import S2VCore
import Testing

@Suite struct APIKeySecretTests {
    @Test func keysAreLongRandomAndRecognizable() {
        let keys = (0..<100).map { _ in APIKeySecret.generate() }
        #expect(Set(keys.map(\.value)).count == 100)
        for key in keys {
            #expect(key.value.hasPrefix("s2v_"))
            #expect(key.value.count == 47)
            #expect(key.hash.count == 32)
        }
    }

    @Test func descriptionsNeverShowTheWholeKey() {
        let key = APIKeySecret.generate()
        #expect(!"\(key)".contains(key.value))
        #expect(!String(reflecting: key).contains(key.value.suffix(20)))
        #expect(key.displayPrefix.count == 12)
    }
}

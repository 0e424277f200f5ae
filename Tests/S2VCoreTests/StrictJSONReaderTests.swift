import Foundation
import S2VCore
import Testing

/// The one reader of client bodies: what it refuses, with which message, and that what it accepts is written back
/// as the same document.
@Suite struct StrictJSONReaderTests {
    private func refusal(_ bytes: [UInt8]) -> String? {
        do {
            _ = try StrictJSONReader.read(bytes)
            return nil
        } catch {
            return error.reason
        }
    }

    private func refusal(_ text: String) -> String? { self.refusal(Array(text.utf8)) }

    @Test(arguments: [
        (#"{"parameters":{"resolution":"480P","resolution":"720P"}}"#, "duplicate key 'resolution' in $.parameters"),
        (#"{"model":"a","model":"b"}"#, "duplicate key 'model' in $"),
        (#"{"a":[{"x":1},{"x":1,"x":2}]}"#, "duplicate key 'x' in $.a[1]"),
        (#"{"a":1,}"#, "no trailing commas"),
        (#"[1,2,]"#, "trailing comma"),
        (#"{"a":"\u0000"}"#, "U+0000"),
        (#"{"a\u0000":1}"#, "U+0000"),
        (#"{"a":"\ud800"}"#, "unpaired surrogate"),
        (#"{"a":"\udc00\ud800"}"#, "unpaired surrogate"),
        (#"{"a":"\x"}"#, "invalid escape"),
        (#"{"a":01}"#, "leading zero"),
        (#"{"a":1.}"#, "no digits after '.'"),
        (#"{"a":1e}"#, "no digits in its exponent"),
        (#"{"a":1e999999}"#, "cannot be held exactly"),
        (#"{"a":123456789012345678901234567890123456789}"#, "cannot be held exactly"),
        (#"{"a":1e-200}"#, "cannot be held exactly"),
        (#"{"a":NaN}"#, "where a value was expected"),
        (#"{"a":tru}"#, "where a value was expected"),
        (#"{'a':1}"#, "expected a key in double quotes"),
        (#"{"a":1} x"#, "unexpected data after the JSON value"),
        (#"{"a":1"#, "expected ',' or '}'"),
        (#"{"a":"open"#, "not closed"),
        ("", "empty"),
        ("   ", "ends where a value was expected"),
    ])
    func refusesWithAMessageThatNamesTheProblem(text: String, expected: String) throws {
        let reason = try #require(self.refusal(text), "accepted \(text)")
        #expect(reason.contains(expected), "\(reason)")
    }

    @Test func refusesWhatIsNotUTF8() throws {
        let body = #"{"model":"wan2.2-s2v"}"#
        #expect(self.refusal([0xEF, 0xBB, 0xBF] + Array(body.utf8))?.contains("byte-order mark") == true)
        let utf16 = try #require(body.data(using: .utf16LittleEndian))
        #expect(self.refusal(Array(utf16))?.contains("not UTF-8") == true)
        let utf16BE = try #require(body.data(using: .utf16BigEndian))
        #expect(self.refusal(Array(utf16BE))?.contains("not UTF-8") == true)
        let utf32 = try #require(body.data(using: .utf32LittleEndian))
        #expect(self.refusal(Array(utf32))?.contains("not UTF-8") == true)
        #expect(
            self.refusal(Array(#"{"a":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8))?.contains("not valid UTF-8")
                == true
        )
        #expect(
            self.refusal(Array(#"{"a":"x"#.utf8) + [0x01] + Array(#""}"#.utf8))?.contains("raw control character")
                == true
        )
        #expect(self.refusal(Array(#"{"a":"x"#.utf8) + [0x00] + Array(#""}"#.utf8))?.contains("U+0000") == true)
        #expect(self.refusal(Array(#"{"a":"#.utf8) + [0xFF] + Array("}".utf8))?.contains("byte 0xFF") == true)
        #expect(self.refusal(Array(#"{"a":1}"#.utf8) + [0xFF])?.contains("unexpected data after") == true)
    }

    @Test func boundsNesting() {
        let deepest =
            String(repeating: "[", count: StrictJSONReader.maximumDepth)
            + String(repeating: "]", count: StrictJSONReader.maximumDepth)
        #expect(self.refusal(deepest) == nil)
        let deeper = "[" + deepest + "]"
        #expect(self.refusal(deeper)?.contains("deeper than \(StrictJSONReader.maximumDepth)") == true)
        #expect(self.refusal(String(repeating: "[", count: 100_000))?.contains("deeper") == true)
    }

    @Test func readsNumbersExactly() throws {
        let value = try StrictJSONReader.read(
            Array(
                #"{"d":10.23,"e":-1.5E+2,"z":-0.0,"big":12345678901234567890123456789012345678,"tiny":1e-90,"huge":1e90,"zero":0e999999}"#
                    .utf8
            )
        )
        #expect(value["d"]?.decimalValue == Decimal(string: "10.23"))
        #expect(value["e"]?.decimalValue == Decimal(-150))
        #expect(value["z"]?.decimalValue == 0)
        #expect(value["big"]?.decimalValue?.exactString == "12345678901234567890123456789012345678")
        #expect(value["tiny"]?.decimalValue == Decimal(sign: .plus, exponent: -90, significand: 1))
        #expect(value["huge"]?.decimalValue == Decimal(sign: .plus, exponent: 90, significand: 1))
        #expect(value["zero"]?.decimalValue == 0)
    }

    @Test func decodesEscapesAndUnicode() throws {
        let value = try StrictJSONReader.read(Array(#"{"s":"a\"b\\c\/d\n\t\u00e9\ud83d\ude00","raw":"é😀"}"#.utf8))
        #expect(value["s"]?.stringValue == "a\"b\\c/d\n\t\u{e9}\u{1F600}")
        #expect(value["raw"]?.stringValue == "é😀")
    }

    /// What is priced is what is stored and sent: the text written from the parsed value reads back as that value.
    @Test func writesBackTheSameDocument() throws {
        let body =
            #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","prompt":null,"n":[1,2.50,true]},"parameters":{"resolution":"720P","seed":4294967295,"r":0.000574}}"#
        let document = try RequestDocument(parsing: Array(body.utf8))
        let again = try RequestDocument(parsing: Array(document.text.utf8))
        #expect(again.value == document.value)
        #expect(again.text == document.text)
        #expect(document.value["parameters"]?["resolution"]?.stringValue == "720P")
        #expect(document.text.contains(#""seed":4294967295"#))
        #expect(document.text.contains(#""r":0.000574"#))
    }

    @Test func aRefusalIsAnInvalidParameter() {
        #expect {
            try RequestDocument(parsing: Array(#"{"a":1,"a":2}"#.utf8))
        } throws: { error in
            guard let error = error as? ServiceError else { return false }
            return error.status == 400 && error.code == "InvalidParameter"
                && error.message.contains("duplicate key 'a'")
        }
    }
}

/// A valid JSON body for a route, with what the gateway checks in it, so that a mutation placed on a checked field
/// makes the request invalid whatever reader reads it.
struct BaseDocument: Sendable {
    /// A field the gateway checks, by its keys from the root.
    struct Field: Sendable {
        var keys: [String]
        /// Replacements of another JSON type that the gateway refuses here.
        var wrongTypes: [FuzzJSON]
        /// A closed vocabulary (model, tier, scope, …): any character added to the value makes it unknown.
        var closed: Bool
        /// Other values for a duplicate of this key (`"480P"` then `"720P"`); the value itself is also used.
        var alternatives: [FuzzJSON]
    }

    var json: FuzzJSON
    var fields: [Field]

    /// The body's text, valid.
    var text: String { self.json.text }

    // MARK: Wrong types

    /// A required string: any other type, null included, is refused.
    static let notAStringOrNull: [FuzzJSON] = [
        .number("5"), .bool(true), .array([]), .object([]), .null,
        .array([.string("wan2.2-s2v")]), .object([("value", .string("480P"))]),
    ]
    /// An optional string: any other type but null is refused (null means absent).
    static let notAString: [FuzzJSON] = [
        .number("720"), .bool(false), .array([]), .object([]), .array([.string("720P")]),
    ]
    /// A required object.
    static let notAnObjectOrNull: [FuzzJSON] = [.array([]), .string("x"), .number("5"), .bool(true), .null]
    /// An optional object.
    static let notAnObject: [FuzzJSON] = [.array([]), .string("x"), .number("5"), .bool(true)]

    // MARK: The routes' bodies

    static func faceDetect() -> [BaseDocument] {
        let fields = [
            Field(
                keys: ["model"],
                wrongTypes: Self.notAStringOrNull,
                closed: true,
                alternatives: [.string("wan2.2-s2v")]
            ),
            Field(keys: ["input"], wrongTypes: Self.notAnObjectOrNull, closed: false, alternatives: [.object([])]),
            Field(
                keys: ["input", "image_url"],
                wrongTypes: Self.notAStringOrNull,
                closed: false,
                alternatives: [.string("https://example.com/other.jpg")]
            ),
        ]
        return [
            BaseDocument(
                json: .object([
                    ("model", .string("wan2.2-s2v-detect")),
                    ("input", .object([("image_url", .string("https://example.com/face.jpg"))])),
                ]),
                fields: fields
            ),
            BaseDocument(
                json: .object([
                    ("model", .string("wan2.2-s2v-detect")),
                    (
                        "input",
                        .object([
                            ("image_url", .string("https://example.com/face.jpg?size=large&v=2")),
                            ("note", .string("héllo wörld")),
                        ])
                    ),
                    ("parameters", .object([("seed", .number("42"))])),
                    (
                        "extra",
                        .object([
                            ("list", .array([.number("1"), .string("two"), .object([("three", .number("3.5"))])])),
                            ("flag", .bool(true)), ("nothing", .null),
                        ])
                    ),
                ]),
                fields: fields
            ),
        ]
    }

    static func videoSynthesis() -> [BaseDocument] {
        let common = [
            Field(
                keys: ["model"],
                wrongTypes: Self.notAStringOrNull,
                closed: true,
                alternatives: [.string("wan2.2-s2v-detect")]
            ),
            Field(keys: ["input"], wrongTypes: Self.notAnObjectOrNull, closed: false, alternatives: [.object([])]),
            Field(
                keys: ["input", "audio_url"],
                wrongTypes: Self.notAStringOrNull,
                closed: false,
                alternatives: [.string("https://example.com/voice.mp3?duration=19.9")]
            ),
        ]
        let tier = Field(
            keys: ["parameters", "resolution"],
            wrongTypes: Self.notAString,
            closed: true,
            alternatives: [.string("720P"), .string("480P")]
        )
        let parameters = Field(
            keys: ["parameters"],
            wrongTypes: Self.notAnObject,
            closed: false,
            alternatives: [.object([])]
        )
        let image = Field(
            keys: ["input", "image_url"],
            wrongTypes: Self.notAStringOrNull,
            closed: false,
            alternatives: [.string("https://example.com/other.jpg")]
        )
        let sdkImage = Field(
            keys: ["input", "img_url"],
            wrongTypes: Self.notAStringOrNull,
            closed: false,
            alternatives: [.string("https://example.com/other.jpg")]
        )
        let input: FuzzJSON = .object([
            ("image_url", .string("https://example.com/face.jpg")),
            ("audio_url", .string("https://example.com/voice.mp3?duration=5")),
        ])
        return [
            BaseDocument(
                json: .object([
                    ("model", .string("wan2.2-s2v")), ("input", input),
                    ("parameters", .object([("resolution", .string("480P"))])),
                ]),
                fields: common + [image, tier, parameters]
            ),
            BaseDocument(
                json: .object([
                    ("model", .string("wan2.2-s2v")),
                    (
                        "input",
                        .object([
                            ("image_url", .string("https://example.com/face.jpg")),
                            ("audio_url", .string("https://example.com/voice.mp3?duration=3.5")),
                            ("prompt", .string("说你好")), ("extend_prompt", .bool(true)),
                        ])
                    ),
                    ("parameters", .object([("resolution", .string("720P")), ("style", .string("speech"))])),
                    (
                        "extra",
                        .object([
                            ("list", .array([.number("1"), .string("two"), .object([("three", .number("3.5"))])])),
                            ("nothing", .null),
                        ])
                    ),
                ]),
                fields: common + [image, tier, parameters]
            ),
            BaseDocument(
                json: .object([
                    ("model", .string("wan2.2-s2v")),
                    (
                        "input",
                        .object([
                            ("img_url", .string("https://example.com/face.jpg")),
                            ("audio_url", .string("https://example.com/voice.mp3?duration=12.25")),
                        ])
                    ),
                ]),
                fields: common + [sdkImage]
            ),
        ]
    }

    static func budget(team: String, keyID: Int64) -> [BaseDocument] {
        let scope = Field(
            keys: ["scope"],
            wrongTypes: Self.notAStringOrNull,
            closed: true,
            alternatives: [.string("global"), .string("team"), .string("key")]
        )
        let limit = Field(
            keys: ["limit"],
            wrongTypes: [.bool(true), .array([]), .object([]), .null, .array([.string("5")])],
            closed: false,
            alternatives: [.string("1"), .number("2")]
        )
        let period = Field(
            keys: ["period"],
            wrongTypes: Self.notAStringOrNull,
            closed: true,
            alternatives: [.string("day"), .string("lifetime")]
        )
        let zone = Field(
            keys: ["timezone"],
            wrongTypes: Self.notAString,
            closed: true,
            alternatives: [.string("UTC"), .string("Europe/Paris")]
        )
        let thresholds = Field(
            keys: ["alert_thresholds"],
            wrongTypes: [.string("50"), .object([]), .number("5"), .bool(true)],
            closed: false,
            alternatives: [.array([.number("90")])]
        )
        let webhook = Field(
            keys: ["webhook_url"],
            wrongTypes: Self.notAString,
            closed: false,
            alternatives: [.string("https://hooks.example.com/other")]
        )
        let format = Field(
            keys: ["webhook_format"],
            wrongTypes: Self.notAString,
            closed: true,
            alternatives: [.string("slack")]
        )
        return [
            BaseDocument(
                json: .object([
                    ("scope", .string("team")), ("team", .string(team)), ("limit", .string("1000")),
                    ("period", .string("month")), ("timezone", .string("Asia/Shanghai")),
                    ("alert_thresholds", .array([.number("50"), .number("80"), .number("100")])),
                    ("webhook_url", .string("https://hooks.example.com/b")), ("webhook_format", .string("json")),
                ]),
                fields: [
                    scope, limit, period, zone, thresholds, webhook, format,
                    Field(
                        keys: ["team"],
                        wrongTypes: Self.notAStringOrNull,
                        closed: true,
                        alternatives: [.string("another-team")]
                    ),
                ]
            ),
            BaseDocument(
                json: .object([
                    ("scope", .string("global")), ("limit", .number("250.5")), ("period", .string("day")),
                ]),
                fields: [scope, limit, period]
            ),
            BaseDocument(
                json: .object([
                    ("scope", .string("key")), ("key_id", .number(String(keyID))), ("limit", .string("10")),
                    ("period", .string("week")), ("timezone", .string("UTC")),
                ]),
                fields: [
                    scope, limit, period, zone,
                    Field(
                        keys: ["key_id"],
                        wrongTypes: [.string("x"), .bool(true), .array([]), .object([]), .null, .number("1.5")],
                        closed: false,
                        alternatives: [.number("999999999")]
                    ),
                ]
            ),
        ]
    }
}

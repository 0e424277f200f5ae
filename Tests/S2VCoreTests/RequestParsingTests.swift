import Foundation
import S2VCore
import Testing

/// The catalog's rules applied to request bodies: what is accepted, which tier it prices at, and the 400 a client
/// gets otherwise. The specs are written here as the catalog's SQL writes them.
@Suite struct RequestParsingTests {
    static let wan = ModelSpec(
        name: "wan2.2-s2v",
        kind: .generation,
        endpoint: "image2video/video-synthesis",
        inputs: [
            "image_url": FieldRule(.url, required: true, aliases: ["img_url"]),
            "audio_url": FieldRule(.url, required: true),
        ],
        parameters: ["resolution": FieldRule(.text)],
        tierSource: .parameter(field: "resolution", default: "480P"),
        billedUsageFields: ["duration", "video_duration"],
        reportedTierField: nil,
        maxBillableSeconds: 20,
        verdictField: nil,
        limits: ModelLimits(submissionsPerSecond: 5, maxConcurrentTasks: 1)
    )

    static let emo = ModelSpec(
        name: "emo-v1",
        kind: .generation,
        endpoint: "image2video/video-synthesis",
        inputs: [
            "image_url": FieldRule(.url, required: true, aliases: ["img_url"]),
            "audio_url": FieldRule(.url, required: true),
            "face_bbox": FieldRule(.box, required: true),
            "ext_bbox": FieldRule(.box, required: true),
        ],
        parameters: ["style_level": FieldRule(.choice, values: ["normal", "calm", "active"])],
        tierSource: .boxRatio(field: "ext_bbox"),
        billedUsageFields: ["video_duration"],
        reportedTierField: "video_ratio",
        maxBillableSeconds: 60,
        verdictField: nil,
        limits: ModelLimits(submissionsPerSecond: 5, maxConcurrentTasks: 1)
    )

    static let retalk = ModelSpec(
        name: "videoretalk",
        kind: .generation,
        endpoint: "image2video/video-synthesis",
        inputs: [
            "video_url": FieldRule(.url, required: true),
            "audio_url": FieldRule(.url, required: true),
            "ref_image_url": FieldRule(.url),
        ],
        parameters: [
            "video_extension": FieldRule(.boolean),
            "query_face_threshold": FieldRule(.integer, minimum: 120, maximum: 200),
        ],
        tierSource: .none,
        billedUsageFields: ["video_duration"],
        reportedTierField: nil,
        maxBillableSeconds: 120,
        verdictField: nil,
        limits: ModelLimits(submissionsPerSecond: 1, maxConcurrentTasks: 1)
    )

    func tier(_ spec: ModelSpec, _ body: String) throws(ServiceError) -> String {
        try spec.validate(try RequestDocument(parsing: Data(body.utf8)))
    }

    @Test func acceptsWhatTheOfficialSDKSends() throws {
        let tier = try self.tier(
            Self.wan,
            #"{"model":"wan2.2-s2v","input":{"prompt":null,"extend_prompt":true,"img_url":"https://e.com/a.jpg","audio_url":"oss://bucket/v.mp3"},"parameters":{"resolution":"720P","style":"speech"}}"#
        )
        #expect(tier == "720P")
    }

    @Test func defaultsTo480PLikeDashScope() throws {
        let tier = try self.tier(
            Self.wan,
            #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/v.mp3"}}"#
        )
        #expect(tier == "480P")
    }

    @Test func emoIsTieredByTheRatioOfItsExtendedBox() throws {
        let input =
            #""image_url":"https://e.com/a.jpg","audio_url":"https://e.com/v.mp3","face_bbox":[302,286,610,593]"#
        #expect(try self.tier(Self.emo, #"{"model":"emo-v1","input":{\#(input),"ext_bbox":[71,9,840,778]}}"#) == "1:1")
        #expect(
            try self.tier(
                Self.emo,
                #"{"model":"emo-v1","input":{\#(input),"ext_bbox":[150,9,762,825]},"parameters":{"style_level":"calm"}}"#
            ) == "3:4"
        )
        // A box of another shape names its own ratio: the price book, which has none for it, refuses it.
        #expect(try self.tier(Self.emo, #"{"model":"emo-v1","input":{\#(input),"ext_bbox":[0,0,500,700]}}"#) == "5:7")
    }

    @Test func videoRetalkHasOneTierAndOptionalReferenceImage() throws {
        let body =
            #"{"model":"videoretalk","input":{"video_url":"https://e.com/v.mp4","audio_url":"https://e.com/a.mp3","ref_image_url":null},"parameters":{"video_extension":true,"query_face_threshold":170}}"#
        #expect(try self.tier(Self.retalk, body) == "")
    }

    static let emoInput = #""image_url":"https://e.com/a.jpg","audio_url":"https://e.com/v.mp3""#

    @Test(arguments: [
        (wan, "[]", "JSON object"),
        (wan, #"{"model":"wan2.2-s2v","input":{"audio_url":"https://e.com/v.mp3"}}"#, "input.image_url is required"),
        (wan, #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg"}}"#, "input.audio_url is required"),
        (
            wan,
            #"{"model":"wan2.2-s2v","input":{"image_url":"file:///etc/passwd","audio_url":"https://e.com/v.mp3"}}"#,
            "http, https or oss"
        ),
        (wan, #"{"model":"wan2.2-s2v","input":{"image_url":"https://","audio_url":"https://e.com/v.mp3"}}"#, "no host"),
        (
            wan,
            #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/v.mp3"},"parameters":{"resolution":720}}"#,
            "parameters.resolution"
        ),
        (emo, #"{"model":"emo-v1","input":{\#(emoInput),"ext_bbox":[71,9,840,778]}}"#, "input.face_bbox is required"),
        (emo, #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":[1,2,3,4]}}"#, "input.ext_bbox is required"),
        (
            emo, #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":[1,2,3],"ext_bbox":[71,9,840,778]}}"#,
            "input.face_bbox must be a box"
        ),
        (
            emo, #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":[1,2,3,4.5],"ext_bbox":[71,9,840,778]}}"#,
            "input.face_bbox must be a box"
        ),
        (
            emo, #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":[1,2,3,4],"ext_bbox":[840,9,71,778]}}"#,
            "x1 < x2"
        ),
        (
            emo, #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":"1,2,3,4","ext_bbox":[71,9,840,778]}}"#,
            "input.face_bbox must be a box"
        ),
        (
            emo,
            #"{"model":"emo-v1","input":{\#(emoInput),"face_bbox":[1,2,3,4],"ext_bbox":[71,9,840,778]},"parameters":{"style_level":"loud"}}"#,
            "parameters.style_level must be one of normal, calm, active"
        ),
        (
            retalk, #"{"model":"videoretalk","input":{"audio_url":"https://e.com/a.mp3"}}"#,
            "input.video_url is required"
        ),
        (
            retalk,
            #"{"model":"videoretalk","input":{"video_url":"https://e.com/v.mp4","audio_url":"https://e.com/a.mp3"},"parameters":{"query_face_threshold":300}}"#,
            "between 120 and 200"
        ),
        (
            retalk,
            #"{"model":"videoretalk","input":{"video_url":"https://e.com/v.mp4","audio_url":"https://e.com/a.mp3"},"parameters":{"query_face_threshold":150.5}}"#,
            "whole number"
        ),
        (
            retalk,
            #"{"model":"videoretalk","input":{"video_url":"https://e.com/v.mp4","audio_url":"https://e.com/a.mp3"},"parameters":{"video_extension":"yes"}}"#,
            "true or false"
        ),
    ])
    func refusesWithAClearMessage(spec: ModelSpec, body: String, expected: String) {
        #expect {
            try self.tier(spec, body)
        } throws: { error in
            guard let error = error as? ServiceError else { return false }
            return error.status == 400 && error.code == "InvalidParameter" && error.message.contains(expected)
        }
    }

    @Test func theModelIsReadBeforeItsRules() throws {
        let named = try RequestDocument(parsing: Data(#"{"model":"emo-v1","input":{}}"#.utf8))
        #expect(try CalledModel.name(in: named) == "emo-v1")
        let unnamed = try RequestDocument(parsing: Data(#"{"model":"","input":{}}"#.utf8))
        #expect(throws: ServiceError.invalidParameter("model is required.")) { try CalledModel.name(in: unnamed) }
    }

    @Test func catalogRulesReadBackAsWritten() throws {
        for rule in Array(Self.emo.inputs.values) + Array(Self.retalk.parameters.values) {
            #expect(FieldRule(rule.json) == rule)
        }
        #expect(FieldRule(.object(["type": .string("colour")])) == nil, "an unknown type is not a rule")
        #expect(FieldRule(.object(["type": .string("choice")])) == nil, "a choice needs its values")
    }
}

import DashScopeSimulator
import Foundation
import Testing

@Suite("POST video-synthesis with emo-v1")
struct EmoSynthesisTests {
    /// A JSON array's text.
    static func text(_ box: [Int]) -> String {
        "[" + box.map(String.init).joined(separator: ",") + "]"
    }

    @Test(
        "the boxes emo-detect-v1 answers go in; the task SUCCEEDS with usage video_duration and video_ratio",
        arguments: ["1:1", "3:4"]
    )
    func detectThenGenerate(ratio: String) async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(30)), clock: clock) {
            sim throws in
            let api = sim.api()
            let detected = try await api.emoDetect(ratio: ratio).output()
            let faceBox = try EmoDetectTests.box(detected, "face_bbox")
            let extBox = try EmoDetectTests.box(detected, "ext_bbox")
            let created = try await api.emo(
                audio: "https://e.com/a.mp3?duration=12.5",
                faceBox: Self.text(faceBox),
                extBox: Self.text(extBox),
                parameters: #"{"style_level":"active"}"#
            )
            #expect(created.status == 200, "\(created.text)")
            #expect(Set(try created.output().keys) == ["task_id", "task_status"])
            #expect(try created.taskStatus() == "PENDING")
            let id = try created.taskID()
            #expect(try await api.task(id).taskStatus() == "RUNNING")

            clock.advance(by: 30)
            let done = try await api.task(id)
            #expect(try done.taskStatus() == "SUCCEEDED")
            let output = try done.output()
            #expect(
                Set(output.keys) == ["task_id", "task_status", "submit_time", "scheduled_time", "end_time", "results"]
            )
            let videoURL = try #require((output["results"] as? [String: Any])?["video_url"] as? String)
            #expect(videoURL.hasPrefix("https://") && videoURL.contains("Expires="))
            let usage = try done.usage()
            #expect(Set(usage.keys) == ["video_duration", "video_ratio"])
            #expect(usage["video_ratio"] as? String == ratio)
            #expect(done.text.contains(#""video_duration":12.5"#))
        }
    }

    @Test("style_level normal, calm and active are accepted, and so is no parameters object")
    func styleLevels() async throws {
        try await withSimulator { sim throws in
            for style in ["normal", "calm", "active"] {
                #expect(try await sim.api().emo(parameters: #"{"style_level":"\#(style)"}"#).status == 200)
            }
            #expect(try await sim.api().emo().status == 200)
        }
    }

    @Test("missing or malformed boxes, an ext_bbox neither 1:1 nor 3:4, or a bad style_level get 400 InvalidParameter")
    func invalidBodies() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            let image = #""image_url":"https://e.com/a.jpg""#
            let audio = #""audio_url":"https://e.com/a.mp3""#
            let face = #""face_bbox":[302,286,610,593]"#
            let ext = #""ext_bbox":[71,9,840,778]"#
            for input in [
                "\(image),\(audio),\(ext)",
                "\(image),\(audio),\(face)",
                "\(audio),\(face),\(ext)",
                "\(image),\(face),\(ext)",
                #"\#(image),\#(audio),\#(face),"ext_bbox":[71,9,840]"#,
                #"\#(image),\#(audio),\#(face),"ext_bbox":[71,9,840,778,1]"#,
                #"\#(image),\#(audio),\#(face),"ext_bbox":[71.5,9,840,778]"#,
                #"\#(image),\#(audio),\#(face),"ext_bbox":["71","9","840","778"]"#,
                #"\#(image),\#(audio),\#(face),"ext_bbox":"71,9,840,778""#,
                #"\#(image),\#(audio),\#(face),"ext_bbox":[-1,9,768,778]"#,
                #"\#(image),\#(audio),\#(face),"ext_bbox":[840,9,71,778]"#,
                #"\#(image),\#(audio),"face_bbox":[302,286,302,593],\#(ext)"#,
                // 4:3 and 2:3 are no EMO ratio.
                #"\#(image),\#(audio),\#(face),"ext_bbox":[0,0,400,300]"#,
                #"\#(image),\#(audio),\#(face),"ext_bbox":[0,0,400,600]"#,
                #"\#(image),\#(audio),\#(face),"ext_bbox":[0,0,9223372036854775807,9223372036854775806]"#,
                #""image_url":"ftp://e.com/a.jpg",\#(audio),\#(face),\#(ext)"#,
            ] {
                let response = try await api.synthesize(body: #"{"model":"emo-v1","input":{\#(input)}}"#)
                try response.expectError(status: 400, code: "InvalidParameter")
            }
            for parameters in [#"{"style_level":"wild"}"#, #"{"style_level":1}"#, #"{"style_level":""}"#] {
                try await api.emo(parameters: parameters).expectError(status: 400, code: "InvalidParameter")
            }
            let stats = await sim.simulator.stats().total
            #expect(stats.submissionAttempts[.emo] == 19)
            #expect(stats.acceptedSubmissions[.emo] == 0)
        }
    }

    @Test("audio of 60 s or more ends FAILED with InvalidFile.Duration and is not billed; 59.99 s succeeds")
    func audioLimit() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(10)), clock: clock) {
            sim throws in
            let api = sim.api()
            let long = try await api.emo(audio: "https://e.com/a.mp3?duration=60").taskID()
            let fine = try await api.emo(audio: "https://e.com/a.mp3?duration=59.99").taskID()
            clock.advance(by: 20)
            let failed = try await api.task(long)
            #expect(try failed.taskStatus() == "FAILED")
            #expect(try failed.output()["code"] as? String == "InvalidFile.Duration")
            #expect(try failed.json()["usage"] == nil)
            #expect(try await api.task(fine).taskStatus() == "SUCCEEDED")

            let bill = await sim.simulator.bill().total
            #expect(bill.videoTasks.map(\.taskID) == [fine])
            #expect(bill.lines[.emo(.oneByOne)]?.quantity == Decimal(string: "59.99"))
        }
    }
}

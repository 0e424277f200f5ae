import DashScopeSimulator
import Foundation
import Testing

@Suite("POST video-synthesis with liveportrait")
struct LivePortraitSynthesisTests {
    @Test("image and audio in, with every documented parameter; the task SUCCEEDS with video_duration and video_ratio")
    func lifecycle() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(30)), clock: clock) {
            sim throws in
            let api = sim.api()
            let parameters = """
                {"template_id":"calm","eye_move_freq":0.5,"video_fps":24,"mouth_move_strength":1.5,\
                "paste_back":false,"head_move_strength":0.7}
                """
            let created = try await api.livePortrait(audio: "https://e.com/a.mp3?duration=95.5", parameters: parameters)
            #expect(created.status == 200, "\(created.text)")
            #expect(try created.taskStatus() == "PENDING")
            let id = try created.taskID()
            clock.advance(by: 30)
            let done = try await api.task(id)
            #expect(try done.taskStatus() == "SUCCEEDED")
            #expect((try done.output()["results"] as? [String: Any])?["video_url"] is String)
            let usage = try done.usage()
            #expect(Set(usage.keys) == ["video_duration", "video_ratio"])
            #expect(usage["video_ratio"] as? String == "standard")
            #expect(done.text.contains(#""video_duration":95.5"#))
        }
    }

    @Test("parameters out of their documented range or of the wrong type get 400 InvalidParameter")
    func invalidParameters() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            for parameters in [
                #"{"template_id":"wild"}"#, #"{"template_id":3}"#, #"{"eye_move_freq":1.01}"#,
                #"{"eye_move_freq":-0.1}"#, #"{"video_fps":14}"#, #"{"video_fps":31}"#, #"{"video_fps":24.5}"#,
                #"{"mouth_move_strength":1.51}"#, #"{"paste_back":"yes"}"#, #"{"head_move_strength":1.2}"#,
                #"{"eye_move_freq":"0.5"}"#,
            ] {
                try await api.livePortrait(parameters: parameters).expectError(status: 400, code: "InvalidParameter")
            }
            for body in [
                #"{"model":"liveportrait","input":{"image_url":"https://e.com/a.jpg"}}"#,
                #"{"model":"liveportrait","input":{"audio_url":"https://e.com/a.mp3"}}"#,
            ] {
                try await api.synthesize(body: body).expectError(status: 400, code: "InvalidParameter")
            }
            // The bounds themselves are within the range.
            let bounds = #"{"eye_move_freq":0,"video_fps":30,"mouth_move_strength":0,"head_move_strength":1}"#
            #expect(try await api.livePortrait(parameters: bounds).status == 200)
        }
    }

    @Test("audio from 1 s up to 3 min is accepted; shorter or longer audio ends FAILED and is not billed")
    func audioLimit() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(1)), clock: clock) {
            sim throws in
            let api = sim.api()
            var statuses: [String: String] = [:]
            for seconds in ["0.99", "1", "180", "180.01"] {
                let id = try await api.livePortrait(audio: "https://e.com/a.mp3?duration=\(seconds)").taskID()
                clock.advance(by: 1)
                statuses[seconds] = try await api.task(id).taskStatus()
            }
            #expect(statuses == ["0.99": "FAILED", "1": "SUCCEEDED", "180": "SUCCEEDED", "180.01": "FAILED"])
            #expect(await sim.simulator.bill().total.lines[.livePortrait]?.quantity == 181)
        }
    }
}

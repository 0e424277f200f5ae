import DashScopeSimulator
import Foundation
import Testing

@Suite("POST video-synthesis with videoretalk")
struct VideoRetalkTests {
    @Test("video and audio in, with a ref_image_url; the task SUCCEEDS with output.video_url and its usage")
    func lifecycle() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(30)), clock: clock) {
            sim throws in
            let api = sim.api()
            let created = try await api.videoRetalk(
                audio: "https://e.com/a.mp3?duration=10.23",
                referenceImage: "https://e.com/face.jpg",
                parameters: #"{"video_extension":true,"query_face_threshold":170}"#
            )
            #expect(created.status == 200, "\(created.text)")
            let id = try created.taskID()
            clock.advance(by: 30)
            let done = try await api.task(id)
            #expect(try done.taskStatus() == "SUCCEEDED")
            // VideoRetalk's schema puts the result at output.video_url.
            let output = try done.output()
            #expect(
                Set(output.keys) == [
                    "task_id", "task_status", "submit_time", "scheduled_time", "end_time", "video_url",
                ]
            )
            #expect((output["video_url"] as? String)?.hasPrefix("https://") == true)
            let usage = try done.usage()
            #expect(Set(usage.keys) == ["video_duration", "size", "video_ratio", "fps"])
            #expect(usage["video_ratio"] as? String == "standard")
            #expect(done.text.contains(#""video_duration":10.23"#))
            #expect(try await api.videoRetalk().status == 200, "ref_image_url is optional")
        }
    }

    @Test("missing inputs, a bad ref_image_url or parameters out of range get 400 InvalidParameter")
    func invalidBodies() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            for body in [
                #"{"model":"videoretalk","input":{"audio_url":"https://e.com/a.mp3"}}"#,
                #"{"model":"videoretalk","input":{"video_url":"https://e.com/a.mp4"}}"#,
                #"{"model":"videoretalk","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3"}}"#,
            ] {
                try await api.synthesize(body: body).expectError(status: 400, code: "InvalidParameter")
            }
            try await api.videoRetalk(video: "ftp://e.com/a.mp4").expectError(status: 400, code: "InvalidParameter")
            try await api.videoRetalk(referenceImage: "").expectError(status: 400, code: "InvalidParameter")
            try await api.videoRetalk(referenceImage: "file:///a.jpg").expectError(
                status: 400,
                code: "InvalidParameter"
            )
            for parameters in [
                #"{"query_face_threshold":119}"#, #"{"query_face_threshold":201}"#, #"{"query_face_threshold":"170"}"#,
                #"{"video_extension":1}"#,
            ] {
                try await api.videoRetalk(parameters: parameters).expectError(status: 400, code: "InvalidParameter")
            }
            #expect(await sim.simulator.stats().total.acceptedSubmissions[.videoRetalk] == 0)
        }
    }

    @Test("audio outside 2 to 120 s is refused with 400 InvalidFile.Duration: no task, no bill")
    func audioLimit() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(1)), clock: clock) {
            sim throws in
            let api = sim.api()
            for seconds in ["1.99", "120.01"] {
                try await api.videoRetalk(audio: "https://e.com/a.mp3?duration=\(seconds)").expectError(
                    status: 400,
                    code: "InvalidFile.Duration"
                )
            }
            for seconds in ["2", "120"] {
                _ = try await api.videoRetalk(audio: "https://e.com/a.mp3?duration=\(seconds)").taskID()
                clock.advance(by: 1)
            }
            #expect(try await api.list("?model_name=videoretalk").json()["total"] as? Int == 2)
            let line = await sim.simulator.bill().total.lines[.videoRetalk]
            #expect(line == BillLine(count: 2, quantity: 122, amount: 122 * SimulatorPrices.videoRetalkPerSecond))
        }
    }
}

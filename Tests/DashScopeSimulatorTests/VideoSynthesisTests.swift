import DashScopeSimulator
import NIOHTTP1
import Testing

@Suite("POST video-synthesis")
struct VideoSynthesisTests {
    @Test("a submission answers output.task_id, output.task_status PENDING and request_id")
    func createShape() async throws {
        try await withSimulator { sim throws in
            let response = try await sim.api().synthesize()
            #expect(response.status == 200)
            #expect(Set(try response.json().keys) == ["output", "request_id"])
            let output = try response.output()
            #expect(Set(output.keys) == ["task_id", "task_status"])
            #expect(output["task_status"] as? String == "PENDING")
            #expect(!((output["task_id"] as? String) ?? "").isEmpty)
        }
    }

    @Test("the path with a trailing slash works too")
    func trailingSlash() async throws {
        try await withSimulator { sim throws in
            let body =
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3"}}"#
            let response = try await sim.api().synthesize(body: body, path: TestAPI.synthesisPath + "/")
            #expect(response.status == 200)
            #expect(try response.taskStatus() == "PENDING")
        }
    }

    @Test("without X-DashScope-Async: enable the call is refused with 403 AccessDenied")
    func missingAsyncHeader() async throws {
        try await withSimulator { sim throws in
            let body =
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3"}}"#
            let response = try await sim.api().send(.POST, TestAPI.synthesisPath, body: body)
            try response.expectError(
                status: 403,
                code: "AccessDenied",
                message: "current user api does not support synchronous calls"
            )
            let disabled = try await sim.api().send(
                .POST,
                TestAPI.synthesisPath,
                body: body,
                headers: [("X-DashScope-Async", "disable")]
            )
            try disabled.expectError(status: 403, code: "AccessDenied")
        }
    }

    @Test("bad JSON, missing fields and bad URLs get 400 InvalidParameter")
    func invalidBodies() async throws {
        try await withSimulator { sim throws in
            for body in [
                "{\"model\":", "null",
                #"{"input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3"}}"#,
                #"{"model":"wan2.2-s2v"}"#,
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg"}}"#,
                #"{"model":"wan2.2-s2v","input":{"audio_url":"https://e.com/a.mp3"}}"#,
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"file:///a.mp3"}}"#,
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3?duration=abc"}}"#,
                #"{"model":"wan2.2-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3"},"parameters":{"resolution":480}}"#,
            ] {
                try await sim.api().synthesize(body: body).expectError(status: 400, code: "InvalidParameter")
            }
            #expect(await sim.simulator.stats().total.acceptedSubmissions[.synthesis] == 0)
        }
    }

    @Test("an unknown model gets 400 InvalidParameter, Model not exist.")
    func unknownModel() async throws {
        try await withSimulator { sim throws in
            let body =
                #"{"model":"wan2.5-s2v","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3"}}"#
            try await sim.api().synthesize(body: body).expectError(
                status: 400,
                code: "InvalidParameter",
                message: "Model not exist."
            )
        }
    }

    @Test("resolution other than 480P or 720P gets 400 InvalidParameter", arguments: ["1080P", "480p", ""])
    func badResolution(resolution: String) async throws {
        try await withSimulator { sim throws in
            try await sim.api().synthesize(resolution: resolution).expectError(status: 400, code: "InvalidParameter")
        }
    }

    @Test("input.img_url is accepted as the image")
    func imgURLAlias() async throws {
        try await withSimulator { sim throws in
            let body =
                #"{"model":"wan2.2-s2v","input":{"img_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3"}}"#
            #expect(try await sim.api().synthesize(body: body).status == 200)
        }
    }

    @Test("prompt: null, extend_prompt, style and unknown keys are accepted and ignored")
    func extraKeysIgnored() async throws {
        try await withSimulator { sim throws in
            let body = """
                {"model":"wan2.2-s2v","input":{"prompt":null,"extend_prompt":true,"img_url":"https://e.com/a.jpg",\
                "image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3","anything":[1,2]},\
                "parameters":{"style":"speech","resolution":"720P","unknown":{"x":1}},"extra":"ignored"}
                """
            let response = try await sim.api().synthesize(body: body)
            #expect(response.status == 200, "\(response.text)")
            #expect(try response.taskStatus() == "PENDING")
        }
    }
}

import DashScopeSimulator
import NIOHTTP1
import Testing

@Suite("POST face-detect")
struct FaceDetectTests {
    @Test("a passing check answers check_pass, humanoid, usage.image_count and request_id")
    func passingCheck() async throws {
        try await withSimulator { sim throws in
            let response = try await sim.api().detect()
            #expect(response.status == 200)
            let json = try response.json()
            #expect(Set(json.keys) == ["output", "usage", "request_id"])
            let output = try response.output()
            #expect(Set(output.keys) == ["check_pass", "humanoid"])
            #expect(output["check_pass"] as? Bool == true)
            #expect(output["humanoid"] as? Bool == true)
            #expect((json["usage"] as? [String: Any])?["image_count"] as? Int == 1)
            #expect(!((json["request_id"] as? String) ?? "").isEmpty)
        }
    }

    @Test("sim_face=none fails the check with HTTP 200, code and message, and usage")
    func failingCheck() async throws {
        try await withSimulator { sim throws in
            let response = try await sim.api().detect(image: "https://example.com/face.jpg?sim_face=none")
            #expect(response.status == 200)
            let output = try response.output()
            #expect(output["check_pass"] as? Bool == false)
            #expect(output["humanoid"] as? Bool == false)
            #expect(!((output["code"] as? String) ?? "").isEmpty)
            #expect(!((output["message"] as? String) ?? "").isEmpty)
            #expect((try response.json()["usage"] as? [String: Any])?["image_count"] as? Int == 1)

            let multi = try await sim.api().detect(image: "https://example.com/face.jpg?sim_face=multi")
            #expect(try multi.output()["check_pass"] as? Bool == false)
            #expect(try multi.output()["humanoid"] as? Bool == true)
        }
    }

    @Test("another model is unknown here: 400 InvalidParameter, Model not exist.")
    func wrongModel() async throws {
        try await withSimulator { sim throws in
            try await sim.api().detect(model: "wan2.2-s2v").expectError(
                status: 400,
                code: "InvalidParameter",
                message: "Model not exist."
            )
            try await sim.api().detect(model: "no-such-model").expectError(
                status: 400,
                code: "InvalidParameter",
                message: "Model not exist."
            )
        }
    }

    @Test("bad JSON, missing model, missing image_url and non-HTTP URLs get 400 InvalidParameter")
    func invalidBodies() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            for body in [
                "{not json", "[]", #"{"input":{"image_url":"https://example.com/a.jpg"}}"#,
                #"{"model":"wan2.2-s2v-detect"}"#, #"{"model":"wan2.2-s2v-detect","input":{}}"#,
                #"{"model":"wan2.2-s2v-detect","input":{"image_url":42}}"#,
                #"{"model":"wan2.2-s2v-detect","input":{"image_url":"ftp://example.com/a.jpg"}}"#,
                #"{"model":"wan2.2-s2v-detect","input":{"image_url":"not a url"}}"#,
            ] {
                try await api.send(.POST, TestAPI.detectPath, body: body).expectError(
                    status: 400,
                    code: "InvalidParameter"
                )
            }
            #expect(await sim.simulator.bill().total.images == 0)
        }
    }

    @Test("oss:// URLs need X-DashScope-OssResourceResolve: enable")
    func ossURLs() async throws {
        try await withSimulator { sim throws in
            let body = #"{"model":"wan2.2-s2v-detect","input":{"image_url":"oss://bucket/face.jpg"}}"#
            try await sim.api().send(.POST, TestAPI.detectPath, body: body).expectError(
                status: 400,
                code: "InvalidParameter"
            )
            let resolved = try await sim.api().send(
                .POST,
                TestAPI.detectPath,
                body: body,
                headers: [("X-DashScope-OssResourceResolve", "enable")]
            )
            #expect(resolved.status == 200)
        }
    }
}

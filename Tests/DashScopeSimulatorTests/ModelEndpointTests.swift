import DashScopeSimulator
import NIOHTTP1
import Testing

/// Detect models are served by face-detect only and video models by video-synthesis only, as upstream names them.
@Suite("Which endpoint serves which model")
struct ModelEndpointTests {
    @Test(
        "a model face-detect does not serve (a video model, a misspelling) gets 400 InvalidParameter, Model not exist.",
        arguments: ["emo-v1", "liveportrait", "videoretalk", "emo-detect", "EMO-DETECT-V1"]
    )
    func videoModelOnFaceDetect(model: String) async throws {
        try await withSimulator { sim throws in
            try await sim.api().detect(model: model).expectError(
                status: 400,
                code: "InvalidParameter",
                message: "Model not exist."
            )
        }
    }

    @Test(
        "a detect model on video-synthesis is unknown there: 400 InvalidParameter, Model not exist.",
        arguments: ["emo-detect-v1", "liveportrait-detect", "wan2.2-s2v-detect", "emo-v2"]
    )
    func detectModelOnVideoSynthesis(model: String) async throws {
        try await withSimulator { sim throws in
            let body =
                #"{"model":"\#(model)","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3"}}"#
            try await sim.api().synthesize(body: body).expectError(
                status: 400,
                code: "InvalidParameter",
                message: "Model not exist."
            )
        }
    }

    @Test("family video models need X-DashScope-Async: enable too")
    func asyncHeader() async throws {
        try await withSimulator { sim throws in
            let body = """
                {"model":"emo-v1","input":{"image_url":"https://e.com/a.jpg","audio_url":"https://e.com/a.mp3",\
                "face_bbox":[302,286,610,593],"ext_bbox":[71,9,840,778]}}
                """
            try await sim.api().send(.POST, TestAPI.synthesisPath, body: body).expectError(
                status: 403,
                code: "AccessDenied"
            )
        }
    }
}

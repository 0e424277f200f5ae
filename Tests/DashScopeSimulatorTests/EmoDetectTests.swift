import DashScopeSimulator
import Foundation
import Testing

@Suite("POST face-detect with emo-detect-v1")
struct EmoDetectTests {
    /// `[x1, y1, x2, y2]` of an answer's `output`.
    static func box(_ output: [String: Any], _ key: String) throws -> [Int] {
        let box = try #require(output[key] as? [Int], "\(key) in \(output)")
        try #require(box.count == 4, "\(key) has 4 integers")
        return box
    }

    @Test(
        "a passing check answers check_pass, humanoid, face_bbox and ext_bbox, whose ratio is the one asked for",
        arguments: [(nil, 1, 1), ("1:1", 1, 1), ("3:4", 3, 4)] as [(String?, Int, Int)]
    )
    func boxes(ratio: String?, width: Int, height: Int) async throws {
        try await withSimulator { sim throws in
            let response = try await sim.api().emoDetect(ratio: ratio)
            #expect(response.status == 200, "\(response.text)")
            #expect(Set(try response.json().keys) == ["output", "usage", "request_id"])
            let output = try response.output()
            #expect(Set(output.keys) == ["check_pass", "humanoid", "face_bbox", "ext_bbox"])
            #expect(output["check_pass"] as? Bool == true)
            #expect(output["humanoid"] as? Bool == true)
            #expect((try response.json()["usage"] as? [String: Any])?["image_count"] as? Int == 1)

            let face = try Self.box(output, "face_bbox")
            let ext = try Self.box(output, "ext_bbox")
            #expect(face[0] < face[2] && face[1] < face[3])
            // The animated region holds the face, and its aspect ratio is exactly the requested one.
            #expect(ext[0] <= face[0] && ext[1] <= face[1] && face[2] <= ext[2] && face[3] <= ext[3])
            #expect((ext[2] - ext[0]) * height == (ext[3] - ext[1]) * width, "\(ext) is \(width):\(height)")
        }
    }

    @Test("a failed check answers check_pass false with code and message and no boxes, and is billed")
    func failedCheck() async throws {
        try await withSimulator { sim throws in
            let none = try await sim.api().emoDetect(image: "https://e.com/a.jpg?sim_face=none", ratio: "3:4")
            #expect(none.status == 200)
            #expect(Set(try none.output().keys) == ["check_pass", "humanoid", "code", "message"])
            #expect(try none.output()["check_pass"] as? Bool == false)
            #expect(try none.output()["humanoid"] as? Bool == false)
            let multi = try await sim.api().emoDetect(image: "https://e.com/a.jpg?sim_face=multi")
            #expect(try multi.output()["check_pass"] as? Bool == false)
            #expect(try multi.output()["humanoid"] as? Bool == true)
            #expect(try multi.output()["ext_bbox"] == nil)

            let bill = await sim.simulator.bill().total
            #expect(bill.lines[.emoDetect] == BillLine(count: 2, quantity: 2, amount: Decimal(string: "0.001148")!))
            #expect(bill.amount == Decimal(string: "0.001148"))
            // The wan2.2 fields are wan2.2-s2v-detect's alone.
            #expect(bill.images == 0)
        }
    }

    @Test("a ratio other than 1:1 or 3:4, or a missing image, gets 400 InvalidParameter and is not billed")
    func invalidBodies() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            for ratio in ["4:3", "3/4", "1:2", ""] {
                try await api.emoDetect(ratio: ratio).expectError(status: 400, code: "InvalidParameter")
            }
            for body in [
                #"{"model":"emo-detect-v1","input":{"image_url":"https://e.com/a.jpg"},"parameters":{"ratio":1}}"#,
                #"{"model":"emo-detect-v1","input":{},"parameters":{"ratio":"1:1"}}"#,
                #"{"model":"emo-detect-v1","input":{"image_url":"ftp://e.com/a.jpg"}}"#,
            ] {
                try await api.detect(body: body).expectError(status: 400, code: "InvalidParameter")
            }
            #expect(await sim.simulator.bill().total.amount == 0)
        }
    }
}

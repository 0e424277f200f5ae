import DashScopeSimulator
import Foundation
import Testing

@Suite("POST face-detect with liveportrait-detect")
struct LivePortraitDetectTests {
    @Test("a passing check answers output.pass, not check_pass, and usage.image_count")
    func passingCheck() async throws {
        try await withSimulator { sim throws in
            let response = try await sim.api().detect(model: "liveportrait-detect")
            #expect(response.status == 200, "\(response.text)")
            #expect(Set(try response.json().keys) == ["output", "usage", "request_id"])
            #expect(Set(try response.output().keys) == ["pass"])
            #expect(try response.output()["pass"] as? Bool == true)
            #expect((try response.json()["usage"] as? [String: Any])?["image_count"] as? Int == 1)
        }
    }

    @Test("a failed check answers pass false with a message, and is billed like a passing one")
    func failedCheck() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            let failed = try await api.detect(image: "https://e.com/a.jpg?sim_face=none", model: "liveportrait-detect")
            #expect(failed.status == 200)
            #expect(Set(try failed.output().keys) == ["pass", "message"])
            #expect(try failed.output()["pass"] as? Bool == false)
            #expect(try failed.output()["message"] as? String == "No human face detected.")
            #expect(try await api.detect(model: "liveportrait-detect").status == 200)

            let bill = await sim.simulator.bill().total
            #expect(
                bill.lines[.livePortraitDetect]
                    == BillLine(count: 2, quantity: 2, amount: 2 * SimulatorPrices.livePortraitDetectAssumedPerImage)
            )
        }
    }

    @Test("a missing image gets 400 InvalidParameter and is not billed")
    func missingImage() async throws {
        try await withSimulator { sim throws in
            try await sim.api().detect(body: #"{"model":"liveportrait-detect","input":{}}"#).expectError(
                status: 400,
                code: "InvalidParameter"
            )
            #expect(await sim.simulator.bill().total.amount == 0)
        }
    }
}

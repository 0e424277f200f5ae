import DashScopeSimulator
import Foundation
import NIOHTTP1
import Testing

@Suite("The simulator's bill")
struct BillTests {
    @Test("every face check is billed, also check_pass false")
    func detectBilled() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            #expect(try await api.detect().status == 200)
            #expect(try await api.detect(image: "https://e.com/a.jpg?sim_face=none").status == 200)
            try await api.detect(model: "bogus").expectError(status: 400, code: "InvalidParameter")
            let bill = await sim.simulator.bill()
            #expect(bill.currency == "USD")
            #expect(bill.total.images == 2)
            #expect(bill.total.imageAmount == Decimal(string: "0.001148"))
            #expect(bill.total.amount == Decimal(string: "0.001148"))
            #expect(bill.accounts[SimulatorHarness.key]?.images == 2)
            #expect(bill.accounts[SimulatorHarness.otherKey]?.images == 0)
        }
    }

    @Test("10.23 s at 480P costs exactly 0.73325571 and 720P uses its own price")
    func videoAmounts() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(10)), clock: clock) {
            sim throws in
            let api = sim.api()
            let sd = try await api.synthesize(audio: "https://e.com/a.mp3?duration=10.23").taskID()
            let hd = try await api.synthesize(audio: "https://e.com/a.mp3?duration=10.23", resolution: "720P").taskID()
            clock.advance(by: 20)
            let bill = await sim.simulator.bill()
            #expect(
                bill.total.tasks == [
                    BilledTask(
                        taskID: sd,
                        resolution: .p480,
                        duration: Decimal(string: "10.23")!,
                        amount: Decimal(string: "0.73325571")!
                    ),
                    BilledTask(
                        taskID: hd,
                        resolution: .p720,
                        duration: Decimal(string: "10.23")!,
                        amount: Decimal(string: "1.31985414")!
                    ),
                ]
            )
            #expect(bill.total.videos == [.p480: 1, .p720: 1])
            #expect(bill.total.seconds == [.p480: Decimal(string: "10.23")!, .p720: Decimal(string: "10.23")!])
            #expect(bill.total.amount == Decimal(string: "2.05310985"))

            let raw = try await sim.api(key: nil).send(.GET, "/sim/bill").text
            #expect(raw.contains(#""amount":"0.73325571""#))
            #expect(raw.contains(#""amount":"1.31985414""#))
            #expect(raw.contains(#""amount":"2.05310985""#))
            #expect(raw.contains(#""seconds":{"480P":"10.23","720P":"10.23"}"#))
        }
    }

    @Test("usage.duration is written as the exact decimal given, e.g. 10.23")
    func rawDurationText() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(1)), clock: clock) {
            sim throws in
            let api = sim.api()
            let id = try await api.synthesize(audio: "https://e.com/a.mp3?duration=10.23").taskID()
            let plain = try await api.synthesize().taskID()
            clock.advance(by: 5)
            let body = try await api.task(id).text
            #expect(body.contains(#""usage":{"duration":10.23,"#))
            #expect(!body.contains("10.230000"))
            // The default audio length applies when the URL names none.
            #expect(try await api.task(plain).text.contains(#""duration":5,"#))
        }
    }

    @Test("failed and cancelled tasks are not billed; lost and malformed submissions are")
    func whatIsBilled() async throws {
        let clock = ManualClock()
        let configuration = SimulatorHarness.configuration(
            generationTime: .seconds(10),
            faults: FaultInjection(timeoutDelay: .milliseconds(50))
        )
        try await withSimulator(configuration, clock: clock) { sim throws in
            let api = sim.api()
            let lost = try await api.synthesize(audio: "https://e.com/a.mp3?duration=2&sim_fail=lost").taskID()
            let pending = try await api.synthesize(audio: "https://e.com/a.mp3?duration=3").taskID()
            #expect(try await api.cancel(pending).status == 200)
            _ = try await api.synthesize(audio: "https://e.com/a.mp3?duration=25")
            _ = try await api.synthesize(audio: "https://e.com/a.mp3?duration=4&sim_fail=task_failed")
            #expect(try await api.synthesize(audio: "https://e.com/a.mp3?duration=6&sim_fail=malformed").status == 200)
            #expect(try await api.detect(image: "https://e.com/a.jpg?sim_fail=malformed").status == 200)
            #expect(try await api.detect(image: "https://e.com/a.jpg?sim_fail=lost").status == 200)
            clock.advance(by: 100)

            let bill = await sim.simulator.bill()
            #expect(bill.total.images == 2)
            #expect(bill.total.tasks.count == 2)
            #expect(bill.total.tasks.first?.taskID == lost)
            #expect(bill.total.seconds[.p480] == 8)
        }
    }

    @Test("GET /sim/bill has totals, prices, per-tier fields and accounts")
    func billShape() async throws {
        try await withSimulator { sim throws in
            #expect(try await sim.api().detect().status == 200)
            let json = try await sim.api(key: nil).send(.GET, "/sim/bill").json()
            #expect(json["currency"] as? String == "USD")
            #expect(json["images"] as? Int == 1)
            #expect(json["amount"] as? String == "0.000574")
            #expect(json["image_amount"] as? String == "0.000574")
            #expect((json["videos"] as? [String: Int]) == ["480P": 0, "720P": 0])
            #expect((json["seconds"] as? [String: String]) == ["480P": "0", "720P": "0"])
            #expect((json["tasks"] as? [Any])?.isEmpty == true)
            let prices = try #require(json["prices"] as? [String: String])
            #expect(prices["wan2.2-s2v-detect"] == "0.000574")
            #expect(prices["wan2.2-s2v 480P"] == "0.071677")
            #expect(prices["wan2.2-s2v 720P"] == "0.129018")
            let accounts = try #require(json["accounts"] as? [String: [String: Any]])
            #expect(Set(accounts.keys) == [SimulatorHarness.key, SimulatorHarness.otherKey])
            #expect(accounts[SimulatorHarness.key]?["images"] as? Int == 1)
        }
    }
}

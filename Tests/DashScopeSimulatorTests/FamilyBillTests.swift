import DashScopeSimulator
import Foundation
import NIOHTTP1
import Testing

@Suite("The simulator's bill, by model and tier")
struct FamilyBillTests {
    static let seconds = Decimal(string: "10.23")!
    static let audio = "https://e.com/a.mp3?duration=10.23"

    /// One call of every model and tier but wan2.2-s2v 720P, each video 10.23 s; then time enough for all.
    static func billEveryModel(_ sim: SimulatorHarness, clock: ManualClock) async throws -> [String: PricedItem] {
        let api = sim.api()
        #expect(try await api.detect().status == 200)
        #expect(try await api.emoDetect().status == 200)
        #expect(try await api.detect(model: "liveportrait-detect").status == 200)
        let wan = try await api.synthesize(audio: Self.audio).taskID()
        let square = try await api.emo(audio: Self.audio).taskID()
        let portrait = try await api.emo(audio: Self.audio, extBox: "[150,9,762,825]").taskID()
        let livePortrait = try await api.livePortrait(audio: Self.audio).taskID()
        let videoRetalk = try await api.videoRetalk(audio: Self.audio).taskID()
        clock.advance(by: 100)
        return [
            wan: .synthesis(.p480), square: .emo(.oneByOne), portrait: .emo(.threeByFour),
            livePortrait: .livePortrait, videoRetalk: .videoRetalk,
        ]
    }

    @Test("every model and tier is billed at its own price, exactly; the wan2.2 fields keep to the wan2.2 pair")
    func linesPerModelAndTier() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(10)), clock: clock) {
            sim throws in
            let items = try await Self.billEveryModel(sim, clock: clock)
            let bill = await sim.simulator.bill().total
            let image = Decimal(string: "0.000574")!
            let expected: [PricedItem: BillLine] = [
                .detect: BillLine(count: 1, quantity: 1, amount: image),
                .synthesis(.p480): BillLine(count: 1, quantity: Self.seconds, amount: Decimal(string: "0.73325571")!),
                .synthesis(.p720): BillLine(),
                .emoDetect: BillLine(count: 1, quantity: 1, amount: image),
                .emo(.oneByOne): BillLine(count: 1, quantity: Self.seconds, amount: Decimal(string: "0.11732787")!),
                .emo(.threeByFour): BillLine(count: 1, quantity: Self.seconds, amount: Decimal(string: "0.23464551")!),
                .livePortraitDetect: BillLine(count: 1, quantity: 1, amount: image),
                .livePortrait: BillLine(count: 1, quantity: Self.seconds, amount: Decimal(string: "0.0293302284")!),
                .videoRetalk: BillLine(count: 1, quantity: Self.seconds, amount: Decimal(string: "0.11732787")!),
            ]
            #expect(bill.lines == expected)
            #expect(bill.amount == Decimal(string: "1.2336091884"))
            #expect(Dictionary(uniqueKeysWithValues: bill.videoTasks.map { ($0.taskID, $0.item) }) == items)
            for video in bill.videoTasks {
                #expect(video.duration == Self.seconds)
                #expect(video.amount == expected[video.item]?.amount)
            }

            // The fields the bill had before the family are wan2.2-s2v-detect's and wan2.2-s2v's alone.
            #expect(bill.images == 1)
            #expect(bill.imageAmount == image)
            #expect(bill.videos == [.p480: 1, .p720: 0])
            #expect(bill.seconds == [.p480: Self.seconds, .p720: 0])
            #expect(bill.tasks.map(\.resolution) == [.p480])
            #expect(await sim.simulator.bill().accounts[SimulatorHarness.otherKey] == AccountBill())
        }
    }

    @Test("GET /sim/bill lists every price and a line per model and tier, in exact decimal strings")
    func billDocument() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(10)), clock: clock) {
            sim throws in
            _ = try await Self.billEveryModel(sim, clock: clock)
            let response = try await sim.api(key: nil).send(.GET, "/sim/bill")
            let json = try response.json()
            #expect(json["currency"] as? String == "USD")
            #expect(
                (json["prices"] as? [String: String]) == [
                    "wan2.2-s2v-detect": "0.000574", "wan2.2-s2v 480P": "0.071677", "wan2.2-s2v 720P": "0.129018",
                    "emo-detect-v1": "0.000574", "emo-v1 1:1": "0.011469", "emo-v1 3:4": "0.022937",
                    "liveportrait-detect": "0.000574", "liveportrait": "0.00286708", "videoretalk": "0.011469",
                ]
            )
            #expect(json["amount"] as? String == "1.2336091884")
            #expect(json["images"] as? Int == 1)
            #expect((json["videos"] as? [String: Int]) == ["480P": 1, "720P": 0])

            let lines = try #require(json["lines"] as? [[String: Any]])
            #expect(lines.count == 9)
            #expect(
                response.text.contains(
                    #"{"model":"emo-v1","tier":"3:4","unit":"second","price":"0.022937","count":1,"quantity":"10.23","amount":"0.23464551"}"#
                )
            )
            #expect(
                response.text.contains(
                    #"{"model":"liveportrait","tier":null,"unit":"second","price":"0.00286708","count":1,"quantity":"10.23","amount":"0.0293302284"}"#
                )
            )
            #expect(
                response.text.contains(
                    #"{"model":"emo-detect-v1","tier":null,"unit":"image","price":"0.000574","count":1,"quantity":"1","amount":"0.000574"}"#
                )
            )
            let videoTasks = try #require(json["video_tasks"] as? [[String: Any]])
            #expect(
                Set(videoTasks.compactMap { $0["model"] as? String }) == [
                    "wan2.2-s2v", "emo-v1", "liveportrait", "videoretalk",
                ]
            )
            #expect(videoTasks.allSatisfy { $0["duration"] as? String == "10.23" })
            // `tasks` stays wan2.2-s2v's, as before the family.
            #expect((json["tasks"] as? [[String: Any]])?.count == 1)
            let account = try #require((json["accounts"] as? [String: [String: Any]])?[SimulatorHarness.key])
            #expect(account["amount"] as? String == "1.2336091884")
        }
    }

    @Test("failed, refused and cancelled family tasks are not billed")
    func whatIsNotBilled() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(10)), clock: clock) {
            sim throws in
            let api = sim.api()
            _ = try await api.emo(audio: "https://e.com/a.mp3?duration=61").taskID()
            _ = try await api.emo(audio: "https://e.com/a.mp3?duration=3&sim_fail=task_failed").taskID()
            let pending = try await api.emo().taskID()
            #expect(try await api.cancel(pending).status == 200)
            _ = try await api.livePortrait(audio: "https://e.com/a.mp3?duration=200").taskID()
            #expect(try await api.videoRetalk(audio: "https://e.com/a.mp3?duration=1").status == 400)
            try await api.emoDetect(image: "https://e.com/a.jpg?sim_fail=throttle").expectError(
                status: 429,
                code: "Throttling.RateQuota"
            )
            clock.advance(by: 100)
            let bill = await sim.simulator.bill().total
            #expect(bill.amount == 0)
            #expect(bill.videoTasks.isEmpty)
            #expect(bill.lines.values.allSatisfy { $0 == BillLine() })
        }
    }
}

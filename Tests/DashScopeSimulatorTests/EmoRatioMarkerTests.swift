import DashScopeSimulator
import Foundation
import Testing

/// An `emo-v1` task may report another `video_ratio` than its `ext_bbox` implies; a gateway must charge the tier
/// reported, as upstream bills it, and can flag the difference. `sim_ratio=` makes that happen.
@Suite("sim_ratio: an emo-v1 task reporting another ratio")
struct EmoRatioMarkerTests {
    @Test("a 1:1 ext_bbox with sim_ratio=3:4 reports video_ratio 3:4 and is billed at 3:4")
    func reportedRatioIsBilled() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(10)), clock: clock) {
            sim throws in
            let api = sim.api()
            let id = try await api.emo(
                image: "https://e.com/a.jpg?sim_ratio=3:4",
                audio: "https://e.com/a.mp3?duration=12.5",
                extBox: TestAPI.squareBox
            ).taskID()
            // The percent-encoded form works too, on either URL.
            let encoded = try await api.emo(
                audio: "https://e.com/a.mp3?duration=7&sim_ratio=1%3A1",
                extBox: "[0,0,300,400]"
            )
            .taskID()
            clock.advance(by: 20)
            #expect(try await api.task(id).usage()["video_ratio"] as? String == "3:4")
            #expect(try await api.task(encoded).usage()["video_ratio"] as? String == "1:1")

            let bill = await sim.simulator.bill().total
            #expect(
                bill.lines[.emo(.threeByFour)]
                    == BillLine(count: 1, quantity: Decimal(string: "12.5")!, amount: Decimal(string: "0.2867125")!)
            )
            #expect(
                bill.lines[.emo(.oneByOne)] == BillLine(count: 1, quantity: 7, amount: Decimal(string: "0.080283")!)
            )
            #expect(
                bill.videoTasks.first { $0.taskID == id }
                    == BilledVideo(
                        taskID: id,
                        item: .emo(.threeByFour),
                        duration: Decimal(string: "12.5")!,
                        amount: Decimal(string: "0.2867125")!
                    )
            )
        }
    }

    @Test("sim_ratio anywhere but an emo-v1 task, or with another value, is a 400, so typos do not pass silently")
    func misplacedMarker() async throws {
        try await withSimulator { sim throws in
            let api = sim.api()
            try await api.synthesize(image: "https://e.com/a.jpg?sim_ratio=3:4").expectError(
                status: 400,
                code: "InvalidParameter"
            )
            try await api.livePortrait(audio: "https://e.com/a.mp3?sim_ratio=1:1").expectError(
                status: 400,
                code: "InvalidParameter"
            )
            try await api.emoDetect(image: "https://e.com/a.jpg?sim_ratio=3:4").expectError(
                status: 400,
                code: "InvalidParameter"
            )
            try await api.emo(image: "https://e.com/a.jpg?sim_ratio=4:3").expectError(
                status: 400,
                code: "InvalidParameter"
            )
            #expect(await sim.simulator.stats().total.acceptedSubmissions.values.reduce(0, +) == 0)
        }
    }
}

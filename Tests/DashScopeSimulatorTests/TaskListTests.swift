import Foundation
import Testing

@Suite("GET /tasks")
struct TaskListTests {
    @Test("lists the account's tasks newest first, paged, with total, page_no and page_size")
    func paging() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(60)), clock: clock) {
            sim throws in
            let api = sim.api()
            var ids: [String] = []
            for _ in 0..<3 {
                ids.append(try await api.synthesize().taskID())
                clock.advance(by: 1)
            }
            let firstPage = try await api.list("?page_no=1&page_size=2")
            #expect(firstPage.status == 200)
            let json = try firstPage.json()
            #expect(Set(json.keys) == ["request_id", "data", "total", "page_no", "page_size"])
            #expect(json["total"] as? Int == 3)
            #expect(json["page_no"] as? Int == 1)
            #expect(json["page_size"] as? Int == 2)
            let data = try #require(json["data"] as? [[String: Any]])
            #expect(data.compactMap { $0["task_id"] as? String } == [ids[2], ids[1]])
            #expect(data.allSatisfy { $0["task_status"] is String && $0["submit_time"] is String })

            let secondPage = try await api.list("?page_no=2&page_size=2").json()
            #expect((secondPage["data"] as? [[String: Any]])?.compactMap { $0["task_id"] as? String } == [ids[0]])

            let defaults = try await api.list().json()
            #expect(defaults["page_no"] as? Int == 1)
            #expect(defaults["page_size"] as? Int == 10)
        }
    }

    @Test("filters by status, model_name and submit time")
    func filters() async throws {
        let clock = ManualClock()
        try await withSimulator(SimulatorHarness.configuration(generationTime: .seconds(60)), clock: clock) {
            sim throws in
            let api = sim.api()
            let first = try await api.synthesize().taskID()
            clock.advance(by: 3600)
            let second = try await api.synthesize().taskID()

            let running = try await api.list("?status=RUNNING").json()
            #expect((running["data"] as? [[String: Any]])?.compactMap { $0["task_id"] as? String } == [second])
            #expect(try await api.list("?status=SUCCEEDED").json()["total"] as? Int == 1)
            #expect(try await api.list("?model_name=wan2.2-s2v").json()["total"] as? Int == 2)
            #expect(try await api.list("?model_name=emo-v1").json()["total"] as? Int == 0)
            // ManualClock starts at 2025-09-01 09:37:27 UTC+8.
            let early = try await api.list("?start_time=20250901090000&end_time=20250901100000").json()
            #expect((early["data"] as? [[String: Any]])?.compactMap { $0["task_id"] as? String } == [first])
        }
    }

    @Test("bad paging or filter values get 400 InvalidParameter")
    func invalidQueries() async throws {
        try await withSimulator { sim throws in
            for query in ["?page_no=0", "?page_size=abc", "?page_size=1000", "?status=DONE", "?start_time=2025"] {
                try await sim.api().list(query).expectError(status: 400, code: "InvalidParameter")
            }
        }
    }
}

import Foundation
import Testing

@testable import S2VGateway

/// The task list's reader takes the documented fields in either naming and refuses everything else, so that a
/// page it cannot read fully never passes for a list without the task.
@Suite struct UpstreamTaskListPageTests {
    static func parse(_ text: String, status: Int = 200) throws(UpstreamTaskListError) -> [UpstreamTaskListPage.Entry] {
        try UpstreamTaskListPage.parse(status: status, body: Data(text.utf8)).entries
    }

    static func near(_ date: Date?, _ expected: Date) -> Bool {
        guard let date else { return false }
        return abs(date.timeIntervalSince(expected)) < 0.0005
    }

    @Test func readsTaskIDWithSubmitTimeInChinaStandardTime() throws {
        let entries = try Self.parse(
            """
            {"request_id":"r","data":[{"task_id":"a","task_status":"SUCCEEDED","submit_time":"2025-09-01 09:37:27.468"},
                                      {"task_id":"b","submit_time":"2025-09-01 09:37:28"}],"total":2}
            """
        )
        #expect(entries.map(\.taskID) == ["a", "b"])
        // 09:37:27.468 at UTC+8 is 01:37:27.468 UTC.
        #expect(Self.near(entries[0].submittedAt, Date(timeIntervalSince1970: 1_756_690_647.468)))
        #expect(entries[0].status == "SUCCEEDED")
        #expect(Self.near(entries[1].submittedAt, Date(timeIntervalSince1970: 1_756_690_648)))
        #expect(entries[1].status == nil)
    }

    @Test func readsGmtCreateInEpochMillisecondsAndStatus() throws {
        let entries = try Self.parse(
            """
            {"data":[{"task_id":"a","status":"RUNNING","gmt_create":1756690647468},
                     {"task_id":"b","gmt_create":"1756690648000"},
                     {"task_id":"c","status":"PENDING"}]}
            """
        )
        #expect(entries.map(\.taskID) == ["a", "b", "c"])
        #expect(Self.near(entries[0].submittedAt, Date(timeIntervalSince1970: 1_756_690_647.468)))
        #expect(entries[0].status == "RUNNING")
        #expect(Self.near(entries[1].submittedAt, Date(timeIntervalSince1970: 1_756_690_648)))
        #expect(entries[2].submittedAt == nil)
        #expect(entries[2].status == "PENDING")
    }

    @Test func anEmptyListIsReadable() throws {
        #expect(try Self.parse(#"{"data":[],"total":0}"#).isEmpty)
    }

    @Test(arguments: [
        (404, #"{"code":"NotFound","message":"The requested resource was not found."}"#),
        (500, #"{"data":[]}"#),
        (200, "<html>not json</html>"),
        (200, #"{"output":{"tasks":[{"id":"a","state":"RUNNING"}],"count":1}}"#),
        (200, #"{"data":{"task_id":"a"}}"#),
        (200, #"{"data":["a"]}"#),
        (200, #"{"data":[{"id":"a","status":"RUNNING"}]}"#),
        (200, #"{"data":[{"task_id":"a","status":"RUNNING"},{"task_id":"b"}]}"#),
        (200, #"{"data":[{"task_id":7,"status":"RUNNING"}]}"#),
    ])
    func anythingElseIsUnreadable(status: Int, body: String) {
        #expect(throws: UpstreamTaskListError.self) { try Self.parse(body, status: status) }
    }

    @Test func malformedTimesCountAsAbsent() throws {
        let entries = try Self.parse(
            """
            {"data":[{"task_id":"a","status":"RUNNING","submit_time":"yesterday","gmt_create":-5},
                     {"task_id":"b","status":"RUNNING","submit_time":"2025-13-01 09:37:27"}]}
            """
        )
        #expect(entries.allSatisfy { $0.submittedAt == nil })
    }

    @Test func ordersOldestFirstWithUntimedTasksLast() {
        let listed = UpstreamTaskList.oldestFirst([
            .init(taskID: "late", submittedAt: Date(timeIntervalSince1970: 20), status: nil),
            .init(taskID: "untimed", submittedAt: nil, status: "RUNNING"),
            .init(taskID: "early", submittedAt: Date(timeIntervalSince1970: 10), status: nil),
        ])
        #expect(listed.map(\.taskID) == ["early", "late", "untimed"])
    }
}

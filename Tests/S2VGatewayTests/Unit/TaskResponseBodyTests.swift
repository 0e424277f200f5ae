import Foundation
import S2VCore
import S2VStore
import Testing

@testable import S2VGateway

/// The task reads' bodies wrap the documents the store keeps without parsing them: they must still be JSON, in
/// DashScope's shapes, whatever the text inside.
@Suite struct TaskResponseBodyTests {
    @Test func aTaskReadIsTheRequestIdTheOutputAndTheUsage() throws {
        let task = TaskReading(
            output: #"{"task_id": "t-1", "task_status": "SUCCEEDED"}"#,
            usage: #"{"duration": 9.52}"#
        )
        let body = try Self.object(TaskResponseBody.task(task, requestID: "r\"1\n"))
        #expect(body["request_id"] == JSONValue.string("r\"1\n"))
        #expect(body["output"]?["task_status"] == JSONValue.string("SUCCEEDED"))
        #expect(body["usage"]?["duration"]?.decimalValue == Decimal(string: "9.52"))

        let withoutUsage = try Self.object(TaskResponseBody.task(TaskReading(output: "{}", usage: nil), requestID: "r"))
        #expect(withoutUsage["usage"] == nil && withoutUsage["output"] == JSONValue.object([:]))
    }

    @Test func aListItemIsTheOutputWithItsUsageBesideItsFields() throws {
        let page = TaskListPage(
            tasks: [
                TaskReading(output: #"{"task_id": "t-2", "task_status": "RUNNING"}"#, usage: nil),
                TaskReading(output: #"{"task_id": "t-1"}"#, usage: #"{"duration": 3}"#),
                TaskReading(output: "{}", usage: nil),
            ],
            total: 7
        )
        let body = try Self.object(TaskResponseBody.page(page, pageNumber: 2, pageSize: 3, requestID: "r"))
        #expect(body["total"]?.decimalValue == 7)
        #expect(body["page_no"]?.decimalValue == 2 && body["page_size"]?.decimalValue == 3)
        guard case .array(let items) = body["data"] else {
            Issue.record("data is not a list")
            return
        }
        #expect(items.count == 3)
        #expect(items[0]["task_status"] == JSONValue.string("RUNNING") && items[0]["usage"] == nil)
        #expect(items[1]["usage"]?["duration"]?.decimalValue == 3 && items[1]["task_id"] == JSONValue.string("t-1"))
        #expect(items[2] == JSONValue.object([:]))

        let empty = try Self.object(
            TaskResponseBody.page(TaskListPage(tasks: [], total: 0), pageNumber: 1, pageSize: 10, requestID: "r")
        )
        #expect(empty["data"] == JSONValue.array([]))
    }

    @Test func controlCharactersAreEscaped() throws {
        let text = JSONObjectText.quoted("a\u{01}b\tc")
        #expect(text == #""a\u0001b\tc""#)
    }

    static func object(_ text: String) throws -> JSONValue {
        let value = try #require(JSONValue.parse(Data(text.utf8)), "not JSON: \(text)")
        guard case .object = value else { throw DomainError.invalid("not an object: \(text)") }
        return value
    }
}

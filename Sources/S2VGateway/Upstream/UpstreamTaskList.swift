import Foundation
import Logging
import S2VCore

/// Reads the upstream's task list (`GET /tasks?start_time=…`), to find tasks a submission without an answer
/// may have created.
struct UpstreamTaskList: Sendable {
    struct Listed: Sendable, Equatable {
        var taskID: String
        var submitTime: String
    }

    static let pageSize = 100
    static let maximumPages = 20

    let upstream: UpstreamClient
    /// Waits for the account's next query slot before each page.
    let pace: @Sendable () async throws -> Void

    /// Every task submitted since `start` (the upstream's clock is China Standard Time), oldest first.
    func tasks(since start: Date, logger: Logger) async throws -> [Listed] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyyMMddHHmmss"
        let startTime = formatter.string(from: start)
        var listed: [Listed] = []
        for page in 1...Self.maximumPages {
            try await self.pace()
            let reply = try await self.upstream.get(
                "/tasks?start_time=\(startTime)&page_no=\(page)&page_size=\(Self.pageSize)", kind: .list, logger: logger)
            guard reply.status == 200, case .array(let items)? = JSONValue.parse(reply.body)?["data"] else {
                throw UpstreamFailure.noAnswer("task list answered HTTP \(reply.status)")
            }
            for item in items {
                guard let id = item["task_id"]?.stringValue else { continue }
                listed.append(Listed(taskID: id, submitTime: item["submit_time"]?.stringValue ?? ""))
            }
            if items.count < Self.pageSize { break }
        }
        return listed.sorted { ($0.submitTime, $0.taskID) < ($1.submitTime, $1.taskID) }
    }
}

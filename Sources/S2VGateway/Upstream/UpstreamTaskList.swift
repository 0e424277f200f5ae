import Foundation
import Logging
import S2VCore

/// Reads the upstream's task list (`GET /tasks?start_time=…`), to find tasks a submission without an answer
/// may have created.
struct UpstreamTaskList: Sendable {
    typealias Listed = UpstreamTaskListPage.Entry

    static let pageSize = 100
    static let maximumPages = 20

    let upstream: UpstreamClient
    /// Waits for the account's next query slot before each page.
    let pace: @Sendable () async throws -> Void

    /// Every task submitted since `start` (the upstream's clock is China Standard Time), oldest first; tasks the
    /// list gives no time for come last. Tasks the list says are older than `start` are left out, in case the
    /// upstream ignores the filter.
    ///
    /// Throws `UpstreamFailure` when a page got no answer, `UpstreamTaskListError` when it cannot be read.
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
                "/tasks?start_time=\(startTime)&page_no=\(page)&page_size=\(Self.pageSize)",
                kind: .list,
                logger: logger
            )
            let entries = try UpstreamTaskListPage.parse(status: reply.status, body: reply.body).entries
            listed += entries
            if entries.count < Self.pageSize {
                // The filter has second precision; the margin the caller chose covers that.
                return Self.oldestFirst(listed.filter { ($0.submittedAt ?? start) >= start.addingTimeInterval(-1) })
            }
        }
        throw UpstreamTaskListError.incomplete(pages: Self.maximumPages)
    }

    static func oldestFirst(_ listed: [Listed]) -> [Listed] {
        listed.sorted {
            ($0.submittedAt ?? .distantFuture, $0.taskID) < ($1.submittedAt ?? .distantFuture, $1.taskID)
        }
    }
}

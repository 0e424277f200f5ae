import Foundation
import S2VCore

/// One page of the upstream's task list (`GET /tasks`), read by the fields the contract names and nothing else.
///
/// The list's answer is not documented (dashscope-api.md §3.3, §12), so the reader accepts the variants seen:
/// an array `data` of objects, each with a `task_id` and at least one of `submit_time`
/// (`YYYY-MM-DD HH:MM:SS[.mmm]`, China Standard Time), `gmt_create` (epoch milliseconds, a number or digits)
/// and `status` / `task_status`. Anything else is unreadable: a page the gateway cannot read completely must not
/// be taken to say that a task does not exist.
struct UpstreamTaskListPage: Sendable, Equatable {
    /// A task the list shows.
    struct Entry: Sendable, Equatable {
        var taskID: String
        /// When the upstream says it was submitted, if the list says so.
        var submittedAt: Date?
        var status: String?
    }

    var entries: [Entry]

    /// Reads an answer; throws `UpstreamTaskListError` for any status but 200 or any shape but the one above.
    static func parse(status: Int, body: Data) throws(UpstreamTaskListError) -> UpstreamTaskListPage {
        guard status == 200 else { throw .status(status) }
        guard let document = JSONValue.parse(body) else { throw .shape("not JSON") }
        guard case .array(let items)? = document["data"] else { throw .shape("no `data` array") }
        var entries: [Entry] = []
        for item in items {
            guard case .object = item else { throw .shape("an entry of `data` is not an object") }
            guard let taskID = item["task_id"]?.stringValue, !taskID.isEmpty else {
                throw .shape("an entry has no `task_id`")
            }
            let submittedAt = Self.submitTime(item["submit_time"]) ?? Self.epochMilliseconds(item["gmt_create"])
            let status = item["task_status"]?.stringValue ?? item["status"]?.stringValue
            guard submittedAt != nil || status != nil else {
                throw .shape("entry \(taskID) has none of submit_time, gmt_create, status")
            }
            entries.append(Entry(taskID: taskID, submittedAt: submittedAt, status: status))
        }
        return UpstreamTaskListPage(entries: entries)
    }

    /// `YYYY-MM-DD HH:MM:SS` with optional fraction, in China Standard Time (UTC+8, no daylight saving).
    static func submitTime(_ value: JSONValue?) -> Date? {
        guard let text = value?.stringValue else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 2 else { return nil }
        let day = parts[0].split(separator: "-").map { Int($0) }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard day.count == 3, clock.count == 3, let year = day[0], let month = day[1], let dayOfMonth = day[2],
            let hour = Int(clock[0]), let minute = Int(clock[1]), let seconds = Decimal(string: String(clock[2])),
            clock[2].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
        else { return nil }
        let components = DateComponents(
            year: year,
            month: month,
            day: dayOfMonth,
            hour: hour,
            minute: minute,
            second: 0
        )
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        guard (1...12).contains(month), (1...31).contains(dayOfMonth), (0..<24).contains(hour),
            (0..<60).contains(minute),
            seconds >= 0, seconds < 61, let minuteStart = calendar.date(from: components)
        else { return nil }
        return minuteStart.addingTimeInterval(NSDecimalNumber(decimal: seconds).doubleValue)
    }

    /// Epoch milliseconds, as a JSON number or a string of digits.
    static func epochMilliseconds(_ value: JSONValue?) -> Date? {
        let milliseconds: Decimal? =
            switch value {
            case .number(let number)?: number
            case .string(let text)? where !text.isEmpty && text.allSatisfy({ $0.isASCII && $0.isNumber }):
                Decimal(string: text)
            default: nil
            }
        guard let milliseconds, milliseconds > 0 else { return nil }
        return Date(timeIntervalSince1970: NSDecimalNumber(decimal: milliseconds / 1000).doubleValue)
    }
}

/// The upstream's task list could not be read: it answered another status, or a shape the gateway does not read.
enum UpstreamTaskListError: Error, CustomStringConvertible {
    case status(Int)
    case shape(String)
    /// More pages than the reader follows: some tasks would go unseen.
    case incomplete(pages: Int)

    var description: String {
        switch self {
        case .status(let status): "task list answered HTTP \(status)"
        case .shape(let what): "task list in an unexpected shape: \(what)"
        case .incomplete(let pages): "task list longer than \(pages) pages"
        }
    }
}

import Foundation

extension TaskPage {
    /// The body of `GET /tasks` for this page, in the shape `answer` names (not `notFound`, which has no page).
    func json(_ answer: TaskListAnswer, query: TaskListQuery) -> JSONValue {
        switch answer {
        case .documented, .notFound:
            let data: [JSONValue] = self.tasks.map { task in
                var members = task.outputMembers
                if let usage = task.usage {
                    members.append(("usage", usage))
                }
                return .object(members)
            }
            return .object(self.envelope(data: data, query: query))
        case .epochMilliseconds:
            let data: [JSONValue] = self.tasks.map { task in
                .object([
                    ("task_id", .string(task.id)),
                    ("status", .string(task.status.rawValue)),
                    ("gmt_create", .number(String(Int64((task.submitTime.timeIntervalSince1970 * 1000).rounded())))),
                    ("model_name", .string(task.model.rawValue)),
                ])
            }
            return .object(self.envelope(data: data, query: query))
        case .unexpectedShape:
            let tasks: [JSONValue] = self.tasks.map { task in
                .object([("id", .string(task.id)), ("state", .string(task.status.rawValue))])
            }
            return .object([
                ("request_id", .string(RequestIDs.make())),
                ("output", .object([("tasks", .array(tasks)), ("count", .int(self.total))])),
            ])
        }
    }

    private func envelope(data: [JSONValue], query: TaskListQuery) -> [(String, JSONValue)] {
        [
            ("request_id", .string(RequestIDs.make())),
            ("data", .array(data)),
            ("total", .int(self.total)),
            ("page_no", .int(query.pageNo)),
            ("page_size", .int(query.pageSize)),
        ]
    }
}

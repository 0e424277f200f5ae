import S2VStore

/// The bodies of the task reads, in DashScope's shapes, around the task documents the store keeps.
enum TaskResponseBody {
    /// `GET /tasks/{id}`: `{"request_id", "output", "usage"?}`.
    static func task(_ task: TaskReading, requestID: String) -> String {
        var body = JSONObjectText()
        body.add("request_id", string: requestID)
        body.add("output", json: task.output)
        if let usage = task.usage { body.add("usage", json: usage) }
        return body.text
    }

    /// `GET /tasks`: `{"request_id", "data", "total", "page_no", "page_size"}`, each item a task's output with its
    /// usage beside its other fields.
    static func page(_ page: TaskListPage, pageNumber: Int, pageSize: Int, requestID: String) -> String {
        let items = page.tasks.map { task in
            var item = JSONObjectText()
            item.add(membersOf: task.output)
            if let usage = task.usage { item.add("usage", json: usage) }
            return item.text
        }
        var body = JSONObjectText()
        body.add("request_id", string: requestID)
        body.add("data", json: "[" + items.joined(separator: ",") + "]")
        body.add("total", json: String(page.total))
        body.add("page_no", json: String(pageNumber))
        body.add("page_size", json: String(pageSize))
        return body.text
    }
}

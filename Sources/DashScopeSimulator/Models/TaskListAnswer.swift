/// How the simulator answers `GET /tasks` (the task list, whose real answer DashScope does not document).
public enum TaskListAnswer: String, Sendable, Hashable, CaseIterable {
    /// `data` entries are the `output` of `GET /tasks/{id}`: `task_id`, `task_status`, `submit_time`, ….
    case documented
    /// `data` entries name their fields as the list API of DashScope's console does: `task_id`, `status`,
    /// `gmt_create` (epoch milliseconds), `model_name`; no `submit_time`.
    case epochMilliseconds = "epoch-milliseconds"
    /// 404 `NotFound`: the list is not served (a fault).
    case notFound = "not-found"
    /// 200 in a shape a reader of the other answers cannot read: the tasks under `output.tasks`, each with an `id`
    /// (a fault).
    case unexpectedShape = "unexpected-shape"
}

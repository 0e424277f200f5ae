/// One page of `GET /api/v1/tasks`.
struct TaskPage: Sendable {
    var tasks: [SimulatedTask]
    /// Matching tasks over all pages.
    var total: Int
}

import Foundation

/// Paging and filters of `GET /api/v1/tasks`.
struct TaskListQuery: Sendable {
    var pageNo = 1
    var pageSize = 10
    var status: TaskStatus?
    var modelName: String?
    /// Inclusive lower bound on submit time.
    var start: Date?
    /// Inclusive upper bound on submit time.
    var end: Date?
}

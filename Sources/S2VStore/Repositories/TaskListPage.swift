/// One page of a team's tasks, newest first, and how many the team has in all.
public struct TaskListPage: Sendable, Equatable {
    public var tasks: [TaskReading]
    public var total: Int64

    public init(tasks: [TaskReading], total: Int64) {
        self.tasks = tasks
        self.total = total
    }
}

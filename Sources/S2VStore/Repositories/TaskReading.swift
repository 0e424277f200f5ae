/// A task as its owner reads it: its `output` (DashScope's description of a task: id, status, times and
/// results, from `task_output`) and the upstream's `usage`, both JSON text as PostgreSQL wrote them.
public struct TaskReading: Sendable, Equatable {
    public var output: String
    public var usage: String?

    public init(output: String, usage: String?) {
        self.output = output
        self.usage = usage
    }
}

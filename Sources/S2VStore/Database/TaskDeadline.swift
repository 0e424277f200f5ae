/// Waits for a task with a limit, for shutdowns that must not hang (and tests that must fail rather than hang).
public enum TaskDeadline {
    /// Whether `task` ended within `limit`; the task is left running otherwise.
    public static func wait(for task: Task<Void, Never>, atMost limit: Duration) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let pending = ResumeOnce(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                pending.resume(returning: false)
            }
            Task {
                await task.value
                timer.cancel()
                pending.resume(returning: true)
            }
        }
    }
}

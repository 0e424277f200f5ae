import S2VCore

/// Bounds how long a request waits for the store. An unreachable PostgreSQL makes the pool queue requests
/// while it retries; the gateway answers 503 instead of hanging, and calls nothing upstream.
enum StoreDeadline {
    /// How long a request waits for the store when the configuration says nothing else.
    static let `default`: Duration = .seconds(3)

    static func run<Result: Sendable>(
        within deadline: Duration,
        _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw ServiceError.serviceUnavailable()
            }
            return result
        }
    }
}

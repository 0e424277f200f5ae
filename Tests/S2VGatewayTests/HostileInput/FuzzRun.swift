import S2VStore
import Synchronization

/// Sends requests over raw sockets with a bounded number in flight, and keeps every answer with its request.
enum FuzzRun {
    struct Exchange: Sendable {
        var request: HostileRequest
        var outcome: RawHTTPClient.Outcome
    }

    /// Sends `count` requests made by `make`, `concurrency` at a time, in index order.
    static func send(
        count: Int,
        concurrency: Int,
        client: RawHTTPClient,
        make: @escaping @Sendable (Int) -> HostileRequest
    ) async -> [Exchange] {
        let next = Counter()
        return await withTaskGroup(of: [(Int, Exchange)].self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var done: [(Int, Exchange)] = []
                    while true {
                        let index = next.take()
                        guard index < count else { return done }
                        let request = make(index)
                        let outcome = await client.exchange([request.wire(port: client.port)])
                        done.append((index, Exchange(request: request, outcome: outcome)))
                    }
                }
            }
            var all: [(Int, Exchange)] = []
            for await part in group { all += part }
            return all.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}

/// Hands out 0, 1, 2, … to concurrent workers.
private final class Counter: Sendable {
    private let value = Mutex(0)

    func take() -> Int {
        self.value.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}

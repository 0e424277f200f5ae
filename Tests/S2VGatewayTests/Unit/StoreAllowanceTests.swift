import Logging
import S2VCore
import Synchronization
import Testing

@testable import S2VGateway

/// The per-request store budget, against operations that ignore cancellation as a query to a hung PostgreSQL
/// does. None of these asserts a duration: an implementation that waited for such an operation would hang and
/// hit the time limit.
@Suite(.timeLimit(.minutes(1))) struct StoreAllowanceTests {
    let logger = Logger(label: "test.store-allowance")

    @Test func aHungOperationIsRefusedAtTheDeadline() async throws {
        let hung = Latch()
        defer { hung.open() }
        let allowance = StoreAllowance(deadline: .milliseconds(200), metrics: nil)
        await #expect(throws: ServiceError.storeDeadlinePassed) {
            try await allowance.fetch {
                await hung.wait()
                return 1
            }
        }
        #expect(allowance.hasPassed)
        #expect(allowance.remaining == .zero)
    }

    @Test func theOperationsOfARequestShareOneBudget() async throws {
        let allowance = StoreAllowance(deadline: .seconds(10), metrics: nil)
        try await allowance.fetch { try await Task.sleep(for: .milliseconds(300)) }
        #expect(allowance.remaining <= .milliseconds(9_700))

        // Once the deadline passed, the store is not asked again for this request.
        let hung = Latch()
        defer { hung.open() }
        let short = StoreAllowance(deadline: .milliseconds(100), metrics: nil)
        _ = try? await short.fetch { await hung.wait() }
        let asked = Mutex(false)
        await #expect(throws: ServiceError.storeDeadlinePassed) {
            try await short.fetch { asked.withLock { $0 = true } }
        }
        #expect(!asked.withLock { $0 })
    }

    @Test func aSettlementIsAnsweredAtTheDeadlineButNotCut() async throws {
        let slow = Latch()
        let recorded = Mutex(false)
        let allowance = StoreAllowance(deadline: .milliseconds(100), metrics: nil)
        await #expect(throws: ServiceError.outcomeNotRecordedInTime) {
            try await allowance.settle(logger: self.logger) {
                await slow.wait()
                try Task.checkCancellation()
                recorded.withLock { $0 = true }
            }
        }
        slow.open()
        try await Self.waitUntil { recorded.withLock { $0 } }
    }

    @Test func aWriteThatLandsAfterItsRefusalIsUndone() async throws {
        let slow = Latch()
        let undone = Mutex<Int?>(nil)
        let allowance = StoreAllowance(deadline: .milliseconds(100), metrics: nil)
        await #expect(throws: ServiceError.storeDeadlinePassed) {
            let undo: @Sendable (Int) async -> Void = { value in undone.withLock { $0 = value } }
            try await allowance.fetch(undoingLate: undo) {
                await slow.wait()
                return 42
            }
        }
        #expect(undone.withLock { $0 } == nil)
        slow.open()
        try await Self.waitUntil { undone.withLock { $0 } == 42 }
    }

    @Test func theCallLogIsNotWaitedForOnceTheStoreMissedTheDeadline() async throws {
        let hung = Latch()
        defer { hung.open() }
        let allowance = StoreAllowance(deadline: .milliseconds(100), metrics: nil)
        _ = try? await allowance.fetch { await hung.wait() }
        let written = await allowance.record(logger: self.logger) { await hung.wait() }
        #expect(!written)

        let healthy = StoreAllowance(deadline: .seconds(30), metrics: nil)
        #expect(await healthy.record(logger: self.logger) {})
    }

    private static func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(condition())
    }
}

/// Holds its waiters until opened, ignoring cancellation, as a query to a hung server does.
private final class Latch: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let now = self.state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    func open() {
        let waiters = self.state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

import Testing

/// Keeps the tests that load the machine hardest apart from the tests that measure time on it.
///
/// The whole suite runs in parallel on two cores. A test that asserts a wall-clock bound (a 503 within the
/// store deadline, an exit within the shutdown grace) or a rate seen by the simulator (no second with more than
/// five calls) measures the machine as much as the code when thousands of fuzz requests run beside it. So they
/// take turns: any number of `.load` tests may run together, but a `.timing` test runs alone among the tests
/// that share the machine (many of them hang, restart or load PostgreSQL clusters themselves). Whoever waits
/// longest goes next, so nobody starves.
///
/// Every other test runs beside both, as before.
public enum MachineShare {
    public enum Kind: Sendable {
        /// Generates heavy load for a while: fuzzing, chaos, many processes.
        case load
        /// Asserts wall-clock bounds or rates.
        case timing
    }

    /// Runs `body` when no test of the other kind is running.
    public static func run<T: Sendable>(_ kind: Kind, _ body: () async throws -> T) async throws -> T {
        await self.turns.enter(kind)
        do {
            let value = try await body()
            await self.turns.leave(kind)
            return value
        } catch {
            await self.turns.leave(kind)
            throw error
        }
    }

    private static let turns = Turns()

    private actor Turns {
        private var running: (kind: Kind, count: Int)?
        private var waiting: [(kind: Kind, resume: CheckedContinuation<Void, Never>)] = []

        func enter(_ kind: Kind) async {
            // Join the running kind only when nobody is queued, so a waiting test of the other kind is not
            // overtaken forever.
            if self.waiting.isEmpty, let running = self.running, running.kind == kind, kind == .load {
                self.running = (kind, running.count + 1)
                return
            }
            if self.running == nil, self.waiting.isEmpty {
                self.running = (kind, 1)
                return
            }
            await withCheckedContinuation { self.waiting.append((kind, $0)) }
        }

        func leave(_ kind: Kind) {
            guard let running = self.running else { return }
            if running.count > 1 {
                self.running = (running.kind, running.count - 1)
                return
            }
            self.running = nil
            guard let next = self.waiting.first?.kind else { return }
            if next == .timing {
                // One timing test at a time.
                self.waiting.removeFirst().resume.resume()
                self.running = (.timing, 1)
                return
            }
            // Let in every waiting load test at once.
            var admitted = 0
            self.waiting.removeAll { entry in
                guard entry.kind == .load else { return false }
                entry.resume.resume()
                admitted += 1
                return true
            }
            self.running = (.load, admitted)
        }
    }
}

/// `@Test(.sharesTheMachine(.timing))`: runs the test in its ``MachineShare`` turn.
public struct MachineShareTrait: TestTrait, TestScoping {
    let kind: MachineShare.Kind

    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        try await MachineShare.run(self.kind) { try await function() }
    }
}

extension Trait where Self == MachineShareTrait {
    /// Takes turns with tests of the other kind (see ``MachineShare``).
    public static func sharesTheMachine(_ kind: MachineShare.Kind) -> Self { MachineShareTrait(kind: kind) }
}

import Foundation
import S2VCore

/// The shape of a synthetic data set for benchmarks: how many teams, calls and tasks, over how many days.
public struct SeedSpecification: Sendable, Equatable {
    /// Team names start with this, then a number: `seed-001`.
    public var teamPrefix: String
    public var teams: Int
    public var keysPerTeam: Int
    /// Client calls in all: `tasks` video-synthesis submissions and the rest face-detect calls.
    public var calls: Int
    /// Generation tasks, settled: one in twenty failed, the rest succeeded with 1 to 19.99 s of video.
    public var tasks: Int
    public var days: Int
    /// The end of the span (exclusive); calls are spread evenly over the `days` before it.
    public var end: Date

    public init(
        teamPrefix: String = "seed-",
        teams: Int = 50,
        keysPerTeam: Int = 2,
        calls: Int = 10_000_000,
        tasks: Int = 1_000_000,
        days: Int = 365,
        end: Date
    ) throws {
        guard teamPrefix.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9._-]{0,40}/) != nil else {
            throw DomainError.invalid(
                "The team prefix must be 1-41 letters, digits, '.', '_' or '-', starting with a letter or digit."
            )
        }
        guard (1...9_999).contains(teams) else { throw DomainError.invalid("teams must be from 1 to 9999.") }
        guard (1...100).contains(keysPerTeam) else {
            throw DomainError.invalid("keys per team must be from 1 to 100.")
        }
        guard tasks >= 0, calls >= tasks, calls <= 1_000_000_000 else {
            throw DomainError.invalid(
                "calls must be at least tasks (each task is one call), and at most 1,000,000,000."
            )
        }
        guard (1...3_660).contains(days) else { throw DomainError.invalid("days must be from 1 to 3660.") }
        self.teamPrefix = teamPrefix
        self.teams = teams
        self.keysPerTeam = keysPerTeam
        self.calls = calls
        self.tasks = tasks
        self.days = days
        self.end = end
    }

    /// Face-detect calls: every call that is not a task submission.
    public var detectCalls: Int { self.calls - self.tasks }

    /// The start of the span.
    public var start: Date { self.end.addingTimeInterval(-Double(self.days) * 86_400) }
}

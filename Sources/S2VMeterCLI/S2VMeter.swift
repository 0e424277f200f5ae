import ArgumentParser

/// The `s2v-meter` command line.
public struct S2VMeter: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "s2v-meter",
        abstract:
            "Cost and usage metering gateway for DashScope's digital-human video API (wan2.2-s2v, EMO, LivePortrait, VideoRetalk).",
        discussion: """
            Teams call s2v-meter exactly as they would call DashScope; it authenticates their gateway keys, \
            prices every call, enforces budgets and rate limits, forwards the call with the real DashScope key, \
            and records every charge in PostgreSQL.

            Without --database-url or DATABASE_URL, every command uses a private PostgreSQL cluster in the data \
            directory (--data-dir, default ./.s2v-meter), created and started on demand.
            """,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, TeamsCommand.self, KeysCommand.self, ModelsCommand.self,
            PricesCommand.self,
            BudgetsCommand.self, LimitsCommand.self, AccountsCommand.self, QueueCommand.self, ReportCommand.self,
            AuditCommand.self,
            VerifyCommand.self, SeedCommand.self, SimulateCommand.self,
        ]
    )

    public init() {}
}

extension S2VMeter {
    /// The executable's entry point: parses the command line and runs the chosen command asynchronously.
    ///
    /// Spelled out rather than `await S2VMeter.main()`, which top-level code can resolve to the synchronous
    /// overload that refuses asynchronous commands.
    public static func runFromCommandLine(_ arguments: [String]? = nil) async {
        do {
            var command = try await Self.asyncParseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Self.exit(withError: error)
        }
    }
}

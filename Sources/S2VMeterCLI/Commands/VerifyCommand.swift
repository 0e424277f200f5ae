import ArgumentParser
import Foundation
import S2VCore
import S2VReports
import S2VStore

/// `s2v-meter verify`: recomputes every counter from the ledger and the tasks.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check every budget counter, billing line, daily rollup and client-limit counter; --repair corrects them.",
        discussion: """
            The ledger is append-only and is the source of truth; budget usage, monthly billing lines and daily \
            rollups are derived from it in the same transactions, and each client limit counts its active and \
            today's tasks as they are admitted and settled. verify recomputes them all (the client-limit counters \
            from the tasks), prints each counter that differs and exits with status 1 if any does. With --repair \
            it corrects them (while the gateway keeps running) and exits 0.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Flag(help: "Rewrite the counters that differ from the ledger.")
    var repair = false

    func run() async throws {
        let logger = try await self.logging.bootstrap(label: "s2v-meter.verify", configFile: self.database.configFile)
        let repair = self.repair
        let drift = try await self.database.withMigratedClient(logger: logger) { client in
            let verifier = LedgerVerifier(client: client)
            return repair ? try await verifier.repair(logger: logger) : try await verifier.findDrift(logger: logger)
        }
        guard !drift.isEmpty else {
            print(
                "every budget counter, billing line and daily rollup matches the ledger, and every client-limit counter the tasks"
            )
            return
        }
        let rows = drift.map { [$0.counterDescription, $0.field, $0.recorded.exactString, $0.expected.exactString] }
        print(
            TextTable(header: ["COUNTER", "FIELD", "RECORDED", "RECOMPUTED"], rows: rows, rightAligned: [2, 3])
                .render()
        )
        if repair {
            print("repaired \(drift.count) field(s)")
        } else {
            print("\(drift.count) field(s) differ; run `s2v-meter verify --repair` to correct them")
            throw ExitCode(1)
        }
    }
}

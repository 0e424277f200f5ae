import ArgumentParser
import Foundation
import S2VCore
import S2VReports
import S2VStore

/// `s2v-meter models`: the model catalog.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Show the model catalog, and add or change a model of a known shape.",
        discussion: """
            Every model the gateway meters is a row of the catalog: its kind and endpoint, the input fields it \
            requires and how they are checked, where its price tier comes from, the usage fields it is billed by, \
            its longest billable video (which sizes its hold) and the upstream's limits for it. A new model of the \
            family is data: `models set NEW --like EXISTING` copies a model's shape and changes its figures, then \
            `prices set` prices it. Running gateways see a change on their next call (limits within 5 seconds); \
            every change is in the audit trail (`audit changes --object model`).
            """,
        subcommands: [List.self, Set.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the catalog with the prices in force; UNPRICED models are refused until priced."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "table, json or csv.")
        var format = "table"

        func validate() throws {
            guard ["table", "json", "csv"].contains(self.format) else {
                throw ValidationError("--format must be table, json or csv")
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.models",
                configFile: self.database.configFile
            )
            let entries = try await self.database.withMigratedClient(logger: logger) { client in
                try await ModelCatalog(client: client).entries(logger: logger)
            }
            print(
                try ModelCatalogDocument(entries: entries).render(ReportFormat(rawValue: self.format) ?? .table),
                terminator: ""
            )
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a model shaped like an existing one, or change a model's figures.",
            discussion: """
                Example, a future resolution-tiered model: \
                `s2v-meter models set wan2.5-s2v --like wan2.2-s2v --max-billable-seconds 30`, then \
                `s2v-meter prices set --model wan2.5-s2v --tier 480P --unit-price 0.09`. A model is refused with \
                InvalidParameter until it has a price.
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Argument(help: "The model's name, as clients send it in `model`.")
        var name: String

        @Option(help: "An existing model whose shape (kind, input rules, tier source, usage fields) the model takes.")
        var like: String?

        @Option(
            name: .customLong("max-billable-seconds"),
            help: "The longest video billed (the upstream's audio limit); a task holds this × its tier price."
        )
        var maxBillableSeconds: String?

        @Option(name: .customLong("submissions-per-second"), help: "The upstream's submissions per second.")
        var submissionsPerSecond: Int?

        @Option(name: .customLong("max-concurrent-tasks"), help: "The upstream's running tasks at once, per account.")
        var maxConcurrentTasks: Int?

        @Option(name: .customLong("default-tier"), help: "The tier when a request names none (e.g. 480P).")
        var defaultTier: String?

        func validate() throws {
            if let seconds = self.maxBillableSeconds, (Decimal(exactly: seconds) ?? 0) <= 0 {
                throw ValidationError("--max-billable-seconds must be a positive decimal number such as 20")
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.models",
                configFile: self.database.configFile
            )
            let changes = ModelChanges(
                maxBillableSeconds: self.maxBillableSeconds.flatMap { Decimal(exactly: $0) },
                submissionsPerSecond: self.submissionsPerSecond,
                maxConcurrentTasks: self.maxConcurrentTasks,
                defaultTier: self.defaultTier
            )
            let (name, like) = (self.name, self.like)
            let (spec, priced) = try await self.database.withMigratedClient(logger: logger) { client in
                let spec = try await ModelCatalog(client: client).set(
                    name: name,
                    like: like,
                    changes: changes,
                    actor: nil,
                    logger: logger
                )
                let tiers = try await PriceRepository(client: client).tiersInForce(model: name, logger: logger)
                return (spec, tiers)
            }
            print("model \(spec.name): \(spec.kind.rawValue), tier from \(spec.tierSource.summary)")
            if priced.isEmpty {
                print(
                    "it has no price yet and is refused until it has one: s2v-meter prices set --model \(spec.name) …"
                )
            }
        }
    }
}

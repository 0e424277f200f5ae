import ArgumentParser
import Foundation
import S2VCore
import S2VReports
import S2VStore

/// `s2v-meter prices`: the versioned price book.
struct PricesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices",
        abstract: "Show and version the price book.",
        discussion: """
            Prices are versioned: `set` adds a version effective from a time, and every charge records the \
            version it used. A model or tier without a price is refused with InvalidParameter, never charged $0.
            """,
        subcommands: [List.self, Set.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the prices in force (or every version).")

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Flag(help: "Show every version, past and future, not only the ones in force.")
        var history = false

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.prices",
                configFile: self.database.configFile
            )
            let history = self.history
            let prices = try await self.database.withMigratedClient(logger: logger) { client in
                try await PriceRepository(client: client).list(includeHistory: history, logger: logger)
            }
            let rows = prices.map { price in
                [
                    String(price.id), price.model, price.tier.isEmpty ? "-" : price.tier, price.unit,
                    price.unitPrice.exactString, price.currency, price.effectiveFrom.formatted(.iso8601), price.note,
                ]
            }
            print(
                TextTable(
                    header: ["VERSION", "MODEL", "TIER", "UNIT", "UNIT PRICE", "CURRENCY", "EFFECTIVE FROM", "NOTE"],
                    rows: rows,
                    rightAligned: [0, 4]
                ).render()
            )
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a price version, effective from a time (default now)."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var logging: LoggingOptions

        @Option(help: "The model, e.g. wan2.2-s2v.")
        var model: String

        @Option(
            help:
                "The tier: 480P or 720P for wan2.2-s2v, 1:1 or 3:4 for emo-v1; none for a model with one price (see models list)."
        )
        var tier = ""

        @Option(
            name: .customLong("unit-price"),
            help: "Price of one unit (image or second), an exact decimal such as 0.071677."
        )
        var unitPrice: String

        @Option(help: "ISO currency code.")
        var currency = "USD"

        @Option(
            help: "Where the price comes from, shown in prices list and models list, e.g. 'assumed: reseller quote'."
        )
        var note = ""

        @Option(
            name: .customLong("effective-from"),
            help: "When the price starts to apply, ISO 8601 (e.g. 2026-12-01T00:00:00Z). Default: now."
        )
        var effectiveFrom: String?

        func validate() throws {
            guard Decimal(exactly: self.unitPrice) != nil else {
                throw ValidationError("--unit-price must be a plain decimal number such as 0.071677")
            }
            if let effectiveFrom, (try? Date(effectiveFrom, strategy: .iso8601)) == nil {
                throw ValidationError("--effective-from must be an ISO 8601 time such as 2026-12-01T00:00:00Z")
            }
        }

        func run() async throws {
            let logger = try await self.logging.bootstrap(
                label: "s2v-meter.prices",
                configFile: self.database.configFile
            )
            let (model, tier, currency, note) = (self.model, self.tier, self.currency, self.note)
            let unitPrice = Decimal(exactly: self.unitPrice) ?? 0
            let effectiveFrom = try self.effectiveFrom.map { try Date($0, strategy: .iso8601) } ?? Date()
            let price = try await self.database.withMigratedClient(logger: logger) { client in
                try await PriceRepository(client: client).set(
                    model: model,
                    tier: tier,
                    unitPrice: unitPrice,
                    currency: currency,
                    effectiveFrom: effectiveFrom,
                    note: note,
                    logger: logger
                )
            }
            print(
                "price version \(price.id): \(price.model) \(price.tier.isEmpty ? "" : price.tier + " ")"
                    + "\(price.unitPrice.exactString) \(price.currency)/\(price.unit) from \(price.effectiveFrom.formatted(.iso8601))"
            )
        }
    }
}

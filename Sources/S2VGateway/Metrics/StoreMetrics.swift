import Foundation
import Logging
import Prometheus
import S2VCore
import S2VStore

/// The metrics read from PostgreSQL at scrape time: queue depth, tasks in flight, spend by team and model, and
/// budget utilisation. They describe the shared database, so every instance reports the same values.
///
/// Each scrape writes them into a registry of its own, so a budget deleted or a team gone since the last
/// scrape leaves no stale series behind.
struct StoreMetrics: Sendable {
    let figures: StoreFiguresRepository
    let budgets: BudgetRepository
    /// How long a scrape waits for PostgreSQL before it reports `s2v_store_up 0`.
    let deadline: Duration

    static let sharedNote =
        "Read from PostgreSQL at scrape time; the same on every instance, aggregate with max(), not sum()."

    /// Appends the figures to `buffer` in the Prometheus text format; `s2v_store_up` says whether they could
    /// be read within the deadline.
    func emit(into buffer: inout [UInt8], logger: Logger) async {
        let registry = PrometheusCollectorRegistry()
        let up = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "s2v",
                metricName: "store_up",
                unitName: "",
                helpText:
                    "1 if this instance read the PostgreSQL figures below for this scrape, 0 if PostgreSQL did not answer in time."
            )
        )
        let figures = self.figures
        let budgets = self.budgets
        do {
            let (read, statuses) = try await StoreDeadline.run(within: self.deadline) {
                (try await figures.figures(logger: logger), try await budgets.status(logger: logger))
            }
            up.set(to: 1)
            Self.record(read, in: registry)
            Self.record(statuses, in: registry)
        } catch {
            logger.warning("metrics: store figures not read", metadata: ["error": "\(String(reflecting: error))"])
            up.set(to: 0)
        }
        registry.emit(into: &buffer)
    }

    private static func record(_ figures: StoreFigures, in registry: PrometheusCollectorRegistry) {
        registry.makeGauge(
            descriptor: Self.descriptor(
                "queued_tasks",
                "Generation tasks waiting in the gateway's dispatch queue, all teams."
            )
        ).set(Double(figures.totalQueued))
        registry.makeGauge(
            descriptor: Self.descriptor(
                "in_flight_tasks",
                "Generation tasks claimed for submission, submitted or running upstream, all accounts."
            )
        )
        .set(Double(figures.totalInFlight))
        let queuedByTeam = Self.descriptor(
            "team_queued_tasks",
            "Generation tasks waiting in the gateway's dispatch queue, by team."
        )
        for line in figures.queued {
            registry.makeGauge(descriptor: queuedByTeam, labels: [("team", line.team)]).set(Double(line.tasks))
        }
        let inFlightByAccount = Self.descriptor(
            "account_in_flight_tasks",
            "Generation tasks claimed for submission, submitted or running, by upstream account."
        )
        for line in figures.inFlight {
            registry.makeGauge(descriptor: inFlightByAccount, labels: [("account", line.account)]).set(
                Double(line.tasks)
            )
        }
        let allTime = Self.descriptor(
            "spend_usd",
            "Money charged since the first call, by team, model and tier, in the price book's currency, from the daily rollups."
        )
        let month = Self.descriptor(
            "spend_month_usd",
            "Money charged since the start of the current UTC month (by admission day), by team, model and tier, in the price book's currency."
        )
        for line in figures.spend {
            let labels = [("team", line.team), ("model", line.model), ("tier", line.tier)]
            Self.recordSpend(line.allTime, line.thisMonth, as: (allTime, month), labels: labels, in: registry)
        }
        let tagAllTime = Self.descriptor(
            "tag_spend_usd",
            "Money charged since the first call, by team and the value of each tag key named by --metrics-tag-keys (empty: without the tag)."
        )
        let tagMonth = Self.descriptor(
            "tag_spend_month_usd",
            "Money charged since the start of the current UTC month, by team and the value of each tag key named by --metrics-tag-keys."
        )
        for line in figures.tagSpend {
            let labels = [("team", line.team), ("tag_key", line.tagKey), ("tag_value", line.tagValue)]
            Self.recordSpend(line.allTime, line.thisMonth, as: (tagAllTime, tagMonth), labels: labels, in: registry)
        }
    }

    /// One series' spend since the first call and this month, as the pair of gauges `descriptors`.
    private static func recordSpend(
        _ allTime: Decimal,
        _ thisMonth: Decimal,
        as descriptors: (allTime: MetricNameDescriptor, month: MetricNameDescriptor),
        labels: [(String, String)],
        in registry: PrometheusCollectorRegistry
    ) {
        registry.makeGauge(descriptor: descriptors.allTime, labels: labels).set(PrometheusSample.value(allTime))
        registry.makeGauge(descriptor: descriptors.month, labels: labels).set(PrometheusSample.value(thisMonth))
    }

    private static func record(_ statuses: [BudgetStatus], in registry: PrometheusCollectorRegistry) {
        let limit = Self.descriptor("budget_limit_usd", "A budget's hard limit per period, in its currency.")
        let spent = Self.descriptor("budget_spent_usd", "Money a budget's scope spent in the current period.")
        let held = Self.descriptor(
            "budget_held_usd",
            "Money a budget's scope holds for unfinished calls and tasks in the current period."
        )
        let utilisation = Self.descriptor(
            "budget_utilisation_ratio",
            "(spent + held) / limit of a budget in its current period; 1 means full."
        )
        for status in statuses {
            let budget = status.budget
            let key: String = if case .key(let id) = budget.scope { String(id) } else { "" }
            let labels = [
                ("budget", String(budget.id)), ("scope", budget.scope.kind), ("team", budget.teamName ?? ""),
                ("key", key), ("tag", budget.scope.tagText ?? ""), ("period", budget.period.rawValue),
                ("currency", budget.currency),
            ]
            registry.makeGauge(descriptor: limit, labels: labels).set(PrometheusSample.value(budget.limit))
            registry.makeGauge(descriptor: spent, labels: labels).set(PrometheusSample.value(status.spent))
            registry.makeGauge(descriptor: held, labels: labels).set(PrometheusSample.value(status.held))
            // Divided exactly, never NaN (a zero limit has no ratio); only the quotient becomes a float.
            if let ratio = status.utilisation {
                registry.makeGauge(descriptor: utilisation, labels: labels).set(PrometheusSample.value(ratio))
            }
        }
    }

    private static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "s2v", metricName: name, unitName: "", helpText: "\(help) \(Self.sharedNote)")
    }
}

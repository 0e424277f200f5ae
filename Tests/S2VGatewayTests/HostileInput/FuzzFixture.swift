/// What the gateway under test holds before the run: keys, a settled task, budgets.
struct FuzzFixture: Sendable {
    var port: Int
    var teamName: String
    var teamKey: String
    var teamKeyID: Int64
    var adminKey: String
    /// A task of the team, settled before the run (so a cancel of it is refused).
    var taskID: String
    /// Budgets that exist; no DELETE of the run may name one.
    var budgetIDs: [Int64]

    /// Placeholders for the reproducer.
    var keyPlaceholders: [String: String] {
        [self.teamKey: "$TEAM_KEY", self.adminKey: "$ADMIN_KEY"]
    }
}

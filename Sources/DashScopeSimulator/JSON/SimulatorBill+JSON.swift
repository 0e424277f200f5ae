import Foundation

extension SimulatorBill {
    /// The `GET /sim/bill` document: totals at the top level, then `accounts` keyed by API key.
    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("currency", .string(self.currency)),
            (
                "prices",
                .object([
                    (SimulatedModel.detect.rawValue, .decimalString(SimulatorPrices.detectPerImage)),
                    ("\(SimulatedModel.synthesis.rawValue) 480P", .decimalString(SimulatorPrices.video480PPerSecond)),
                    ("\(SimulatedModel.synthesis.rawValue) 720P", .decimalString(SimulatorPrices.video720PPerSecond)),
                ])
            ),
        ]
        members += self.total.jsonMembers
        members.append(
            (
                "accounts",
                .object(self.accounts.sorted { $0.key < $1.key }.map { ($0.key, .object($0.value.jsonMembers)) })
            )
        )
        return .object(members)
    }
}

import Foundation

extension AccountBill {
    /// Counts as numbers; money and seconds as exact decimal strings.
    var jsonMembers: [(String, JSONValue)] {
        func perTier<Value>(_ values: [VideoResolution: Value], _ render: (Value) -> JSONValue) -> JSONValue {
            .object(VideoResolution.allCases.compactMap { tier in values[tier].map { (tier.rawValue, render($0)) } })
        }
        return [
            ("images", .int(self.images)),
            ("image_amount", .decimalString(self.imageAmount)),
            ("videos", perTier(self.videos) { .int($0) }),
            ("seconds", perTier(self.seconds) { .decimalString($0) }),
            ("video_amounts", perTier(self.videoAmounts) { .decimalString($0) }),
            ("amount", .decimalString(self.amount)),
            (
                "tasks",
                .array(
                    self.tasks.map { task in
                        .object([
                            ("task_id", .string(task.taskID)),
                            ("resolution", .string(task.resolution.rawValue)),
                            ("duration", .decimalString(task.duration)),
                            ("amount", .decimalString(task.amount)),
                        ])
                    }
                )
            ),
        ]
    }
}

import Foundation

extension AccountBill {
    /// Counts as numbers; money and seconds as exact decimal strings. The wan2.2 pair's fields come first, in the
    /// shape they had before the family; then `lines`, every model by tier, and `video_tasks`, every billed video.
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
            (
                "lines",
                .array(
                    PricedItem.allCases.map { item in
                        let line = self.lines[item] ?? BillLine()
                        return .object([
                            ("model", .string(item.model.rawValue)),
                            ("tier", item.tier.map(JSONValue.string) ?? .null),
                            ("unit", .string(item.unit)),
                            ("price", .decimalString(item.price)),
                            ("count", .int(line.count)),
                            ("quantity", .decimalString(line.quantity)),
                            ("amount", .decimalString(line.amount)),
                        ])
                    }
                )
            ),
            (
                "video_tasks",
                .array(
                    self.videoTasks.map { video in
                        .object([
                            ("task_id", .string(video.taskID)),
                            ("model", .string(video.item.model.rawValue)),
                            ("tier", video.item.tier.map(JSONValue.string) ?? .null),
                            ("duration", .decimalString(video.duration)),
                            ("amount", .decimalString(video.amount)),
                        ])
                    }
                )
            ),
        ]
    }
}

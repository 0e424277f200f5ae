import Foundation

/// What the real service would charge one account (or all accounts together).
///
/// `lines` and `videoTasks` cover every model. `images` through `tasks` are the wan2.2 pair's figures, in the shape
/// the bill had before the family; `amount` is the whole bill.
public struct AccountBill: Sendable, Equatable {
    /// Successful `wan2.2-s2v-detect` calls, whether or not the check passed.
    public var images: Int
    /// `images` × the detect price.
    public var imageAmount: Decimal
    /// SUCCEEDED `wan2.2-s2v` videos per tier (both tiers always present).
    public var videos: [VideoResolution: Int]
    /// Billed `wan2.2-s2v` seconds per tier (both tiers always present).
    public var seconds: [VideoResolution: Decimal]
    /// `wan2.2-s2v` amount per tier (both tiers always present).
    public var videoAmounts: [VideoResolution: Decimal]
    /// Every model's images and videos.
    public var amount: Decimal
    /// Every billed `wan2.2-s2v` video, in completion order.
    public var tasks: [BilledTask]
    /// Per model and tier (every `PricedItem` always present).
    public var lines: [PricedItem: BillLine]
    /// Every billed video of every model, in completion order.
    public var videoTasks: [BilledVideo]

    /// An empty bill.
    public init() {
        self.images = 0
        self.imageAmount = 0
        self.videos = Dictionary(uniqueKeysWithValues: VideoResolution.allCases.map { ($0, 0) })
        self.seconds = Dictionary(uniqueKeysWithValues: VideoResolution.allCases.map { ($0, Decimal(0)) })
        self.videoAmounts = self.seconds
        self.amount = 0
        self.tasks = []
        self.lines = Dictionary(uniqueKeysWithValues: PricedItem.allCases.map { ($0, BillLine()) })
        self.videoTasks = []
    }

    /// Adds one billed face check of `item`'s detect model.
    mutating func addImage(_ item: PricedItem) {
        let price = item.price
        self.lines[item, default: BillLine()].add(BillLine(count: 1, quantity: 1, amount: price))
        self.amount += price
        if item == .detect {
            self.images += 1
            self.imageAmount += price
        }
    }

    /// Adds one billed video.
    mutating func addVideo(_ video: BilledVideo) {
        self.lines[video.item, default: BillLine()].add(
            BillLine(count: 1, quantity: video.duration, amount: video.amount)
        )
        self.amount += video.amount
        self.videoTasks.append(video)
        if case .synthesis(let resolution) = video.item {
            self.videos[resolution, default: 0] += 1
            self.seconds[resolution, default: 0] += video.duration
            self.videoAmounts[resolution, default: 0] += video.amount
            self.tasks.append(
                BilledTask(taskID: video.taskID, resolution: resolution, duration: video.duration, amount: video.amount)
            )
        }
    }

    /// Adds another bill to this one.
    mutating func add(_ other: AccountBill) {
        self.images += other.images
        self.imageAmount += other.imageAmount
        for resolution in VideoResolution.allCases {
            self.videos[resolution, default: 0] += other.videos[resolution, default: 0]
            self.seconds[resolution, default: 0] += other.seconds[resolution, default: 0]
            self.videoAmounts[resolution, default: 0] += other.videoAmounts[resolution, default: 0]
        }
        self.amount += other.amount
        self.tasks += other.tasks
        for (item, line) in other.lines {
            self.lines[item, default: BillLine()].add(line)
        }
        self.videoTasks += other.videoTasks
    }
}

import Foundation

/// What the real service would charge one account (or all accounts together).
public struct AccountBill: Sendable, Equatable {
    /// Successful face-detect calls, whether or not the check passed.
    public var images: Int
    /// `images` × the detect price.
    public var imageAmount: Decimal
    /// SUCCEEDED videos per tier (both tiers always present).
    public var videos: [VideoResolution: Int]
    /// Billed seconds per tier (both tiers always present).
    public var seconds: [VideoResolution: Decimal]
    /// Video amount per tier (both tiers always present).
    public var videoAmounts: [VideoResolution: Decimal]
    /// Images plus videos.
    public var amount: Decimal
    /// Every billed video, in completion order.
    public var tasks: [BilledTask]

    /// An empty bill.
    public init() {
        self.images = 0
        self.imageAmount = 0
        self.videos = Dictionary(uniqueKeysWithValues: VideoResolution.allCases.map { ($0, 0) })
        self.seconds = Dictionary(uniqueKeysWithValues: VideoResolution.allCases.map { ($0, Decimal(0)) })
        self.videoAmounts = self.seconds
        self.amount = 0
        self.tasks = []
    }

    /// Adds one billed face-detect image.
    mutating func addImage() {
        self.images += 1
        self.imageAmount += SimulatorPrices.detectPerImage
        self.amount += SimulatorPrices.detectPerImage
    }

    /// Adds one billed video.
    mutating func addVideo(_ task: BilledTask) {
        self.videos[task.resolution, default: 0] += 1
        self.seconds[task.resolution, default: 0] += task.duration
        self.videoAmounts[task.resolution, default: 0] += task.amount
        self.amount += task.amount
        self.tasks.append(task)
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
    }
}

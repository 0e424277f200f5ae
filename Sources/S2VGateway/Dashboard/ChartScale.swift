import Foundation

/// A value axis from zero to a round top (1, 2 or 5 × a power of ten, times the tick count), so that every tick
/// label is an exact, short decimal. Tick values are `Decimal`; only positions are `Double`.
struct ChartScale {
    static let tickCount = 4

    /// The value at the end of the axis.
    let top: Decimal
    /// The distance between ticks.
    let step: Decimal

    init(maximum: Decimal) {
        var chosen = Decimal(1)
        // An empty chart keeps the axis 0…4: there is nothing to fit.
        if maximum > 0 {
            search: for exponent in -8...15 {
                for significand in [1, 2, 5] {
                    let step = Decimal(sign: .plus, exponent: exponent, significand: Decimal(significand))
                    if step * Decimal(Self.tickCount) >= maximum {
                        chosen = step
                        break search
                    }
                }
            }
        }
        self.step = chosen
        self.top = chosen * Decimal(Self.tickCount)
    }

    /// The ticks from zero to the top.
    var ticks: [Decimal] {
        (0...Self.tickCount).map { self.step * Decimal($0) }
    }

    /// Decimals that show every tick exactly (at least 2, for money).
    var decimals: Int {
        max(2, -Int(self.step.exponent))
    }

    /// Where `value` falls on an axis of `length` pixels, from 0 to `length`.
    func position(of value: Decimal, length: Double) -> Double {
        guard self.top > 0 else { return 0 }
        return min(max(value.pixelValue / self.top.pixelValue, 0), 1) * length
    }
}

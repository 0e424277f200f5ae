import Foundation

/// Test controls carried in the query strings of a request's input URLs (`image_url`, `audio_url`, `video_url`…).
///
/// - `sim_fail=throttle|error|timeout|lost|task_failed|malformed|dropped`: inject that fault (any URL).
/// - `sim_face=none|multi`: the face check fails (`check_pass: false`, or `pass: false`), face-detect only.
/// - `sim_ratio=1:1|3:4`: an `emo-v1` task reports (and is billed at) this `usage.video_ratio` instead of the
///   one its `ext_bbox` implies (any URL).
/// - `duration=<decimal seconds>`: the audio length, hence the video length (audio URL only).
struct RequestMarkers: Sendable, Equatable {
    /// Outcome of the face check, chosen by `sim_face=`.
    enum Face: String, Sendable {
        case none
        case multi
    }

    var failure: FaultKind?
    var face: Face?
    var ratio: VideoRatio?
    var audioSeconds: Decimal?

    /// Reads the markers of `mediaURLs` and `audioURL`; `audioURL` alone is searched for `duration`.
    static func parse(mediaURLs: [String], audioURL: String? = nil) throws(DashScopeError) -> RequestMarkers {
        var markers = RequestMarkers()
        for url in mediaURLs + [audioURL].compactMap(\.self) {
            let items = URLComponents(string: url)?.queryItems ?? []
            for item in items {
                switch item.name {
                case "sim_fail":
                    guard let kind = item.value.flatMap(FaultKind.init(rawValue:)) else {
                        throw .invalidParameter("Unknown sim_fail marker: \(item.value ?? "").")
                    }
                    markers.failure = kind
                case "sim_face":
                    guard let face = item.value.flatMap(Face.init(rawValue:)) else {
                        throw .invalidParameter("Unknown sim_face marker: \(item.value ?? "").")
                    }
                    markers.face = face
                case "sim_ratio":
                    guard let ratio = item.value.flatMap(VideoRatio.init(rawValue:)) else {
                        throw .invalidParameter("Unknown sim_ratio marker: \(item.value ?? "").")
                    }
                    markers.ratio = ratio
                default:
                    break
                }
            }
        }
        if let audioURL,
            let text = URLComponents(string: audioURL)?.queryItems?.first(where: { $0.name == "duration" })?.value
        {
            guard let seconds = Self.parseSeconds(text) else {
                throw .invalidParameter("The audio duration marker must be a positive decimal number of seconds.")
            }
            markers.audioSeconds = seconds
        }
        return markers
    }

    /// Parses `digits[.digits]` exactly; rejects anything else (`Decimal(string:)` alone accepts trailing junk).
    static func parseSeconds(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
            value > 0
        else {
            return nil
        }
        return value
    }
}

import Foundation
import S2VCore
import S2VReports
import S2VStore

/// The latest calls from the call log as an HTML table: time, team, key prefix, endpoint, model, tier, status,
/// error code and cost.
struct RecentCallsTable {
    let calls: [AuditedCall]
    let currency: String

    func render() -> String {
        guard !self.calls.isEmpty else { return #"<p class="empty">No calls yet.</p>"# }
        var html = """
            <table class="calls">
            <thead><tr><th>Time (UTC)</th><th>Team</th><th>Key</th><th>Endpoint</th><th>Model</th><th>Tier</th>\
            <th>Status</th><th>Error</th><th class="number">Cost (\(HTMLText.escape(self.currency)))</th></tr></thead>
            <tbody>

            """
        for audited in self.calls {
            let (call, attribution) = (audited.call, audited.call.attribution)
            let failed = call.httpStatus >= 400 ? #" class="failed""# : ""
            html += """
                <tr\(failed)><td>\(call.at.utcText)</td>\
                <td>\(HTMLText.escape(audited.team, placeholder: "–"))</td>\
                <td><code>\(HTMLText.escape(audited.keyPrefix, placeholder: "–"))</code></td>\
                <td class="endpoint"><code>\(HTMLText.escape(call.method)) \(HTMLText.escape(call.endpoint))</code></td>\
                <td>\(HTMLText.escape(attribution.model, placeholder: "–"))</td>\
                <td>\(HTMLText.escape(attribution.tier, placeholder: "–"))</td>\
                <td>\(call.httpStatus)</td>\
                <td>\(HTMLText.escape(call.errorCode, placeholder: "–"))</td>\
                <td class="number">\(attribution.cost.fixed(6))</td></tr>

                """
        }
        return html + "</tbody>\n</table>"
    }
}

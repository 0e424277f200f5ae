import S2VReports

/// `serve --print-settings`: every setting, its value, and the source it came from.
struct SettingsTable {
    let settings: ServeSettings
    let source: SettingsSource

    var text: String {
        let values = self.settings.displayValues
        let rows = Setting.all.map { setting in
            [setting.key, values[setting] ?? "-", self.source.origin(of: setting)]
        }
        return TextTable(header: ["setting", "value", "from"], rows: rows).render()
    }
}

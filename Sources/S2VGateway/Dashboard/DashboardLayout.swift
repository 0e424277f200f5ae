import S2VReports

/// The frame of every dashboard page: one HTML document with an inline style sheet, readable on screen and on
/// paper, with no script and no external resource.
enum DashboardLayout {
    /// A complete document; `title` is escaped, `body` must already be safe HTML.
    static func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(Self.css)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>
        """
    }

    /// The style sheet, inline: the page loads nothing else.
    static let css = """
        :root { color-scheme: light; --ink: #1d2330; --muted: #5b6472; --bar: #2f6fb3; --held: #f0b429; --line: #d9dee7; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
               margin: 0 auto; max-width: 1040px; padding: 24px; }
        header { display: flex; justify-content: space-between; align-items: baseline; gap: 16px; flex-wrap: wrap; }
        h1 { font-size: 24px; margin: 0; } h2 { font-size: 18px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 0; }
        .muted, .period, footer { color: var(--muted); }
        nav a { margin-right: 10px; } nav a.current { font-weight: bold; text-decoration: none; color: var(--ink); }
        svg.chart { width: 100%; height: auto; display: block; }
        svg .bar { fill: var(--bar); } svg .grid { stroke: var(--line); stroke-width: 1; }
        svg .axis { stroke: var(--ink); stroke-width: 1; } svg text { font-size: 11px; fill: var(--ink); }
        svg .value { font-size: 10px; fill: var(--muted); } svg .team { font-size: 13px; }
        svg .axis-label { font-size: 12px; fill: var(--muted); }
        .gauges { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 16px; }
        .gauge { border: 1px solid var(--line); border-radius: 6px; padding: 12px; break-inside: avoid; }
        .gauge-bar { width: 100%; height: auto; display: block; margin: 8px 0; }
        .gauge-track { fill: #eef1f5; } .gauge-spent { fill: var(--bar); } .gauge-held { fill: var(--held); }
        .gauge.high .gauge-spent { fill: #d9822b; } .gauge.full .gauge-spent { fill: #c23030; }
        table { border-collapse: collapse; } .figures th { text-align: left; font-weight: normal; color: var(--muted); padding-right: 16px; }
        table.calls { width: 100%; font-size: 12px; } table.calls th, table.calls td { border-bottom: 1px solid var(--line);
               padding: 4px 6px; text-align: left; white-space: nowrap; }
        table.calls td.endpoint { white-space: normal; word-break: break-all; }
        table.calls tr.failed td { color: #a4262c; } .number { text-align: right !important; font-variant-numeric: tabular-nums; }
        .message { background: #fdecea; border: 1px solid #f5c2c0; padding: 8px 12px; border-radius: 4px; }
        form.sign-in { max-width: 420px; margin-top: 24px; } form.sign-in input { width: 100%; font: inherit; padding: 6px; }
        button { font: inherit; padding: 4px 12px; }
        @media print { nav, form.sign-out { display: none; } body { padding: 0; max-width: none; } }
        """
}

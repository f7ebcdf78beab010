namespace NetGen.Reporting;

/// <summary>The report's inline style sheet: a light palette, system fonts only (nothing is fetched), a readable width.</summary>
internal static class ReportStyles
{
    /// <summary>The CSS, free of <c>url(</c>, <c>@import</c> and of characters XML would need escaped.</summary>
    public const string Css = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f5f8; color: #1e293b; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 1220px; margin: 0 auto; padding: 28px 28px 36px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 8px; }
h2 { font-size: 18px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 0 0 8px; color: #334155; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; }
.declaration { margin: 0 0 16px; }
.declaration code { display: inline-block; font-size: 14px; background: #e6ecf5; color: #0f172a; padding: 4px 10px; border-radius: 6px; }
.stats { display: flex; flex-wrap: wrap; gap: 12px; margin: 0; }
.stat { background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 8px 16px; flex: 1 1 auto; white-space: nowrap; }
.stat dt { font-size: 12px; color: #64748b; text-transform: uppercase; letter-spacing: 0.04em; }
.stat dd { margin: 0; font-size: 21px; font-weight: 600; font-variant-numeric: tabular-nums; }
.stat dd small { display: block; font-size: 13px; font-weight: 400; color: #64748b; white-space: nowrap; }
.card { background: #fff; border: 1px solid #e2e8f0; border-radius: 10px; padding: 18px 20px; margin: 18px 0; }
.columns { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px 24px; align-items: start; }
.test-set { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: 16px 36px; align-items: start; margin-bottom: 18px; }
table { border-collapse: collapse; font-size: 14px; }
th, td { padding: 4px 12px 4px 0; border-bottom: 1px solid #edf0f4; text-align: left; vertical-align: top; white-space: nowrap; }
th { font-weight: 600; color: #475569; }
.num { text-align: right; font-variant-numeric: tabular-nums; padding-left: 12px; }
.note { color: #64748b; font-size: 13px; margin: 8px 0 0; }
.fit { width: 0; min-width: 100%; }
.scroll { overflow-x: auto; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 12px; fill: #475569; }
svg .chart-title { font-size: 15px; font-weight: 600; fill: #1e293b; }
svg .axis-label { font-size: 13px; fill: #334155; }
svg .note { font-size: 11px; fill: #b45309; }
svg .grid line { stroke: #e8ebf0; stroke-width: 1; }
svg .axis line, svg .ticks line { stroke: #94a3b8; stroke-width: 1; }
svg polyline.series { fill: none; stroke-width: 2.25; stroke-linejoin: round; stroke-linecap: round; }
svg .legend line { stroke-width: 3; }
svg .legend text { font-size: 12.5px; fill: #334155; }
svg .cells text { font-size: inherit; }
svg text.count.dark { fill: #1e293b; }
svg text.count.light { fill: #ffffff; }
svg text.count.zero { fill: #cbd5e1; }
svg .class-labels text { font-size: 13px; fill: #334155; }
svg .row-errors text { font-size: 12px; font-variant-numeric: tabular-nums; }
.digits { display: grid; grid-template-columns: repeat(9, minmax(0, 1fr)); gap: 10px; }
@media (max-width: 1100px) { .digits { grid-template-columns: repeat(auto-fill, minmax(100px, 1fr)); } .columns, .test-set { grid-template-columns: minmax(0, 1fr); } }
td.meter { width: 40%; min-width: 120px; }
td.meter span { display: block; height: 10px; margin-top: 5px; border-radius: 3px; background: #ea580c; opacity: 0.75; }
figure.digit-card { margin: 0; padding: 6px 4px 4px; text-align: center; background: #fafbfc; border: 1px solid #e2e8f0; border-radius: 6px; }
img.digit { display: block; margin: 0 auto; image-rendering: pixelated; border: 1px solid #eef1f5; }
figure.digit-card figcaption { font-size: 13px; line-height: 1.3; margin-top: 4px; color: #1e293b; }
figure.digit-card .index { display: block; font-size: 11px; color: #94a3b8; }
footer { color: #94a3b8; font-size: 12px; margin-top: 8px; }
""";
}

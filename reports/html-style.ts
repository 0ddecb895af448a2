/**
 * The stylesheet inlined into the HTML report: system fonts, a restrained slate palette with one
 * accent, tabular numbers, a two-column chart grid that collapses on narrow screens, print-friendly.
 */
export const reportCss = `
:root {
  --ink: #1d2530; --muted: #5b6470; --faint: #8a929c; --line: #e3e7ec; --panel: #ffffff; --page: #f5f7f9;
  --accent: #0b5cad; --pass: #1a7f45; --fail: #b42318; --pass-bg: #e7f5ec; --fail-bg: #fdecea;
}
* { box-sizing: border-box; }
html { background: var(--page); color: var(--ink); }
body {
  margin: 0 auto; max-width: 1240px; padding: 28px 32px 48px;
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 16px; margin-bottom: 6px; }
h1 { font-size: 22px; font-weight: 650; margin: 0; letter-spacing: -0.01em; }
h1 .product { color: var(--muted); font-weight: 500; }
h2 { font-size: 16px; font-weight: 650; margin: 0 0 4px; }
h3 { font-size: 14px; font-weight: 650; margin: 0; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.badge.pass { background: var(--pass-bg); color: var(--pass); }
.badge.fail { background: var(--fail-bg); color: var(--fail); }
.badge.muted { background: var(--line); color: var(--muted); }
dl.facts { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 0 0 20px; color: var(--muted); font-size: 12.5px; }
dl.facts div { display: flex; gap: 6px; }
dl.facts dt { color: var(--faint); }
dl.facts dd { margin: 0; color: var(--ink); font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-bottom: 20px; }
.kpi { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.kpi .label { color: var(--muted); font-size: 12px; }
.kpi .value { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; }
.kpi .pm { color: var(--muted); font-size: 13px; font-weight: 500; margin-left: 4px; }
.kpi .sub { color: var(--faint); font-size: 12px; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; margin-bottom: 24px; }
@media (max-width: 900px) { .charts { grid-template-columns: 1fr; } body { padding: 16px; } }
figure { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px 8px; }
figcaption p { margin: 2px 0 0; color: var(--muted); font-size: 12px; }
svg.chart { display: block; width: 100%; height: auto; margin-top: 6px; font-size: 11px; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .axis { stroke: var(--faint); stroke-width: 1; }
svg .tick { fill: var(--muted); font-size: 11px; font-variant-numeric: tabular-nums; }
svg .axis-title { fill: var(--muted); font-size: 11px; }
svg .legend { fill: var(--ink); font-size: 11.5px; }
svg .value { fill: var(--ink); font-size: 10.5px; font-variant-numeric: tabular-nums; }
svg .note { fill: var(--faint); font-size: 10.5px; }
svg .empty { fill: var(--faint); font-size: 13px; }
svg .line { fill: none; stroke-width: 2.2; stroke-linejoin: round; stroke-linecap: round; }
svg .whisker { stroke: var(--ink); stroke-width: 1.3; fill: none; }
svg .warmup { fill: #eef1f4; }
.blocks { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; align-items: start; }
.blocks .wide { grid-column: 1 / -1; }
@media (max-width: 900px) { .blocks { grid-template-columns: 1fr; } }
section.block { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
section.block p.note { margin: 0 0 10px; color: var(--muted); font-size: 12.5px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 13px; }
th { text-align: left; font-weight: 600; color: var(--muted); font-size: 12px; border-bottom: 1px solid var(--line); padding: 6px 10px; white-space: nowrap; }
td { padding: 6px 10px; border-bottom: 1px solid #f0f2f5; white-space: nowrap; }
tr:last-child td { border-bottom: 0; }
th.num, td.num { text-align: right; }
td.pass { color: var(--pass); font-weight: 600; }
td.fail { color: var(--fail); font-weight: 700; }
td.muted, li.muted { color: var(--faint); }
td:first-child { font-weight: 550; }
#thresholds td:nth-child(2), #thresholds td:nth-child(3), #theory td:first-child {
  font-family: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; font-weight: 500;
}
ul.reasons { margin: 0; padding-left: 20px; }
/* wide tables fit their card: headers wrap, cells pad less (the wrapper still scrolls on a narrow screen) */
.wide th { white-space: normal; vertical-align: bottom; }
.wide th, .wide td { padding: 5px 6px; }
ul.legend { margin: 8px 0 0; padding-left: 18px; color: var(--muted); font-size: 12px; }
ul.reasons li { margin: 2px 0; }
footer { color: var(--faint); font-size: 12px; margin-top: 24px; overflow-wrap: anywhere; }
@media print { html { background: #fff; } figure, section.block, .kpi { break-inside: avoid; border-color: #ccc; } }
`

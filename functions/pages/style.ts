// The report page's only stylesheet, inlined (the CSP allows nothing from elsewhere): readable at 390 px, dark
// mode by `prefers-color-scheme`, clean print. Colours are plain hex pairs, each ≥ 4.5:1 (checked in Chromium).
export const pageStyle = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1a1a1a; --muted: #4d4d4d; --panel: #f4f5f7; --line: #d0d4da; --link: #0b57d0;
  --critical-bg: #b00020; --critical-fg: #ffffff;
  --warning-bg: #8a4b00; --warning-fg: #ffffff;
  --info-bg: #0b57d0; --info-fg: #ffffff;
  --ok-bg: #1e6b2e; --ok-fg: #ffffff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121417; --fg: #e8eaed; --muted: #b5bac1; --panel: #1d2127; --line: #3a4049; --link: #8ab4f8;
    --critical-bg: #ffb4ab; --critical-fg: #3d0008;
    --warning-bg: #ffcc80; --warning-fg: #2e1800;
    --info-bg: #a8c7fa; --info-fg: #002b6b;
    --ok-bg: #a5d6a7; --ok-fg: #0b2e12;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  overflow-wrap: anywhere;
}
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 1rem; }
header { border-bottom: 1px solid var(--line); }
footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 0.875rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0.25rem 0 0.5rem; }
h2 { font-size: 1.25rem; margin: 1.75rem 0 0.5rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 0.5rem; }
h4 { font-size: 1rem; margin: 0 0 0.25rem; }
h5 { font-size: 0.875rem; margin: 0.75rem 0 0.25rem; text-transform: uppercase; letter-spacing: 0.03em; }
p { margin: 0.25rem 0 0.5rem; }
ul, ol { margin: 0.25rem 0 0.5rem; padding-left: 1.25rem; }
a { color: var(--link); }
.eyebrow { color: var(--muted); font-size: 0.875rem; margin: 0; }
.badge {
  display: inline-block; padding: 0.05rem 0.5rem; border-radius: 0.75rem;
  font-size: 0.8rem; font-weight: 700; text-transform: uppercase; letter-spacing: 0.03em;
}
.badge.critical { background: var(--critical-bg); color: var(--critical-fg); }
.badge.warning { background: var(--warning-bg); color: var(--warning-fg); }
.badge.info, .badge.unknown { background: var(--info-bg); color: var(--info-fg); }
.badge.ok { background: var(--ok-bg); color: var(--ok-fg); }
.counts { display: flex; flex-wrap: wrap; gap: 0.5rem; list-style: none; padding: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; min-width: 0; }
.finding, .proposal, .panel {
  background: var(--panel); border: 1px solid var(--line); border-radius: 0.5rem;
  padding: 0.75rem 1rem; margin: 0.75rem 0;
}
.chain li { margin: 0.15rem 0; }
code, pre { font: 0.875rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { white-space: pre-wrap; margin: 0.15rem 0; }
.evidence { list-style: none; padding: 0; }
.evidence li { border-left: 3px solid var(--line); padding-left: 0.5rem; margin: 0.25rem 0; }
.muted { color: var(--muted); }
@media (max-width: 30rem) {
  header, main, footer { padding: 0.75rem; }
  .facts { grid-template-columns: 1fr; gap: 0 0; }
  .facts dd { margin-bottom: 0.4rem; }
}
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #333333; --panel: #ffffff; --line: #999999; --link: #000000; }
  body { font-size: 11pt; }
  header, main, footer { max-width: none; padding: 0.5rem 0; }
  .finding, .proposal, .panel { break-inside: avoid; }
  .badge { border: 1px solid #000000; background: #ffffff; color: #000000; }
}
`;

// Inline and self-contained: the page is an artifact a CI job uploads and a reviewer opens offline,
// so no fonts, images or style sheets are fetched. System fonts only. Dark colours are for screens:
// a printout is always light.
export const STYLES = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa; --code-bg: #ffffff;
  --add-line: #dafbe1; --add-word: #aceebb; --add-num: #ccffd8;
  --del-line: #ffebe9; --del-word: #ffcecb; --del-num: #ffd7d5;
  --gap: #ddf4ff;
  --error: #cf222e; --warning: #9a6700; --info: #59636e; --ok: #1a7f37;
  --regressive: #cf222e; --substantive: #1a7f37; --cosmetic: #9a6700;
  --link: #0969da;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23; --code-bg: #0d1117;
    --add-line: #12261e; --add-word: #1f6f3b; --add-num: #1b4721;
    --del-line: #25171c; --del-word: #8e2b2b; --del-num: #542426;
    --gap: #121d2f;
    --error: #ff7b72; --warning: #d29922; --info: #9198a1; --ok: #3fb950;
    --regressive: #da3633; --substantive: #238636; --cosmetic: #9e6a03;
    --link: #4493f8;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1280px; margin: 0 auto; padding: 24px 24px 48px; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre, .code { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
code { background: var(--panel); border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; overflow-wrap: anywhere; }
h1, h2, h3 { line-height: 1.25; }
h2 { font-size: 18px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--border); }
h2 .count { color: var(--muted); font-weight: normal; font-size: 14px; margin-left: 6px; }
h3 { font-size: 15px; margin: 0; }
.muted, .note { color: var(--muted); }
.note { font-size: 13px; margin: 6px 0; }
.tool { color: var(--muted); font-size: 13px; margin: 0 0 10px; overflow-wrap: anywhere; }
.verdict-line { display: flex; flex-wrap: wrap; align-items: center; gap: 12px; margin: 0; font-size: 16px; }
.badge {
  display: inline-block; padding: 4px 14px; border-radius: 999px; color: #ffffff; font-weight: 700;
  letter-spacing: 0.06em; font-size: 18px;
}
.badge.regressive { background: var(--regressive); }
.badge.substantive { background: var(--substantive); }
.badge.cosmetic { background: var(--cosmetic); }
.confidence { font-weight: 600; }
.pill { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.pill.error, .pill.diverged, .pill.regress { color: var(--error); }
.pill.warning, .pill.nondeterministic, .pill.semantic { color: var(--warning); }
.pill.equivalent, .pill.ok { color: var(--ok); }
.pill.info, .pill.inconclusive, .pill.neutral { color: var(--muted); }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 16px 0 0; padding: 8px 0; border-top: 1px solid var(--border); border-bottom: 1px solid var(--border); font-size: 13px; }
nav.toc .n { color: var(--muted); }
ul.reasons { margin: 0; padding-left: 20px; font-size: 15px; }
ul.reasons li { margin: 2px 0; }
table.grid { border-collapse: collapse; width: 100%; }
table.grid th, table.grid td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--border); vertical-align: top; }
table.grid th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); font-weight: 600; }
table.grid td.num, table.grid th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.state { font-weight: 600; }
.state.pass { color: var(--ok); }
.state.fail, .state.missing { color: var(--error); }
.state.skip, .state.todo { color: var(--warning); }
.arrow { color: var(--muted); padding: 0 4px; }
.card { border: 1px solid var(--border); border-radius: 8px; margin: 0 0 16px; overflow: hidden; break-inside: avoid-page; }
.card > header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 12px; padding: 10px 14px; background: var(--panel); border-bottom: 1px solid var(--border); }
.card > header h3 { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.card > .body { padding: 10px 14px; }
.facts { margin: 0; padding: 0; list-style: none; font-size: 13px; }
.facts li { margin: 2px 0; }
.facts li.warn { color: var(--warning); }
.code-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: 6px; }
table.code { border-collapse: collapse; width: 100%; table-layout: fixed; background: var(--code-bg); line-height: 1.5; }
table.code col.c-ln { width: 3.8em; }
/* On a phone, scroll the two sides sideways rather than wrap each line every few characters. */
table.code.split { min-width: 760px; }
table.code th { text-align: left; font: 600 12px system-ui, sans-serif; color: var(--muted); background: var(--panel); padding: 4px 10px; border-bottom: 1px solid var(--border); }
table.code.split th + th { border-left: 1px solid var(--border); }
table.code td { padding: 0 8px; height: 1.5em; vertical-align: top; }
table.code td.ln { text-align: right; color: var(--muted); user-select: none; -webkit-user-select: none; font-variant-numeric: tabular-nums; }
table.code td.src { white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; }
table.code.split td.ln + td.src + td.ln { border-left: 1px solid var(--border); }
table.code td.src.add { background: var(--add-line); }
table.code td.src.del { background: var(--del-line); }
table.code td.ln.add { background: var(--add-num); }
table.code td.ln.del { background: var(--del-num); }
table.code td.none { background: var(--panel); }
table.code mark { color: inherit; border-radius: 2px; }
table.code mark.w-add { background: var(--add-word); }
table.code mark.w-del { background: var(--del-word); }
table.code tr.gap td { background: var(--gap); color: var(--muted); font: 12px system-ui, sans-serif; padding: 2px 10px; }
.nested { font-size: 13px; margin: 8px 0 0; }
.cx-call { font-size: 14px; padding: 8px 10px; background: var(--panel); border: 1px solid var(--border); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 10px; }
table.outcomes { border-collapse: collapse; margin: 0 0 8px; }
table.outcomes th { text-align: left; padding: 2px 14px 2px 0; color: var(--muted); font-weight: 600; vertical-align: top; white-space: nowrap; }
table.outcomes td { padding: 2px 0; }
table.outcomes td code { white-space: pre-wrap; }
tr.outcome-before code { border-color: var(--ok); }
tr.outcome-after code { border-color: var(--error); }
details { margin: 8px 0 0; }
summary { cursor: pointer; color: var(--link); font-size: 13px; }
pre.block { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 10px 12px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; margin: 8px 0 0; }
ul.findings { list-style: none; margin: 0; padding: 0; }
ul.findings li { display: flex; gap: 10px; align-items: baseline; padding: 6px 0; border-bottom: 1px solid var(--border); }
ul.findings li .msg { overflow-wrap: anywhere; }
ul.findings .kind { color: var(--muted); font-size: 12px; white-space: nowrap; }
h3.sev { margin: 16px 0 4px; font-size: 14px; }
h3.sev.error { color: var(--error); }
h3.sev.warning { color: var(--warning); }
h3.sev.info { color: var(--muted); }
.bars { display: grid; grid-template-columns: max-content 1fr max-content; gap: 4px 12px; align-items: center; font-size: 13px; max-width: 720px; }
.bar { height: 10px; background: var(--link); border-radius: 3px; min-width: 2px; opacity: 0.75; }
.more { color: var(--muted); font-size: 13px; font-style: italic; margin: 6px 0 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  :root { color-scheme: light; }
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .code-wrap { overflow: visible; }
  table.code.split { min-width: 0; }
  h2 { break-after: avoid-page; }
  a { color: inherit; }
}
`;

// The one stylesheet of shipshape's HTML: the offline report inlines it, the dashboard serves it as a file.
// Colours meet WCAG AA contrast (4.5:1 for text) on their backgrounds; focus is always visible.
export const HTML_STYLE = `
:root{--fg:#1b1f24;--muted:#4a5360;--bg:#fff;--panel:#f4f6f8;--line:#cdd3da;--link:#0b5cad;
--critical:#7a1fa2;--high:#b3261e;--medium:#8a4b00;--low:#1f5fa8;--info:#4a5360;--ok:#1e6b34;--warn:#8a4b00}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
header.top{display:flex;gap:24px;align-items:center;padding:10px 24px;background:#1b1f24;color:#fff}
header.top a{color:#fff;text-decoration:none;padding:4px 2px}
header.top a[aria-current=page]{border-bottom:3px solid #fff}
header.top .brand{font-weight:700;margin-right:12px}
main{padding:16px 24px;max-width:1400px}
h1{font-size:1.5rem;margin:.4em 0}h2{font-size:1.2rem;margin:1.2em 0 .4em}
.banner{border:2px solid;border-radius:6px;padding:10px 14px;margin:10px 0;font-weight:600}
.banner.stale,.banner.failed{border-color:var(--high);color:var(--high);background:#fdecea}
.banner.partial{border-color:var(--warn);color:var(--warn);background:#fff4e0}
.banner.fresh{border-color:var(--ok);color:var(--ok);background:#e8f5ec}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 14px;background:var(--panel);min-width:150px}
.card .n{font-size:1.6rem;font-weight:700}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--panel);font-weight:600}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem}
.sev-critical{color:var(--critical)}.sev-high{color:var(--high)}.sev-medium{color:var(--medium)}
.sev-low{color:var(--low)}.sev-info{color:var(--info)}
.state-open{color:var(--high)}.state-resolved{color:var(--ok)}.state-gone,.state-suppressed{color:var(--muted)}
.muted{color:var(--muted)}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}
pre{white-space:pre-wrap;background:var(--panel);padding:8px;border-radius:4px}
form.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:end;margin:8px 0;padding:10px;background:var(--panel);border-radius:6px}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
input,select,button{font:inherit;padding:4px 6px;border:1px solid #6b7480;border-radius:4px;background:#fff;color:var(--fg)}
button{background:#0b5cad;color:#fff;border-color:#0b5cad;cursor:pointer}
ol.timeline{list-style:none;padding-left:0;border-left:3px solid var(--line)}
ol.timeline li{margin:0 0 10px 0;padding-left:12px}
.bar{display:inline-block;height:12px;background:#0b5cad;vertical-align:middle}
nav.pages{margin:10px 0}nav.pages a{margin-right:12px}
details{margin:6px 0}summary{cursor:pointer}
figure.chart{margin:8px 0}
svg .line{fill:none;stroke-width:2}
.line-critical{stroke:var(--critical)}.line-high{stroke:var(--high)}.line-medium{stroke:var(--medium)}
.line-low{stroke:var(--low)}.line-info{stroke:var(--info)}
svg .axis{stroke:var(--line)}svg .tick{font-size:11px;fill:var(--muted)}svg .partial-mark{fill:var(--warn)}
.legend a{margin-right:14px}
.key{display:inline-block;width:16px;height:4px;vertical-align:middle}
.key-critical{background:var(--critical)}.key-high{background:var(--high)}.key-medium{background:var(--medium)}
.key-low{background:var(--low)}.key-info{background:var(--info)}
dl.kpi{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dl.kpi dt{font-weight:600}dl.kpi dd{margin:0}
`;

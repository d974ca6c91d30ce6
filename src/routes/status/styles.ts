/** The page's whole stylesheet, inlined: one request, no client JavaScript. */
export const STYLES = `
:root{--bg:#fafafa;--fg:#1b1d21;--muted:#5d636e;--card:#fff;--line:#e3e5e8;--up:#1a7f37;--down:#c62828;--partial:#b26a00;--unknown:#6b7280;--maint:#2f5fb3}
@media (prefers-color-scheme:dark){:root{--bg:#111317;--fg:#e8eaed;--muted:#a0a6b0;--card:#1a1d23;--line:#2c3038;--up:#3fb950;--down:#f47067;--partial:#e3a341;--unknown:#9ca3af;--maint:#6e9ef0}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:var(--bg);color:var(--fg)}
main,header,.notes{flex-basis:100%;border:0;background:none;font-size:.85rem;display:grid;gap:4px}.notes li{padding:0}
.notes code{font-size:.8rem;padding:1px 6px;border-radius:4px;background:var(--line)}.cause code{color:var(--down)}
footer{max-width:960px;margin:0 auto;padding:0 16px}header{padding-top:24px}h1{font-size:1.6rem;margin:0 0 12px}
.banner{padding:14px 16px;border-radius:8px;font-weight:600;margin:8px 0 24px;color:#fff}
.banner.up{background:var(--up)}.banner.down{background:var(--down)}.banner.partial{background:var(--partial)}.banner.unknown,.banner.pending{background:var(--unknown)}.banner.maintenance{background:var(--maint)}.status.maintenance{color:var(--maint)}
.maintenance ul li{padding:10px 16px;border-top:1px solid var(--line)}.maintenance ul li:first-child{border-top:0}
h2{font-size:1.05rem;margin:24px 0 8px;color:var(--muted)}
ul{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:8px;background:var(--card)}
li.monitor{padding:12px 16px;border-top:1px solid var(--line);display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}li.monitor:first-child{border-top:0}
.name{font-weight:600;flex:1 1 220px}.meta{color:var(--muted);font-size:.85rem}
.status{font-weight:600;font-size:.85rem;text-transform:uppercase;letter-spacing:.03em}
.status.up{color:var(--up)}.status.down{color:var(--down)}.status.partial{color:var(--partial)}.status.unknown,.status.pending{color:var(--unknown)}
.regions{display:flex;gap:6px;flex-wrap:wrap;flex-basis:100%}
.region{font-size:.8rem;border:1px solid var(--line);border-radius:999px;padding:2px 10px;display:inline-flex;gap:6px;align-items:center}
.dot{width:8px;height:8px;border-radius:50%;background:var(--unknown)}.dot.up{background:var(--up)}.dot.down{background:var(--down)}.dot.degraded{background:var(--partial)}
.notes{flex-basis:100%;border:0;background:none;font-size:.85rem;display:grid;gap:4px}.notes li{padding:0}
.notes code{font-size:.8rem;padding:1px 6px;border-radius:4px;background:var(--line)}.cause code{color:var(--down)}
footer{color:var(--muted);font-size:.8rem;padding:24px 16px}
`;

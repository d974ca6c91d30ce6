import { INCIDENT_STYLES } from './incidents-styles';

/** The pages' whole stylesheet, inlined: one request, no client JavaScript needed. */
export const STYLES = `
:root{--bg:#f6f7f9;--fg:#1b1d21;--muted:#596170;--card:#fff;--line:#e1e4e8;--up:#1a7f37;--minor:#6aa84f;--down:#c62828;--partial:#9a5b00;--unknown:#5d636e;--maint:#2f5fb3;--none:#d5d9de;--focus:#0b57d0;--tip:#1b1d21;--tipfg:#fff;--err:#b3261e}
@media (prefers-color-scheme:dark){:root{--bg:#0f1115;--fg:#e8eaed;--muted:#a3aab5;--card:#171a20;--line:#2a2f37;--up:#3fb950;--minor:#8fbf5a;--down:#f47067;--partial:#e3a341;--unknown:#9ca3af;--maint:#7ea6f2;--none:#353b44;--focus:#8ab4f8;--tip:#e8eaed;--tipfg:#0f1115;--err:#f47067}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:var(--bg);color:var(--fg)}
a{color:inherit}a:focus-visible,[tabindex]:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
.top,main,footer{max-width:960px;margin:0 auto;padding:0 16px}
.top{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;justify-content:space-between;padding-top:20px;padding-bottom:8px}
.brand{display:flex;gap:10px;align-items:center;font-size:1.35rem;font-weight:700;text-decoration:none}.brand img{border-radius:6px}
nav{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:.9rem}nav a{color:var(--muted);text-decoration:none}nav a:hover,nav [aria-current]{color:var(--fg);text-decoration:underline}
.skip,.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}.skip:focus{position:static;width:auto;height:auto;clip:auto;padding:4px}
.lede{color:var(--muted);margin:4px 0 0}
.banner{padding:14px 16px;border-radius:8px;font-weight:600;margin:16px 0 8px;color:#fff;background:#5d636e}
.banner.up{background:#1a7f37}.banner.down{background:#c62828}.banner.partial{background:#9a5b00}.banner.maintenance{background:#2f5fb3}
h1{font-size:1.5rem;margin:16px 0 4px}h2{font-size:1.05rem;margin:28px 0 8px}h2+.meta{margin:-4px 0 8px}
.card{list-style:none;margin:0;padding:0;border:1px solid var(--line);border-radius:8px;background:var(--card)}
.card>li{padding:14px 16px;border-top:1px solid var(--line)}.card>li:first-child{border-top:0}
.row{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:baseline}.name{font-weight:600;flex:1 1 auto;text-decoration:none}a.name:hover{text-decoration:underline}
.meta{color:var(--muted);font-size:.85rem}
.status{font-weight:600;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em}
.status.up{color:var(--up)}.status.down{color:var(--down)}.status.partial,.status.degraded{color:var(--partial)}.status.unknown,.status.pending{color:var(--unknown)}.status.maintenance{color:var(--maint)}
.uptime{display:flex;flex-wrap:wrap;gap:2px 14px;margin:4px 0 0;font-size:.8rem;color:var(--muted)}.uptime div{display:flex;gap:4px}.uptime dd{margin:0;color:var(--fg);font-variant-numeric:tabular-nums}
.bars{display:flex;gap:2px;height:30px;margin:10px 0 2px;padding:0;list-style:none}
.bars li{flex:1 1 0;min-width:0;border-radius:2px;background:var(--up);position:relative}
.bars .minor{background:var(--minor)}.bars .partial{background:var(--partial)}.bars .major{background:var(--down)}.bars .none{background:var(--none)}
.bars span{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.bars li:hover span,.bars li:focus span{clip:auto;width:auto;height:auto;overflow:visible;z-index:2;bottom:calc(100% + 6px);left:50%;transform:translateX(-50%);padding:4px 8px;border-radius:4px;font-size:.75rem;background:var(--tip);color:var(--tipfg);pointer-events:none}
.bars li:nth-child(-n+12) span{left:0;transform:none}.bars li:nth-last-child(-n+12) span{left:auto;right:0;transform:none}
.bars li:hover{opacity:.8}
.calendar{display:grid;grid-template-rows:repeat(7,12px);grid-auto-flow:column;grid-auto-columns:12px;gap:3px;height:auto;overflow-x:auto;padding-top:4px}
.axis{display:flex;justify-content:space-between;font-size:.75rem;color:var(--muted)}.axis .narrow{display:none}
.regions{display:flex;gap:6px;flex-wrap:wrap;list-style:none;margin:8px 0 0;padding:0}
.region{font-size:.8rem;border:1px solid var(--line);border-radius:999px;padding:1px 10px;display:inline-flex;gap:6px;align-items:center}.region abbr{text-decoration:none}
.dot{width:8px;height:8px;border-radius:50%;background:var(--unknown)}.dot.up{background:var(--up)}.dot.down{background:var(--down)}.dot.degraded{background:var(--partial)}
.notes{list-style:none;margin:8px 0 0;padding:0;font-size:.85rem;display:grid;gap:4px}
code{font-size:.8rem;padding:1px 6px;border-radius:4px;background:var(--line)}.cause code{color:var(--err)}
.detail h1{margin:16px 0 0;flex:1 1 auto}.uptime.big{font-size:.9rem;gap:4px 24px;margin:16px 0}.uptime.big div{flex-direction:column;gap:0}.uptime.big dd{font-size:1.3rem;font-weight:600}
.chart{margin:12px 0 4px}.chart h3{font-size:.9rem;margin:0 0 4px;color:var(--muted);font-weight:600}.chart svg{width:100%;height:auto;display:block}.grid line{stroke:var(--line)}.grid text{fill:var(--muted);font-size:11px}
.series path{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}.series .p95{stroke-dasharray:5 4;stroke-width:1.5;opacity:.7}
.s0{--c:#4e79a7}.s1{--c:#e8762d}.s2{--c:#8e6cc0}.s3{--c:#2a9d8f}.s4{--c:#d1495b}.s5{--c:#9c755f}.s6{--c:#c9a227}.s7{--c:#5f9ea0}.s8{--c:#b07aa1}.series path{stroke:var(--c)}
figcaption{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.8rem}.key:before{content:"";display:inline-block;width:14px;height:3px;margin:0 6px 3px 0;background:var(--c)}
details{font-size:.85rem;margin:4px 0 16px}.table{overflow-x:auto;max-height:320px}table{border-collapse:collapse;font-variant-numeric:tabular-nums}th,td{padding:2px 10px;text-align:right;border-bottom:1px solid var(--line)}th[scope=row]{text-align:left;font-weight:400}
.finding p,.card p{margin:4px 0 0}.countdown{color:var(--partial)}
.legend{display:flex;flex-wrap:wrap;gap:4px 6px;align-items:center}.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;background:var(--up)}.swatch.minor{background:var(--minor)}.swatch.partial{background:var(--partial)}.swatch.major{background:var(--down)}.swatch.none{background:var(--none)}
footer{color:var(--muted);font-size:.8rem;padding-top:24px;padding-bottom:24px}footer button{font:inherit;color:inherit;background:none;border:1px solid var(--line);border-radius:4px;padding:1px 8px;margin-left:8px;cursor:pointer}
@media (max-width:600px){.bars li:nth-last-child(n+31):not(.none){display:none}.bars .none:not(:last-child){display:none}.axis .wide{display:none}.axis .narrow{display:inline}}
${INCIDENT_STYLES}`;

/** The incident history's own rules, over the shared variables in styles.ts. */
export const INCIDENT_STYLES = `
.day h3{font-size:.95rem;margin:24px 0 8px}
.incident{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:0 0 12px}
.incident h4{margin:0 0 6px;font-size:1rem;display:flex;gap:8px;flex-wrap:wrap;align-items:baseline}
.incident h4 a{color:inherit}
.state{font-size:.75rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em}
.state.open{color:var(--down)}.state.resolved{color:var(--up)}
.incident .cause{margin:0}.incident .hint{margin:2px 0 8px}
.incident code{font-size:.8rem;padding:1px 6px;border-radius:4px;background:var(--line)}
.facts{display:flex;flex-wrap:wrap;gap:4px 20px;margin:0 0 8px;font-size:.85rem}
.facts div{display:flex;gap:6px}.facts dt{color:var(--muted)}.facts dd{margin:0}
.during-maintenance{color:var(--maint);font-size:.85rem;font-weight:600;margin:0 0 8px}
.timeline{list-style:none;margin:0;padding:0 0 0 12px;border-left:2px solid var(--line);font-size:.85rem;display:grid;gap:6px}
.timeline li[data-source=manual] strong{color:var(--maint)}
.timeline .message{margin:2px 0 0;white-space:pre-line}
.empty{color:var(--muted)}
.pager{display:flex;justify-content:space-between;margin:24px 0}
`;

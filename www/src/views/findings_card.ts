// One finding of the Findings view: its title, severity and score, what became of it
// after a fix, the code path (file:line, inlined frames marked), the evidence with copyable commands, and links into the other views. Every
// piece of profile text goes in through textContent (the dom helper), never as HTML.
import type { Finding, Status } from '../engine/protocol';
import { h } from './dom';

export function statusText(s: Status): string {
  const unit = s.unit ?? '';
  switch (s.state) {
    case 'gone': return `gone (was ${s.before} ${unit})`;
    case 'smaller': return `smaller: ${s.before} → ${s.after} ${unit}`;
    case 'still_there': return `still there: ${s.before} → ${s.after} ${unit}`;
    case 'new': return `new: ${s.after} ${unit}`;
  }
}

/** What a link opens, in words. */
function linkLabel(link: string): string {
  const [view, arg = ''] = link.split('#');
  const value = arg.slice(arg.indexOf('=') + 1);
  if (view === 'goroutines') return 'Goroutine group';
  if (view === 'trend') return value === 'memstats' || !arg.includes('=') ? 'Trend' : `Trend of ${value}`;
  if (view === 'flame') return `Flame graph at ${value}`;
  if (view === 'sandwich') return `Sandwich of ${value}`;
  return link;
}

export function findingCard(f: Finding, rank: number, navigate: (link: string) => void): HTMLElement {
  const meta = h(
    'p',
    { class: 'finding-meta' },
    `${f.kind.replace(/_/g, ' ')} · ${f.certainty} · `,
    h('span', { class: `sev-${f.severity}` }, f.severity),
    ` · score ${f.score.toFixed(1)}`,
    f.status ? ' · ' : null,
    f.status ? h('span', { class: 'finding-status' }, `after the fix: ${statusText(f.status)}`) : null,
  );
  const path = f.path.length
    ? h(
        'ol',
        { class: 'finding-path', 'aria-label': 'Code path, from the entry point' },
        ...f.path.map((p) =>
          h(
            'li',
            {},
            h('span', { class: 'function' }, p.function),
            p.inline ? h('span', { class: 'inline-mark' }, ' (inline)') : null,
            h('span', { class: 'place' }, ` ${p.file}:${p.line}`),
          ),
        ),
      )
    : null;
  const evidence = f.evidence.length
    ? h(
        'table',
        { class: 'finding-evidence' },
        h('caption', { class: 'sr-only' }, 'Evidence'),
        h('tbody', {}, ...f.evidence.map((e) => {
          const copy = h('button', { type: 'button', class: 'copy-command', 'aria-label': `Copy the command for ${e.value} ${e.unit}` }, 'Copy');
          copy.addEventListener('click', () => {
            void navigator.clipboard?.writeText(e.command).then(() => (copy.textContent = 'Copied'), () => (copy.textContent = 'Select it'));
          });
          return h('tr', {}, h('td', { class: 'num' }, `${e.value} ${e.unit}`), h('td', {}, e.file), h('td', {}, h('code', {}, e.command)), h('td', {}, copy));
        })),
      )
    : null;
  const links = h('div', { class: 'finding-links' }, ...f.links.map((l) => {
    const b = h('button', { type: 'button', class: 'finding-link', 'data-link': l }, linkLabel(l));
    b.addEventListener('click', () => navigate(l));
    return b;
  }));
  return h('li', { class: 'finding', 'data-kind': f.kind }, h('h3', {}, `${rank}. ${f.title}`), meta, path, evidence, links);
}

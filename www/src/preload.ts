// Files handed to the page by `proflens open` (and `proflens watch --open`): the
// local server names their list in the page's URL, `?open=files.json`, and the
// page opens them as if they had been dropped. With `&follow=1` it reads the list
// again every few seconds and opens each new file as it arrives. Only a list
// beside the page, and files below it, are ever asked for: the same origin, and
// the CSP's connect-src 'self' would refuse any other anyway.
import type { OpenItem } from './views/opener';

const LIST = /^[\w.-]+\.json$/;
const FILE = /^files\/\d+\/[^/?#]+$/;
const FOLLOW_EVERY_MS = 2000;

interface Listing {
  files: { name: string; url: string }[];
}

/**
 * Opens the listed files, if the URL names a list. `open` gets each batch of new
 * files; `later` is true for the batches that follow the first (the user may be
 * anywhere in the page by then, and keeps their place).
 */
export function preloadFromServer(open: (items: OpenItem[], later: boolean) => Promise<void>): void {
  const query = new URLSearchParams(location.search);
  const list = query.get('open');
  if (!list || !LIST.test(list)) return;
  const seen = new Set<string>();
  let later = false;
  const round = async () => {
    const res = await fetch(list, { cache: 'no-store' });
    if (!res.ok) throw new Error(`the file list ${list} answered ${res.status}`);
    const { files } = (await res.json()) as Listing;
    const fresh = files.filter((f) => FILE.test(f.url) && !seen.has(f.url));
    fresh.forEach((f) => seen.add(f.url));
    if (fresh.length || !later) await open(fresh.map(item), later);
    later = true;
  };
  const follow = query.get('follow') === '1';
  const next = () => (follow ? window.setTimeout(() => void round().catch(report).finally(next), FOLLOW_EVERY_MS) : 0);
  void round().catch(report).finally(next);
}

function item(f: { name: string; url: string }): OpenItem {
  return {
    name: f.name,
    read: async () => {
      const res = await fetch(f.url, { cache: 'no-store' });
      if (!res.ok) throw new Error(`the server answered ${res.status}`);
      return res.arrayBuffer();
    },
  };
}

/** A failed round is told in the console; the next one tries again (the server may be back). */
function report(e: unknown) {
  console.warn('proflens: reading the files from the local server failed:', e);
}

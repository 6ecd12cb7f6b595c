// "Try an example": the leak scenario that examples/example-profile writes
// (three heap snapshots five minutes apart, then a goroutine ?debug=2 dump).
// It is embedded in the bundle, so opening it makes no request.
import scenario from 'virtual:example-scenario';
import type { OpenItem } from './views/opener';

/** The heap snapshots in time order, then the goroutine dump. */
export function exampleFiles(): OpenItem[] {
  const names = Object.keys(scenario).sort((a, b) => Number(a.startsWith('goroutine')) - Number(b.startsWith('goroutine')) || (a < b ? -1 : 1));
  return names.map((name) => ({ name, read: async () => Uint8Array.from(atob(scenario[name]), (c) => c.charCodeAt(0)).buffer }));
}

// The registry of views: one line per analysis, in tab order. Adding a view is
// its file (exporting a ViewFactory, see view.ts) and one line here; the shell
// (main.ts) makes its tab, places its panel, enables it for the profiles it
// applies to, and routes selection, export and release to it.
import type { ViewFactory } from './view';

export const VIEWS: readonly ViewFactory[] = [
  // e.g. topView (from './topview'); the built-in views are listed as they implement the contract
];

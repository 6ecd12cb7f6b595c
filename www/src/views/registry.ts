// The registry of views: one line per analysis, in tab order. Adding a view is
// its file (exporting a ViewFactory, see view.ts) and one line here; the shell
// (main.ts) makes its tab, places its panel, enables it for the profiles it
// applies to, and routes selection, export and release to it.
import { callTreeView } from './calltreeview';
import { diffView } from './diffview';
import { findingsView } from './findings';
import { goroutinesView } from './goroutines';
import { sandwichView } from './sandwichview';
import { topView } from './topview';
import { trendView } from './trendview';
import type { ViewFactory } from './view';

export const VIEWS: readonly ViewFactory[] = [
  topView,
  diffView,
  trendView,
  callTreeView,
  sandwichView,
  goroutinesView,
  findingsView,
];

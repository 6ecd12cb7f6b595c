// The flame graph, as the views import it: the panel and its types (the parts
// are in flame/: tree, viewport, renderer, keys, focus, search, crumbs, tooltip,
// subtree table).
export { FlameGraph, type FlameEvents, type FlameStyle, type FlameStyling } from './flame/graph';
export type { FrameRect } from './flame/renderer';

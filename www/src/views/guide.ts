// The first visit: while no profile is open, the views give way to a short
// guide to taking profiles from a Go service, a large drop target, the example
// and the privacy promise. It shows whenever #app has the `empty` class.
import { h } from './dom';
import './guide.css';

export interface GuideActions {
  open(): void;
  example(): void;
}

const STEPS: [string, string[]][] = [
  ['Serve pprof in your Go program (once):', ['import _ "net/http/pprof"', 'go http.ListenAndServe("localhost:6060", nil)']],
  [
    'Take three heap snapshots, a few minutes apart:',
    [
      'curl -o heap_t0.pb.gz http://HOST:6060/debug/pprof/heap',
      'sleep 300; curl -o heap_t1.pb.gz http://HOST:6060/debug/pprof/heap',
      'sleep 300; curl -o heap_t2.pb.gz http://HOST:6060/debug/pprof/heap',
    ],
  ],
  ['And the goroutines, with their states and wait times:', ["curl -o goroutines.txt 'http://HOST:6060/debug/pprof/goroutine?debug=2'"]],
  ['Or a CPU profile of 30 seconds:', ['curl -o cpu.pb.gz http://HOST:6060/debug/pprof/profile?seconds=30']],
];

export function mountGuide(views: HTMLElement, actions: GuideActions): HTMLElement {
  const drop = h(
    'button',
    { type: 'button', class: 'guide-drop', id: 'guide-drop' },
    h('strong', {}, 'Drop profiles here'),
    h('span', {}, 'or click to choose files: .pb.gz, .pb, goroutine dumps'),
  );
  drop.addEventListener('click', () => actions.open());
  const example = h('button', { type: 'button', id: 'guide-example' }, 'Try an example: a leaking service');
  example.addEventListener('click', () => actions.example());
  const steps = h('ol', { class: 'guide-steps' });
  for (const [text, lines] of STEPS) steps.append(h('li', {}, text, h('pre', {}, h('code', {}, lines.join('\n')))));
  const guide = h(
    'section',
    { id: 'guide', 'aria-label': 'Getting started' },
    h('h2', {}, 'Find a leak, or a blocked goroutine, in your Go service'),
    h('p', { class: 'guide-privacy' }, 'Private: your files are read by this page, on this machine, and never uploaded.'),
    drop,
    h('p', {}, example, ' three heap snapshots and a goroutine dump of the repo’s own example program.'),
    steps,
    h('p', { class: 'muted' }, 'Drop all the files at once: snapshots of one program show their trend and diff; a dump shows its goroutine groups.'),
  );
  views.prepend(guide);
  return guide;
}

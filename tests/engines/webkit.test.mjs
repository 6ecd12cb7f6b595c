// The core cross-engine scenarios in WebKit (selenium-webdriver, WebKitWebDriver's
// MiniBrowser under xvfb-run), as WebKitGTK ships: one thread. Then a second session
// with JavaScriptCore's SharedArrayBuffer on, as Safari has it, for the threaded engine.
import { SHARED_MEMORY } from './platform.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { CORE, engineSuite } from './suite.mjs';

engineSuite('webkit', CORE);
engineSuite('webkit', [SHARED_MEMORY, SCENARIOS[0]], { sharedMemory: true, label: 'webkit with SharedArrayBuffer (as Safari)' });

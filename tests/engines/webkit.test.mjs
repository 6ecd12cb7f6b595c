// Every cross-engine scenario in WebKit (selenium-webdriver, WebKitWebDriver's
// MiniBrowser under xvfb-run), as WebKitGTK ships: one thread. Then a second session
// with JavaScriptCore's SharedArrayBuffer on, as Safari has it, for the threaded engine.
import { SHARED_MEMORY } from './platform.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { ALL, engineSuite } from './suite.mjs';

engineSuite('webkit', ALL);
engineSuite('webkit', [SHARED_MEMORY, SCENARIOS[0]], { sharedMemory: true, label: 'webkit with SharedArrayBuffer (as Safari)' });

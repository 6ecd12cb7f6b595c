// Every cross-engine scenario in Chromium (Playwright). See ./suite.mjs.
import { ALL, engineSuite } from './suite.mjs';

engineSuite('chromium', ALL);

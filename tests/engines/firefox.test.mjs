// Every cross-engine scenario in Firefox (puppeteer-core, WebDriver BiDi). See ./suite.mjs.
import { ALL, engineSuite } from './suite.mjs';

engineSuite('firefox', ALL);

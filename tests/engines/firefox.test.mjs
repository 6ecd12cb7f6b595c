// The core cross-engine scenarios in Firefox (puppeteer-core, WebDriver BiDi). See ./suite.mjs.
import { CORE, engineSuite } from './suite.mjs';

engineSuite('firefox', CORE);

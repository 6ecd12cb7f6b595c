// `node --import ./tests/ts/register.mjs --test tests/ts/` (see loader.mjs).
import { register } from 'node:module';

register('./loader.mjs', import.meta.url);

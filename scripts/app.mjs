// The app command in cdktf.json: main.ts, bundled and run as plain JavaScript (see run-ts.mjs).
import { runTs } from './run-ts.mjs';

runTs('main.ts');

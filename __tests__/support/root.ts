import { join } from 'node:path';

/** The project's root. Its own module, so that a test that never synthesizes does not load cdktf to learn it. */
export const ROOT = join(__dirname, '..', '..');

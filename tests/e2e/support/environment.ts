/**
 * Where the browser tests run: one port, one origin and one throw-away data folder, shared by
 * playwright.config.ts, the server launcher and the helpers that read the database.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const PORT = Number(process.env.E2E_PORT || 4173);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

/** Wiped when the test server starts, so every run begins with an empty database. */
export const DATA_DIR = path.resolve(ROOT, process.env.E2E_DATA_DIR || '.tmp/e2e-data');
export const DATABASE_FILE = path.join(DATA_DIR, 'pestwijzer.db');
/** The demo log-ins printed by `cli demo`, saved by global-setup.ts. */
export const DEMO_LOGINS_FILE = path.join(DATA_DIR, 'demo-logins.json');
// Shapes of pages that passed axe in this run, shared by the workers (support/a11y.ts); emptied with the data folder.
export const AXE_PASSED_DIR = path.join(DATA_DIR, 'axe-passed');

/**
 * Starts the built app for the browser tests (playwright.config.ts, webServer).
 * It empties the data folder first, so each run starts from a fresh database; the demo accounts are
 * added by global-setup.ts once the server is up (Playwright starts the web server before global setup).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dataDir = process.env.DATA_DIR;
if (!dataDir || !dataDir.includes('.tmp')) {
	// A safety net: this folder is deleted, so it must be the test folder and never real data.
	console.error(`serve.js: DATA_DIR must be a folder under .tmp; it is "${dataDir}".`);
	process.exit(1);
}
const entry = path.resolve('server.js');
if (!fs.existsSync(path.resolve('build', 'handler.js'))) {
	console.error('serve.js: build/handler.js is missing. Build the app first: flock /tmp/pw-build.lock npx vite build');
	process.exit(1);
}
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

// The app's server (server.js, around the build) starts listening when it is imported.
await import(pathToFileURL(entry).href);

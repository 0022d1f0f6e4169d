#!/usr/bin/env node
/**
 * `npm start`: builds the app when the build is missing or older than the sources, then serves it.
 * Defaults for a first run: HOST=localhost, PORT=3000, ORIGIN=http://HOST:PORT, data in ./data (SQLite).
 */
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildEntry = path.join(root, 'build', 'index.js');
// Our own process around the build: the page cache's front door before SvelteKit (server.js, decision 0018).
const serverEntry = path.join(root, 'server.js');

function newestMtime(dir) {
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'paraglide' || entry.name.startsWith('.')) continue;
		const full = path.join(dir, entry.name);
		const time = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
		if (time > newest) newest = time;
	}
	return newest;
}

function needsBuild() {
	if (!fs.existsSync(buildEntry)) return true;
	const built = fs.statSync(buildEntry).mtimeMs;
	const sources = ['src', 'static', 'messages'].map((d) => newestMtime(path.join(root, d)));
	const configs = ['svelte.config.js', 'vite.config.ts', 'package-lock.json'].map((f) => fs.statSync(path.join(root, f)).mtimeMs);
	return Math.max(...sources, ...configs) > built;
}

if (needsBuild()) {
	console.log('Building Pestwijzer…');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

// adapter-node binds to 0.0.0.0 by default; we listen on localhost unless HOST says otherwise.
const env = { ...process.env };
env.HOST ||= 'localhost';
env.PORT ||= '3000';
env.ORIGIN ||= `http://${env.HOST}:${env.PORT}`;
// Only the upload routes reach this (every other post stops at 1 MB in hooks.server.ts). 32 MB is above one upload
// of evidence (20 files, 25 MB together, 10 MB each), so a file or an upload over our limits gets a clear message.
env.BODY_SIZE_LIMIT ||= '32M';

const child = spawn(process.execPath, [serverEntry], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

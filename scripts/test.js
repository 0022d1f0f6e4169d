#!/usr/bin/env node
/**
 * `npm test`: every test, in the order that makes each step possible.
 *   1. type check (svelte-check)
 *   2. build (the server and browser tests run the built app, as production does)
 *   3. unit, integration and HTTP tests (Vitest): SQLite always; PostgreSQL too when TEST_DATABASE_URL is set
 *   4. browser journeys (Playwright with Debian's /usr/bin/chromium), JavaScript on and off
 *   5. the W3C Nu HTML checker (Java) over every page the browser tests loaded
 * It ends with one line "tests: N passed, N failed, N skipped" counted from the runners' JSON reports.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

const steps = [
	['type check', 'npx', ['svelte-kit', 'sync']],
	['type check', 'npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human']],
	['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
	['unit, integration and HTTP tests', 'npx', ['vitest', 'run']],
	['browser tests', 'npx', ['playwright', 'test']],
	['HTML check of every page the browser tests visited', 'node', ['scripts/check-html.js']]
];

if (!process.env.TEST_DATABASE_URL) {
	console.log('TEST_DATABASE_URL is not set: integration tests run on SQLite only (CI runs them on PostgreSQL too).');
}

fs.rmSync('test-results', { recursive: true, force: true });
let failedStep;
for (const [name, command, args] of steps) {
	const missing = name === 'browser tests' && !fs.existsSync(CHROMIUM);
	if (missing) {
		// One sentence instead of Playwright's stack trace: nothing here downloads a browser (STACK.md pitfall 6).
		console.log(`\n=== ${name}: Chromium is missing at ${CHROMIUM}; install Debian's Chromium with \`apt-get install chromium\` (as root) and run npm test again.`);
		failedStep = name;
		break;
	}
	console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
	if (result.status !== 0) {
		failedStep = name;
		break;
	}
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

const vitest = readJson('test-results/vitest.json');
const e2e = readJson('test-results/e2e.json');
const html = readJson('test-results/html-check.json');
const passed = (vitest?.numPassedTests ?? 0) + (e2e?.stats ? e2e.stats.expected + e2e.stats.flaky : 0) + (html?.passed ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (html?.failed ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);

console.log('');
if (failedStep) console.log(`The step "${failedStep}" failed.`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStep || failed > 0 || passed === 0 ? 1 : 0);

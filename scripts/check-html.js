#!/usr/bin/env node
/**
 * The W3C Nu HTML checker (vnu-jar, Java 17) over every page the browser tests loaded (kept by
 * tests/e2e/support/html-pages.ts in test-results/html/). The bar is zero errors. Each page counts as one
 * test in the summary of `npm test` (test-results/html-check.json).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const DIR = 'test-results/html';
const JAR = 'node_modules/vnu-jar/build/dist/vnu.jar';
const RESULT = 'test-results/html-check.json';

function finish(passed, failed, lines) {
	fs.writeFileSync(RESULT, JSON.stringify({ passed, failed }));
	for (const line of lines) console.log(line);
	console.log(`HTML check: ${passed} pages valid, ${failed} with errors.`);
	process.exit(failed > 0 ? 1 : 0);
}

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
if (java.error || java.status !== 0) {
	console.log('Java is missing for the HTML check; install it with `apt-get install default-jre-headless` (as root) and run npm test again.');
	fs.writeFileSync(RESULT, JSON.stringify({ passed: 0, failed: 1 }));
	process.exit(1);
}

const pages = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.html')) : [];
if (pages.length === 0) finish(0, 1, ['No pages were kept by the browser tests, so there was nothing to check.']);

const run = spawnSync('java', ['-Xss8m', '-jar', JAR, '--errors-only', '--format', 'json', '--stdout', '--exit-zero-always', ...pages.map((p) => path.join(DIR, p))], {
	encoding: 'utf8',
	maxBuffer: 64 * 1024 * 1024
});
if (run.status !== 0) finish(0, 1, [`The Nu checker did not run: ${run.stderr || run.error}`]);

const messages = JSON.parse(run.stdout).messages.filter((message) => message.type === 'error');
const byFile = new Map();
for (const message of messages) {
	const file = path.basename(decodeURIComponent(new URL(message.url).pathname));
	byFile.set(file, [...(byFile.get(file) ?? []), message]);
}
const lines = [];
for (const [file, errors] of byFile) {
	const urlFile = path.join(DIR, file.replace(/\.html$/, '.url'));
	const address = fs.existsSync(urlFile) ? fs.readFileSync(urlFile, 'utf8') : file;
	lines.push(`\n${address} (${path.join(DIR, file)}):`);
	for (const error of errors) lines.push(`  line ${error.lastLine}: ${error.message}\n    ${JSON.stringify(error.extract ?? '')}`);
}
finish(pages.length - byFile.size, byFile.size, lines);

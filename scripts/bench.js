#!/usr/bin/env node
/**
 * `npm run bench`: how fast is Pestwijzer compared with the fastest thing Node can serve?
 *
 * Starts the built app and a bare `node:http` hello-world server, each in its own child process
 * (own event loop, as in production), and loads both with autocannon from this process on the same
 * machine. The bare server is the ceiling: the ratio app/bare says how much of it our pages keep,
 * which stays comparable between machines where absolute figures do not.
 *
 * The app's database is fresh for every run, with about as many schools as DUO's register (8 000
 * generated locations plus the fictional fixtures), so the school search is measured at its real size.
 *
 * A signed-in parent's dossier is seeded too (scripts/bench-dossier.ts): the dossier page with 200 incidents is
 * measured like the other pages, with the session cookie, and the dossier PDF of 50 incidents with 20 images is
 * timed one request at a time (issue 5: under 1 s).
 *
 * Settings: BENCH_DURATION (seconds per target, default 10), BENCH_CONNECTIONS (default 10).
 * Results: a table on stdout and bench-results/latest.json.
 */
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildEntry = path.join(root, 'build', 'index.js');
const resultsFile = path.join(root, 'bench-results', 'latest.json');

// Load is only ever sent to this machine: a benchmark must never hammer someone else's server.
const LOOPBACK = '127.0.0.1';
const WARM_UP_SECONDS = 2;
const START_TIMEOUT_MS = 30_000;
// The DUO register has about 8 000 school locations (issue 4).
const BENCH_SCHOOLS = 8_000;
// A place in fixtures/duo with one school: the typical search, a place name.
const SCHOOL_QUERY = 'Zwolle';
// The dossier PDF: requests timed one after another, after a few to warm up.
const PDF_WARM_UP_RUNS = 3;
const PDF_RUNS = 15;
const PDF_TARGET_MS = 1_000;

/** A failure we can explain in one sentence; anything else is a bug in this script. */
class BenchError extends Error {}

// ---------------------------------------------------------------------------------------------
// Settings

function positiveNumberFromEnv(name, fallback, { integer }) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
		throw new BenchError(`${name} must be a positive ${integer ? 'whole ' : ''}number; it is "${raw}".`);
	}
	return value;
}

function readSettings() {
	return {
		durationSeconds: positiveNumberFromEnv('BENCH_DURATION', 10, { integer: false }),
		connections: positiveNumberFromEnv('BENCH_CONNECTIONS', 10, { integer: true }),
		warmUpSeconds: WARM_UP_SECONDS
	};
}

// ---------------------------------------------------------------------------------------------
// Child processes and clean-up

/** Everything to undo at the end, also after an error or Ctrl-C. */
const cleanup = { children: new Set(), dirs: new Set() };

/** Synchronous, so it also works from the 'exit' handler, where nothing asynchronous runs any more. */
function cleanUpNow() {
	for (const child of cleanup.children) {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
	}
	cleanup.children.clear();
	for (const dir of cleanup.dirs) fs.rmSync(dir, { recursive: true, force: true });
	cleanup.dirs.clear();
}

/** Stops a child and waits for it, so its database files are closed before the folder goes. */
async function stopChild(child) {
	cleanup.children.delete(child);
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
	await exited;
	clearTimeout(timer);
}

function installSignalHandlers() {
	process.on('exit', cleanUpNow);
	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143]
	]) {
		process.on(signal, () => {
			console.error(`\nBenchmark interrupted (${signal}).`);
			cleanUpNow();
			process.exit(code);
		});
	}
}

/** Asks the OS for a free port. Another process could take it before the child binds, but that race is tiny. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, LOOPBACK, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Spawns node with the given arguments; stderr is kept so a failed start can say why. */
function spawnNode(args, env) {
	const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
	cleanup.children.add(child);
	child.stderrText = '';
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (chunk) => {
		// The last few kB are enough for an error message and cannot grow without bound.
		child.stderrText = (child.stderrText + chunk).slice(-4000);
	});
	return child;
}

/** Polls `url` until it answers 200; fails early when the child dies, and after a timeout. */
async function waitUntilUp(name, child, url) {
	const deadline = Date.now() + START_TIMEOUT_MS;
	let lastProblem = 'no answer yet';
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			const why = lastLine(child.stderrText) || `exit code ${child.exitCode ?? child.signalCode}`;
			throw new BenchError(`The ${name} stopped before it was ready: ${why}`);
		}
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
			await response.arrayBuffer();
			if (response.status === 200) return;
			lastProblem = `it answered ${response.status}`;
		} catch (error) {
			lastProblem = error.cause?.code ?? error.message;
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new BenchError(`The ${name} did not answer 200 on ${url} within ${START_TIMEOUT_MS / 1000} s (${lastProblem}).`);
}

function lastLine(text) {
	return text.trim().split('\n').pop() ?? '';
}

// ---------------------------------------------------------------------------------------------
// The two servers

/** Builds only when there is no build: the benchmark measures what is there, it does not judge freshness. */
/** Always builds, so the figures are those of the code as it is now, not of an older build. */
function ensureBuild() {
	console.error('Building Pestwijzer first…');
	// Other processes (tests, other agents) may build at the same moment; the lock keeps builds from overlapping.
	// Build output goes to stderr, so stdout holds only the report.
	const result = spawnSync('flock', ['/tmp/pw-build.lock', 'npx', 'vite', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
	if (result.error) throw new BenchError(`The build could not be started: ${result.error.message}.`);
	if (result.status !== 0 || !fs.existsSync(buildEntry)) throw new BenchError(`The build failed (exit code ${result.status}); see the output above.`);
}

async function startApp() {
	const port = await freePort();
	// A fresh, empty data folder: the benchmark never touches real data, and every run starts equal.
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pestwijzer-bench-'));
	cleanup.dirs.add(dataDir);
	const schools = seedSchools(dataDir);
	const dossier = seedDossier(dataDir);
	const origin = `http://${LOOPBACK}:${port}`;
	const env = {
		...process.env,
		HOST: LOOPBACK,
		PORT: String(port),
		ORIGIN: origin,
		DATA_DIR: dataDir,
		// Logging one line per request would measure the terminal, not the app.
		LOG_LEVEL: 'silent',
		BODY_SIZE_LIMIT: '32M'
	};
	// A DATABASE_URL from the shell would send the app to PostgreSQL; the benchmark uses the embedded SQLite.
	delete env.DATABASE_URL;
	const child = spawnNode([buildEntry], env);
	await waitUntilUp('app', child, `${origin}/healthz`);
	return { child, origin, dataDir, schools, dossier };
}

/** Fills the fresh database with a register as large as DUO's, before the app opens it. */
function seedSchools(dataDir) {
	console.error(`Loading ${BENCH_SCHOOLS} generated schools and the fixtures into the benchmark database…`);
	const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'bench-import.ts'), '--seed', dataDir, String(BENCH_SCHOOLS)], {
		cwd: root,
		encoding: 'utf8',
		env: { PATH: process.env.PATH ?? '' }
	});
	if (result.status !== 0) throw new BenchError(`Loading the schools failed: ${lastLine(result.stderr || '') || `exit code ${result.status}`}`);
	return JSON.parse(lastLine(result.stdout));
}

/** A signed-in parent with a long dossier and one with photos (scripts/bench-dossier.ts), before the app opens the database. */
function seedDossier(dataDir) {
	console.error('Loading a parent with a dossier of 200 incidents and one of 50 incidents with 20 images…');
	const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'bench-dossier.ts'), '--seed', dataDir], {
		cwd: root,
		encoding: 'utf8',
		env: { PATH: process.env.PATH ?? '' }
	});
	if (result.status !== 0) throw new BenchError(`Loading the dossier failed: ${lastLine(result.stderr || '') || `exit code ${result.status}`}`);
	return JSON.parse(lastLine(result.stdout));
}

/** The ceiling: the least work a Node HTTP server can do per request. */
const BARE_SERVER_SOURCE = `
require('node:http')
	.createServer((req, res) => {
		res.writeHead(200, { 'content-type': 'text/plain' });
		res.end('hello');
	})
	.listen(Number(process.env.PORT), process.env.HOST);
`;

async function startBareServer() {
	const port = await freePort();
	const origin = `http://${LOOPBACK}:${port}`;
	const child = spawnNode(['-e', BARE_SERVER_SOURCE], { ...process.env, HOST: LOOPBACK, PORT: String(port) });
	await waitUntilUp('bare node:http server', child, `${origin}/`);
	return { child, origin };
}

// ---------------------------------------------------------------------------------------------
// Measuring

function assertLoopback(url) {
	const { hostname } = new URL(url);
	if (hostname !== LOOPBACK) throw new BenchError(`Refusing to load ${url}: only ${LOOPBACK} may be benchmarked.`);
}

/** One plain GET first, so a redirect or error page is reported as such instead of being benchmarked. */
async function assertPageAnswers200(target) {
	const response = await fetch(target.url, { redirect: 'manual', headers: target.headers, signal: AbortSignal.timeout(5_000) });
	await response.arrayBuffer();
	if (response.status !== 200) {
		throw new BenchError(`${target.name} (${target.url}) answered ${response.status} instead of 200, so there is nothing meaningful to measure.`);
	}
}

/** A school search that finds nothing measures an empty page: check the seeded schools are there. */
async function assertSchoolsFound(targets) {
	for (const target of targets) {
		const body = await (await fetch(target.url, { signal: AbortSignal.timeout(5_000) })).text();
		const found = target.url.includes('/api/') ? JSON.parse(body).items.length : (body.match(/<a href="\/scholen\/[0-9A-Z]{6}">/g) ?? []).length;
		if (found === 0) throw new BenchError(`${target.name} found no schools, so it would measure an empty result.`);
	}
}

function load(url, connections, durationSeconds, headers = {}) {
	assertLoopback(url);
	// Without a callback autocannon returns a promise of the result.
	return autocannon({ url, connections, duration: durationSeconds, headers });
}

/** Warm-up first (JIT, caches, SQLite pages), then the run that counts. */
async function measure(target, settings) {
	console.error(`Measuring ${target.name}: ${settings.warmUpSeconds} s warm-up, ${settings.durationSeconds} s measured…`);
	// A target may ask for one connection: its latency is then the time one request takes, not queueing.
	const connections = target.connections ?? settings.connections;
	await load(target.url, connections, settings.warmUpSeconds, target.headers);
	const result = await load(target.url, connections, settings.durationSeconds, target.headers);
	return {
		target: target.name,
		server: target.server,
		page: target.page,
		url: target.url,
		requestsPerSecond: result.requests.average,
		latencyMs: { p50: result.latency.p50, p99: result.latency.p99, average: result.latency.average, max: result.latency.max },
		requests: result.requests.total,
		non2xx: result.non2xx,
		// autocannon counts timeouts among the errors too.
		errors: result.errors,
		timeouts: result.timeouts,
		statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]))
	};
}

/** app/bare per page: the share of the bare server's throughput the app keeps, and how much slower its tail is. */
function ratios(results) {
	const bare = results.find((r) => r.server === 'bare');
	// autocannon records latency in whole milliseconds, so the bare server's p99 is often 0:
	// dividing by 1 ms then gives a lower bound instead of a division by zero.
	const bareP99 = Math.max(bare.latencyMs.p99, 1);
	return results
		.filter((r) => r.server === 'app')
		.map((app) => ({
			page: app.page,
			requestsPerSecond: round(app.requestsPerSecond / bare.requestsPerSecond, 3),
			p99: round(app.latencyMs.p99 / bareP99, 1),
			p99IsLowerBound: bare.latencyMs.p99 < 1
		}));
}

function round(value, digits) {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

// ---------------------------------------------------------------------------------------------
// Reporting

function machine() {
	const cpus = os.cpus();
	return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGiB: round(os.totalmem() / 2 ** 30, 1), platform: `${os.platform()} ${os.release()}`, node: process.version };
}

function printReport(report) {
	const rows = [
		['target', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors'],
		...report.results.map((r) => [r.target, r.requestsPerSecond.toFixed(0), String(r.latencyMs.p50), String(r.latencyMs.p99), String(r.non2xx), String(r.errors)])
	];
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	// Text left, figures right, so the figures line up for comparison.
	const line = (row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
	const { settings, machine: m } = report;

	console.log('');
	console.log(`Pestwijzer benchmark: ${settings.connections} connections, ${settings.durationSeconds} s per target after ${settings.warmUpSeconds} s warm-up.`);
	console.log(`Same machine for both servers and for autocannon: ${m.cpu}, ${m.cores} cores, Node ${m.node}.`);
	if (report.schools) console.log(`School register: ${report.schools.schools} schools (${report.schools.generated} generated, plus the fixtures).`);
	console.log('');
	console.log(line(rows[0]));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of rows.slice(1)) console.log(line(row));
	console.log('');
	if (report.import) {
		const i = report.import;
		console.log(`DUO import of ${i.rows} rows into SQLite: ${(i.totalMs / 1000).toFixed(1)} s (reading ${(i.parsedMs / 1000).toFixed(1)} s), ${i.inserted} inserted, ${i.problems} problems.`);
		console.log('');
	}
	if (report.dossierPdf) {
		const d = report.dossierPdf;
		console.log(
			`Dossier PDF of ${d.incidents} incidents with ${d.images} images (${d.imageMegabytes} MB stored), ${d.runs} requests one at a time: ` +
				`p50 ${d.ms.p50} ms, p90 ${d.ms.p90} ms, max ${d.ms.max} ms (target under ${d.targetMs} ms: ${d.withinTarget ? 'met' : 'NOT met'}); ` +
				`the app's very first PDF (fonts parsed) ${d.ms.first} ms; ${d.pdfKilobytes} kB.`
		);
		console.log('');
	}
	for (const ratio of report.ratios) {
		const p99 = ratio.p99IsLowerBound ? `≥ ${ratio.p99}× (bare p99 is below autocannon's 1 ms resolution)` : `${ratio.p99}×`;
		console.log(`${ratio.page}: app/bare requests/s = ${ratio.requestsPerSecond} (${(ratio.requestsPerSecond * 100).toFixed(1)} % of bare), app/bare p99 = ${p99}`);
	}
	console.log('');
	console.log(`Results written to ${path.relative(root, resultsFile)}.`);
}

function writeResults(report) {
	fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
	fs.writeFileSync(resultsFile, JSON.stringify(report, null, '\t') + '\n');
}

/** Issue 4: a DUO import of 50 000 rows, timed in its own process (it runs our TypeScript through tsx). */
function measureImport() {
	console.error('Measuring a DUO import of 50 000 rows…');
	const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'bench-import.ts')], { cwd: root, encoding: 'utf8' });
	if (result.status !== 0) throw new BenchError(`The import benchmark failed: ${(result.stderr || '').trim().split('\n').pop()}`);
	return JSON.parse(result.stdout.trim().split('\n').pop());
}

/**
 * Issue 5: the dossier PDF of 50 incidents with 20 images, posted as the form does, one request at a time. The time
 * is the whole answer as the browser gets it (decrypting and scaling the photos, the layout, the audit event).
 */
async function measureDossierPdf(app) {
	console.error(`Measuring the dossier PDF: ${PDF_WARM_UP_RUNS} warm-up requests, ${PDF_RUNS} measured…`);
	const url = `${app.origin}/dossier/${app.dossier.pdfChild}/pdf/bestand`;
	assertLoopback(url);
	const body = ['summary', 'timeline', 'incidents', 'images', 'contacts', 'attachments'].map((item) => `onderdelen=${item}`).join('&');
	const headers = { cookie: app.dossier.cookie, origin: app.origin, 'content-type': 'application/x-www-form-urlencoded' };
	const times = [];
	let bytes = 0;
	// The app's first PDF also reads and parses the fonts (once per process): reported on its own.
	let firstMs = 0;
	for (let run = 0; run < PDF_WARM_UP_RUNS + PDF_RUNS; run++) {
		const started = performance.now();
		const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
		const pdf = Buffer.from(await response.arrayBuffer());
		const ms = performance.now() - started;
		if (response.status !== 200 || response.headers.get('content-type') !== 'application/pdf' || !pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
			throw new BenchError(`The dossier PDF answered ${response.status} (${response.headers.get('content-type')}) instead of a PDF, so there is nothing meaningful to measure.`);
		}
		bytes = pdf.byteLength;
		if (run === 0) firstMs = ms;
		if (run >= PDF_WARM_UP_RUNS) times.push(ms);
	}
	times.sort((a, b) => a - b);
	const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
	return {
		incidents: app.dossier.pdfIncidents,
		images: app.dossier.pdfImages,
		imageMegabytes: app.dossier.imageMegabytes,
		runs: times.length,
		ms: { first: round(firstMs, 1), min: round(times[0], 1), p50: round(at(0.5), 1), p90: round(at(0.9), 1), max: round(times.at(-1), 1) },
		pdfKilobytes: round(bytes / 1024, 1),
		targetMs: PDF_TARGET_MS,
		withinTarget: times.at(-1) < PDF_TARGET_MS
	};
}

/** Non-2xx answers or errors mean we measured error pages or a struggling server: the figures would lie. */
function assertClean(results) {
	const bad = results.filter((r) => r.non2xx > 0 || r.errors > 0);
	if (bad.length === 0) return;
	const what = bad.map((r) => `${r.target} had ${r.non2xx} non-2xx responses and ${r.errors} errors`).join('; ');
	throw new BenchError(`The benchmark is not valid: ${what}.`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
	installSignalHandlers();
	const settings = readSettings();
	ensureBuild();

	// Both servers run during all runs, so each one is measured while the other idles next to it.
	const [app, bare] = await Promise.all([startApp(), startBareServer()]);
	const targets = [
		{ name: 'bare node:http /', server: 'bare', page: 'hello', url: `${bare.origin}/` },
		{ name: 'app / (home)', server: 'app', page: 'home page /', url: `${app.origin}/` },
		{ name: 'app /inloggen (log-in)', server: 'app', page: 'log-in page /inloggen', url: `${app.origin}/inloggen` },
		{ name: 'app /gids/pesten-herkennen', server: 'app', page: 'guide page /gids/pesten-herkennen', url: `${app.origin}/gids/pesten-herkennen` },
		{ name: 'app /zoeken?q=gepest', server: 'app', page: 'search /zoeken?q=gepest', url: `${app.origin}/zoeken?q=gepest` },
		// Issue 3: a search answers in under 50 ms. One connection shows the time of a single search.
		{ name: 'app /zoeken, 1 connection', server: 'app', page: 'search, one at a time', url: `${app.origin}/zoeken?q=pesten+school`, connections: 1 },
		{ name: 'app /hulp (help directory)', server: 'app', page: 'help directory /hulp', url: `${app.origin}/hulp` },
		// Issue 4: the school search over a register of DUO's size, as a page and as the API the suggestions use.
		{ name: `app /scholen?q=${SCHOOL_QUERY}`, server: 'app', page: `school search /scholen?q=${SCHOOL_QUERY}`, url: `${app.origin}/scholen?q=${SCHOOL_QUERY}`, findsSchools: true },
		{ name: `app /api/v1/schools?q=${SCHOOL_QUERY}`, server: 'app', page: `school API /api/v1/schools?q=${SCHOOL_QUERY}`, url: `${app.origin}/api/v1/schools?q=${SCHOOL_QUERY}`, findsSchools: true },
		// What one suggestion costs while someone types (the script asks after 2 letters): one request at a time.
		{ name: 'app /api/v1/schools?q=Zwol, 1 connection', server: 'app', page: 'school suggestions, one at a time', url: `${app.origin}/api/v1/schools?q=Zwol`, connections: 1, findsSchools: true },
		// A broad word that matches thousands of schools: the page shows the first 50, sorted.
		{ name: 'app /scholen?q=basisschool', server: 'app', page: 'school search, 50 of thousands', url: `${app.origin}/scholen?q=basisschool`, findsSchools: true },
		// Issue 5: a parent's dossier page with 200 incidents on its timeline (signed in); one connection shows the server time.
		{ name: 'app /dossier/<child> (200 incidents)', server: 'app', page: 'dossier page, 200 incidents', url: `${app.origin}/dossier/${app.dossier.pageChild}`, headers: { cookie: app.dossier.cookie } },
		{ name: 'app /dossier/<child>, 1 connection', server: 'app', page: 'dossier page, one at a time', url: `${app.origin}/dossier/${app.dossier.pageChild}`, headers: { cookie: app.dossier.cookie }, connections: 1 }
	];
	await assertSchoolsFound(targets.filter((t) => t.findsSchools));
	for (const target of targets) await assertPageAnswers200(target);

	const results = [];
	// One target at a time: running them together would make them compete for the same CPU.
	for (const target of targets) results.push(await measure(target, settings));
	const dossierPdf = await measureDossierPdf(app);

	await Promise.all([stopChild(app.child), stopChild(bare.child)]);
	cleanUpNow();

	const report = { date: new Date().toISOString(), machine: machine(), settings, schools: app.schools, results, ratios: ratios(results), dossierPdf, import: measureImport() };
	writeResults(report);
	printReport(report);
	assertClean(results);
}

main().catch((error) => {
	cleanUpNow();
	if (error instanceof BenchError) console.error(error.message);
	else console.error(`The benchmark failed unexpectedly: ${error?.stack ?? error}`);
	process.exitCode = 1;
});

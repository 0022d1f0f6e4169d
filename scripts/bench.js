#!/usr/bin/env node
/**
 * `npm run bench`: how fast is Pestwijzer compared with the fastest thing Node can serve?
 *
 * Starts the app as production runs it (`server.js`: the page cache's front door before SvelteKit, decision 0018)
 * and a bare `node:http` hello-world server, each in its own child process (own event loop, as in production), and
 * loads both with autocannon from this process on the same machine. The bare server is the ceiling: the ratio
 * app/bare says how much of it our pages keep, which stays comparable between machines where absolute figures do not.
 *
 * Public pages are asked for as a browser of an anonymous visitor asks (no cookie, `Accept-Encoding: gzip`), so the
 * page cache answers them as it answers visitors; the bench checks that it does. Every target carries the goal
 * issue 10 sets for it, and the table says whether this run met it (docs/decisions/0017-measured-speed.md).
 *
 * The app's database is fresh for every run, with about as many schools as DUO's register (8 000
 * generated locations plus the fictional fixtures), so the school search is measured at its real size.
 *
 * A signed-in parent's dossier is seeded too (scripts/bench-dossier.ts): the dossier page with 200 incidents is
 * measured like the other pages, with the session cookie, and the dossier PDF of 50 incidents with 20 images is
 * timed one request at a time (issue 5: under 1 s).
 *
 * `npm run bench -- --soak` (or BENCH_SOAK=1) measures memory instead: the app's RSS (from /proc/<pid>/status) idle
 * after start, while 50 connections load a mix of pages for 10 minutes in two halves, and idle again after a pause;
 * memory that grows in the second half as it did in the first is reported as growth.
 *
 * Settings: BENCH_DURATION (seconds per target, default 10), BENCH_CONNECTIONS (default 10), BENCH_ONLY (measure
 * only the targets whose name contains one of these comma-separated words, for working on one page; "pdf" and
 * "burst" for the dossier PDF and the 50 reports sent at once),
 * BENCH_SOAK_MINUTES (default 10), BENCH_SOAK_CONNECTIONS (default 50).
 * Results: a table on stdout and bench-results/latest.json (bench-results/soak.json for the soak).
 */
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildEntry = path.join(root, 'build', 'handler.js');
// What production runs (npm start): the front door with the page cache, then SvelteKit's handler.
const serverEntry = path.join(root, 'server.js');
const resultsFile = path.join(root, 'bench-results', 'latest.json');
const soakResultsFile = path.join(root, 'bench-results', 'soak.json');

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
/** Issue 11: anonymous reports sent at the same moment, as a class might after a lesson about bullying. */
const BURST_REPORTS = 50;
// A browser's request header: cached pages are kept as the page and its gzip, and a browser gets the gzip.
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };
// The soak: how long the app idles before and after, and how often its memory is read.
const SOAK_SETTLE_MS = 5_000;
const SOAK_PAUSE_MS = 30_000;
const SOAK_SAMPLE_MS = 5_000;
// More than this over the first half's plateau, in the second half of the same load, counts as growth.
const SOAK_GROWTH_SHARE = 0.05;
const SOAK_GROWTH_MIN_MIB = 8;

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
	const only = (process.env.BENCH_ONLY ?? '')
		.split(',')
		.map((word) => word.trim())
		.filter(Boolean);
	return {
		durationSeconds: positiveNumberFromEnv('BENCH_DURATION', 10, { integer: false }),
		connections: positiveNumberFromEnv('BENCH_CONNECTIONS', 10, { integer: true }),
		warmUpSeconds: WARM_UP_SECONDS,
		only,
		soak: process.argv.includes('--soak') || process.env.BENCH_SOAK === '1',
		soakMinutes: positiveNumberFromEnv('BENCH_SOAK_MINUTES', 10, { integer: false }),
		soakConnections: positiveNumberFromEnv('BENCH_SOAK_CONNECTIONS', 50, { integer: true })
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
	const inbox = seedInbox(dataDir);
	const reports = seedCase(dataDir);
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
	const child = spawnNode([serverEntry], env);
	await waitUntilUp('app', child, `${origin}/healthz`);
	return { child, origin, dataDir, schools, dossier, inbox, reports };
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

/** Issue 11: a school whose staff has a case with 200 events, and takes reports (scripts/bench-case.ts). */
function seedCase(dataDir) {
	console.error('Loading a case with 200 events…');
	const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'bench-case.ts'), '--seed', dataDir], {
		cwd: root,
		encoding: 'utf8',
		env: { PATH: process.env.PATH ?? '' }
	});
	if (result.status !== 0) throw new BenchError(`Loading the case failed: ${lastLine(result.stderr || '') || `exit code ${result.status}`}`);
	return JSON.parse(lastLine(result.stdout));
}

/** A school with 2 000 reports and its signed-in aanspreekpunt (scripts/bench-inbox.ts), before the app opens the database. */
function seedInbox(dataDir) {
	console.error('Loading a school with 2 000 reports…');
	const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'bench-inbox.ts'), '--seed', dataDir], {
		cwd: root,
		encoding: 'utf8',
		env: { PATH: process.env.PATH ?? '' }
	});
	if (result.status !== 0) throw new BenchError(`Loading the reports failed: ${lastLine(result.stderr || '') || `exit code ${result.status}`}`);
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
// Targets and their goals (issue 10)

/**
 * Issue 10's goals. `share`: at least this part of bare node:http's requests/s; `rps`: at least this many
 * requests/s; `p99`: the 99th percentile latency under this many ms.
 */
const GOALS = {
	publicPage: { share: 0.3 },
	homeOrLogIn: { share: 0.06 },
	// Five times the 95 req/s the dossier page with 200 incidents did before it was paginated.
	dossier: { rps: 475, p99: 100 },
	schoolSearch: { p99: 50 },
	// Issue 11: the inbox with 2 000 reports, p99 under 100 ms at 10 connections.
	inbox: { p99: 100 },
	// Issue 3: a search answers in under 50 ms.
	search: { p99: 50 }
};

/** Everything measured in one run, in the order of the table. `cached`: the page cache must answer it. */
function targetsFor(app, bare) {
	const cookie = { cookie: app.dossier.cookie };
	const page = (name, address, goal, more = {}) => ({ name, server: 'app', pid: app.child.pid, page: address, url: `${app.origin}${address}`, goal, ...more });
	const cachedPage = (name, address, goal) => page(name, address, goal, { headers: BROWSER, cached: true });
	return [
		{ name: 'bare node:http /', server: 'bare', pid: bare.child.pid, page: 'hello', url: `${bare.origin}/` },
		// Public content pages, as an anonymous visitor's browser asks for them.
		cachedPage('guide page', '/gids/pesten-herkennen', GOALS.publicPage),
		cachedPage('programme list', '/gids/anti-pestprogrammas', GOALS.publicPage),
		cachedPage('Week Tegen Pesten', '/gids/week-tegen-pesten', GOALS.publicPage),
		cachedPage('help directory', '/hulp', GOALS.publicPage),
		cachedPage('privacy', '/privacy', GOALS.publicPage),
		cachedPage('public school page', '/scholen/12ZC00', GOALS.publicPage),
		cachedPage('school search, empty', '/scholen', GOALS.publicPage),
		cachedPage('guide page, English', '/en/guide/pesten-herkennen', GOALS.publicPage),
		cachedPage('help directory, English', '/en/help', GOALS.publicPage),
		cachedPage('home', '/', GOALS.homeOrLogIn),
		cachedPage('log-in', '/inloggen', GOALS.homeOrLogIn),
		// Search results are never cached (decision 0018).
		page('search', '/zoeken?q=gepest', undefined, { headers: BROWSER }),
		page('search, 1 connection', '/zoeken?q=pesten+school', GOALS.search, { headers: BROWSER, connections: 1 }),
		// Issue 4: the school search over a register of DUO's size, as a page and as the API the suggestions use.
		page(`school search ?q=${SCHOOL_QUERY}`, `/scholen?q=${SCHOOL_QUERY}`, GOALS.schoolSearch, { headers: BROWSER, findsSchools: true }),
		page(`school API ?q=${SCHOOL_QUERY}`, `/api/v1/schools?q=${SCHOOL_QUERY}`, GOALS.schoolSearch, { headers: BROWSER, findsSchools: true }),
		// What one suggestion costs while someone types (the script asks after 2 letters).
		page('school suggestions ?q=Zwol', '/api/v1/schools?q=Zwol', GOALS.schoolSearch, { headers: BROWSER, findsSchools: true }),
		// A broad word that matches thousands of schools: the page shows the first 50, sorted.
		page('school search ?q=basisschool', '/scholen?q=basisschool', GOALS.schoolSearch, { headers: BROWSER, findsSchools: true }),
		// Issue 5: a parent's dossier page with 200 incidents (signed in): the first page of the timeline and the last.
		page('dossier page, 200 incidents', `/dossier/${app.dossier.pageChild}`, GOALS.dossier, { headers: { ...BROWSER, ...cookie } }),
		page('dossier page, last timeline page', `/dossier/${app.dossier.pageChild}?pagina=8`, GOALS.dossier, { headers: { ...BROWSER, ...cookie } }),
		// One connection: the server time of one dossier page, without queueing.
		page('dossier page, 1 connection', `/dossier/${app.dossier.pageChild}`, undefined, { headers: { ...BROWSER, ...cookie }, connections: 1 }),
		// Issue 11: the school's inbox with 2 000 reports (signed in as its aanspreekpunt), its first page and one deep
		// in, and one report's page with its duplicate suggestions over the school year (each view is audited: a write).
		page('inbox, 2 000 reports', `/school/${app.inbox.schoolCode}/meldingen`, GOALS.inbox, { headers: { ...BROWSER, cookie: app.inbox.cookie } }),
		page('inbox, page 40', `/school/${app.inbox.schoolCode}/meldingen?pagina=40`, GOALS.inbox, { headers: { ...BROWSER, cookie: app.inbox.cookie } }),
		page('inbox report page, 1 connection', `/school/${app.inbox.schoolCode}/meldingen/${app.inbox.reportId}`, undefined, { headers: { ...BROWSER, cookie: app.inbox.cookie }, connections: 1 }),
		// A case with 200 events in its chronology (each view is audited too).
		page('case page, 200 events', `/school/${app.reports.school}/zaken/${app.reports.caseId}`, undefined, { headers: { ...BROWSER, cookie: app.reports.cookie } }),
		// The form a pupil opens before reporting (not cached: route-access.ts `anonymous`).
		page('report form', `/scholen/${app.reports.school}/melden`, undefined, { headers: BROWSER })
	];
}

/** BENCH_ONLY: only the targets whose name has one of the words (and always the bare server, for the ratio); "pdf" for the PDF timing. */
function selected(targets, only) {
	if (only.length === 0) return targets;
	const chosen = targets.filter((t) => t.server === 'bare' || only.some((word) => t.name.toLowerCase().includes(word.toLowerCase())));
	if (chosen.length === 1 && !only.includes('pdf') && !only.includes('burst')) throw new BenchError(`BENCH_ONLY=${only.join(',')} names no target.`);
	return chosen;
}

/** Whether a result meets its goal; undefined when the target has none. */
function meets(goal, result, bare) {
	if (!goal) return undefined;
	if (goal.share !== undefined && result.requestsPerSecond < goal.share * bare.requestsPerSecond) return false;
	if (goal.rps !== undefined && result.requestsPerSecond < goal.rps) return false;
	if (goal.p99 !== undefined && !(result.latencyMs.p99 < goal.p99)) return false;
	return true;
}

function describeGoal(goal) {
	if (!goal) return '';
	const parts = [];
	if (goal.share !== undefined) parts.push(`≥ ${Math.round(goal.share * 100)} % of bare`);
	if (goal.rps !== undefined) parts.push(`≥ ${goal.rps} req/s`);
	if (goal.p99 !== undefined) parts.push(`p99 < ${goal.p99} ms`);
	return parts.join(', ');
}

// ---------------------------------------------------------------------------------------------
// Measuring

function assertLoopback(url) {
	const { hostname } = new URL(url);
	if (hostname !== LOOPBACK) throw new BenchError(`Refusing to load ${url}: only ${LOOPBACK} may be benchmarked.`);
}

/**
 * One plain GET first, so a redirect or error page is reported as such instead of being benchmarked. A page the
 * cache should answer is asked for twice: the second answer must come from the cache, or we would measure rendering.
 */
async function assertPageAnswers200(target) {
	const ask = () => fetch(target.url, { redirect: 'manual', headers: target.headers, signal: AbortSignal.timeout(5_000) });
	const response = await ask();
	await response.arrayBuffer();
	if (response.status !== 200) {
		throw new BenchError(`${target.name} (${target.url}) answered ${response.status} instead of 200, so there is nothing meaningful to measure.`);
	}
	if (!target.cached) return;
	const again = await ask();
	await again.arrayBuffer();
	if (again.headers.get('x-page-cache') !== 'hit' || again.headers.get('content-encoding') !== 'gzip') {
		throw new BenchError(`${target.name} (${target.url}) did not come from the page cache as gzip (x-page-cache: ${again.headers.get('x-page-cache')}), so it would not measure what a visitor gets.`);
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

/**
 * CPU time (user + system) the process has used, in ms, from /proc/<pid>/stat; undefined where there is no /proc.
 * Per request it says what a page costs the app apart from how much of the CPU the app got, which requests/s also
 * measure. It is not free of the machine's load either: on a busy machine the same request takes more CPU time
 * (shared caches and cores), so compare figures from one run.
 */
function cpuMs(pid) {
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		// utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name; in clock ticks (100 a second on Linux).
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return undefined;
	}
}

/** Warm-up first (JIT, caches, SQLite pages), then the run that counts. */
async function measure(target, settings) {
	console.error(`Measuring ${target.name}: ${settings.warmUpSeconds} s warm-up, ${settings.durationSeconds} s measured…`);
	// A target may ask for one connection: its latency is then the time one request takes, not queueing.
	const connections = target.connections ?? settings.connections;
	await load(target.url, connections, settings.warmUpSeconds, target.headers);
	const cpuBefore = cpuMs(target.pid);
	const result = await load(target.url, connections, settings.durationSeconds, target.headers);
	const cpuAfter = cpuMs(target.pid);
	return {
		target: target.name,
		server: target.server,
		page: target.page,
		url: target.url,
		connections,
		goal: target.goal,
		requestsPerSecond: result.requests.average,
		latencyMs: { p50: result.latency.p50, p99: result.latency.p99, average: result.latency.average, max: result.latency.max },
		requests: result.requests.total,
		cpuMsPerRequest: cpuBefore === undefined || cpuAfter === undefined ? undefined : round((cpuAfter - cpuBefore) / Math.max(result.requests.total, 1), 2),
		non2xx: result.non2xx,
		// autocannon counts timeouts among the errors too.
		errors: result.errors,
		timeouts: result.timeouts,
		statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count]))
	};
}

/** app/bare per page: the share of the bare server's throughput the app keeps, and whether the goal is met. */
function withRatios(results) {
	const bare = results.find((r) => r.server === 'bare');
	// autocannon records latency in whole milliseconds, so the bare server's p99 is often 0:
	// dividing by 1 ms then gives a lower bound instead of a division by zero.
	const bareP99 = Math.max(bare.latencyMs.p99, 1);
	return results.map((r) => ({
		...r,
		shareOfBare: round(r.requestsPerSecond / bare.requestsPerSecond, 3),
		p99OverBare: r.server === 'bare' ? 1 : round(r.latencyMs.p99 / bareP99, 1),
		p99OverBareIsLowerBound: bare.latencyMs.p99 < 1,
		met: meets(r.goal, r, bare)
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
	return { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, memoryGiB: round(os.totalmem() / 2 ** 30, 1), platform: `${os.platform()} ${os.release()}`, node: process.version, loadAverage: os.loadavg().map((l) => round(l, 2)) };
}

/** A table with text left and figures right, so the figures line up for comparison. */
function printTable(rows, textColumns) {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	const line = (row) => row.map((cell, column) => (textColumns.includes(column) ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd();
	console.log(line(rows[0]));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of rows.slice(1)) console.log(line(row));
}

function printReport(report) {
	const metText = (met) => (met === undefined ? '' : met ? 'yes' : 'NO');
	const rows = [
		['target', 'conns', 'req/s', '% of bare', 'p50 ms', 'p99 ms', 'CPU ms/req', 'non-2xx', 'errors', 'target', 'met'],
		...report.results.map((r) => [
			r.target,
			String(r.connections),
			r.requestsPerSecond.toFixed(0),
			(r.shareOfBare * 100).toFixed(1),
			String(r.latencyMs.p50),
			String(r.latencyMs.p99),
			r.cpuMsPerRequest === undefined ? '' : r.cpuMsPerRequest.toFixed(2),
			String(r.non2xx),
			String(r.errors),
			describeGoal(r.goal),
			metText(r.met)
		])
	];
	const { settings, machine: m } = report;

	console.log('');
	console.log(`Pestwijzer benchmark: ${settings.connections} connections unless the table says otherwise, ${settings.durationSeconds} s per target after ${settings.warmUpSeconds} s warm-up.`);
	console.log(`Same machine for both servers and for autocannon: ${m.cpu}, ${m.cores} cores, Node ${m.node}, load average at the end ${m.loadAverage.join(' ')}.`);
	if (report.schools) console.log(`School register: ${report.schools.schools} schools (${report.schools.generated} generated, plus the fixtures).`);
	console.log('Public pages: anonymous, Accept-Encoding: gzip, answered by the page cache (checked). Dossier pages: signed in.');
	console.log('CPU ms/req: the CPU time the server process used per request (/proc): what a page costs apart from how much CPU the app got (a busy machine still inflates it).');
	console.log('');
	printTable(rows, [0, 9, 10]);
	console.log('');
	const goals = report.results.filter((r) => r.met !== undefined);
	console.log(`Issue targets met: ${goals.filter((r) => r.met).length} of ${goals.length}${goals.some((r) => !r.met) ? ` (not met: ${goals.filter((r) => !r.met).map((r) => r.target).join(', ')})` : ''}.`);
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
	if (report.reportBurst) {
		const b = report.reportBurst;
		console.log(
			`${b.reports} anonymous reports with a screenshot sent at once: all answered with a receipt in ${(b.totalMs / 1000).toFixed(1)} s; ` +
				`each sender waited min ${b.ms.min} ms, p50 ${b.ms.p50} ms, p99 ${b.ms.p99} ms, max ${b.ms.max} ms.`
		);
		console.log('');
	}
	console.log(`Results written to ${path.relative(root, resultsFile)}.`);
}

function writeResults(file, report) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(report, null, '\t') + '\n');
}

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

/**
 * Issue 11: BURST_REPORTS anonymous reports with a screenshot sent at the same moment, as browsers send the form
 * (multipart, Origin header). Each must be redirected to its receipt; the time is the post and the receipt page as
 * its sender waits for both.
 */
async function measureReportBurst(app) {
	console.error(`Sending ${BURST_REPORTS} anonymous reports at once…`);
	const url = `${app.origin}/scholen/${app.reports.school}/melden`;
	assertLoopback(url);
	// A real screenshot-sized PNG would be re-encoded by sharp; a small one keeps the burst about the form itself.
	const screenshot = fs.readFileSync(path.join(root, 'static', 'favicon.svg'));
	const png = await import('sharp').then(({ default: sharp }) => sharp(screenshot).resize(390, 844, { fit: 'fill' }).png().toBuffer());
	const send = async (n) => {
		const body = new FormData();
		body.set('reporterKind', 'pupil');
		body.set('whatHappened', `Ze schelden me uit in de groepsapp (${n}).`);
		body.set('occurredAround', 'this_week');
		body.set('ongoing', 'yes');
		body.set('identity', 'anonymous');
		body.append('forms', 'online_group_exclusion');
		body.append('files', new Blob([png], { type: 'image/png' }), 'screenshot.png');
		const started = performance.now();
		const sent = await fetch(url, { method: 'POST', body, headers: { accept: 'text/html', origin: app.origin }, redirect: 'manual', signal: AbortSignal.timeout(60_000) });
		await sent.arrayBuffer();
		// As a browser does: follow the 303 with the cookie that carries the receipt (decision 0027).
		const cookie = sent.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
		const location = sent.headers.get('location');
		const response = sent.status === 303 && location ? await fetch(app.origin + location, { headers: { accept: 'text/html', cookie }, redirect: 'manual', signal: AbortSignal.timeout(60_000) }) : sent;
		const html = await response.text();
		const ms = performance.now() - started;
		if (response.status !== 200 || !html.includes('data-testid="receipt-code"')) throw new BenchError(`Report ${n} of the burst answered ${response.status} without a receipt, so the burst measured failures.`);
		return ms;
	};
	const started = performance.now();
	const times = (await Promise.all(Array.from({ length: BURST_REPORTS }, (_, n) => send(n)))).sort((a, b) => a - b);
	const totalMs = performance.now() - started;
	const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
	return { reports: BURST_REPORTS, totalMs: round(totalMs, 0), ms: { min: round(times[0], 0), p50: round(at(0.5), 0), p99: round(at(0.99), 0), max: round(times.at(-1), 0) } };
}

/** Non-2xx answers or errors mean we measured error pages or a struggling server: the figures would lie. */
function assertClean(results) {
	const bad = results.filter((r) => r.non2xx > 0 || r.errors > 0);
	if (bad.length === 0) return;
	const what = bad.map((r) => `${r.target} had ${r.non2xx} non-2xx responses and ${r.errors} errors`).join('; ');
	throw new BenchError(`The benchmark is not valid: ${what}.`);
}


// ---------------------------------------------------------------------------------------------
// The soak: memory under a long load

/** The resident set of a process in MiB, as the kernel counts it (no debug endpoint in the app needed). */
function rssMiB(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kB = Number(status.match(/^VmRSS:\s+(\d+) kB$/m)?.[1]);
	if (!Number.isFinite(kB)) throw new BenchError(`Could not read the app's memory from /proc/${pid}/status.`);
	return round(kB / 1024, 1);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** What visitors do at once: cached public pages, searches, the log-in page and a signed-in parent's dossier. */
function soakMix(app) {
	const anonymous = (path) => ({ method: 'GET', path, headers: BROWSER });
	const signedIn = (path) => ({ method: 'GET', path, headers: { ...BROWSER, cookie: app.dossier.cookie } });
	return [
		anonymous('/'),
		anonymous('/gids/pesten-herkennen'),
		anonymous('/hulp'),
		anonymous('/en/guide/pesten-herkennen'),
		anonymous('/scholen/12ZC00'),
		anonymous('/inloggen'),
		anonymous(`/scholen?q=${SCHOOL_QUERY}`),
		anonymous('/api/v1/schools?q=Zwol'),
		anonymous('/zoeken?q=gepest'),
		signedIn(`/dossier/${app.dossier.pageChild}`),
		signedIn(`/dossier/${app.dossier.pageChild}?pagina=3`)
	];
}

/** The median of the samples in the last third of a period: its plateau, without one GC's spike or dip. */
function plateau(samples) {
	const tail = samples.slice(Math.floor((samples.length * 2) / 3)).map((s) => s.rssMiB);
	tail.sort((a, b) => a - b);
	return tail[Math.floor(tail.length / 2)] ?? NaN;
}

async function soak(app, settings) {
	const pid = app.child.pid;
	const halfSeconds = (settings.soakMinutes * 60) / 2;
	const requests = soakMix(app);
	assertLoopback(app.origin);
	for (const request of requests) await assertPageAnswers200({ name: request.path, url: `${app.origin}${request.path}`, headers: request.headers });

	await sleep(SOAK_SETTLE_MS);
	const idleAfterStart = rssMiB(pid);
	console.error(`Soak: app idle after start ${idleAfterStart} MiB; ${settings.soakConnections} connections for ${settings.soakMinutes} min in two halves…`);
	const periods = [];
	const started = performance.now();
	for (const half of [1, 2]) {
		const samples = [];
		const sampler = setInterval(() => samples.push({ seconds: round((performance.now() - started) / 1000, 0), rssMiB: rssMiB(pid) }), SOAK_SAMPLE_MS);
		const result = await autocannon({ url: app.origin, connections: settings.soakConnections, duration: halfSeconds, requests });
		clearInterval(sampler);
		samples.push({ seconds: round((performance.now() - started) / 1000, 0), rssMiB: rssMiB(pid) });
		periods.push({
			half,
			requests: result.requests.total,
			requestsPerSecond: round(result.requests.average, 0),
			latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
			non2xx: result.non2xx,
			errors: result.errors,
			rssMiB: { end: samples.at(-1).rssMiB, peak: Math.max(...samples.map((s) => s.rssMiB)), plateau: plateau(samples) },
			samples
		});
		console.error(`Soak: half ${half} done, RSS ${samples.at(-1).rssMiB} MiB (plateau ${plateau(samples)} MiB), ${result.requests.total} requests.`);
	}
	await sleep(SOAK_PAUSE_MS);
	const idleAfterPause = rssMiB(pid);
	const [first, second] = periods;
	const growthMiB = round(second.rssMiB.plateau - first.rssMiB.plateau, 1);
	const allowedMiB = round(Math.max(first.rssMiB.plateau * SOAK_GROWTH_SHARE, SOAK_GROWTH_MIN_MIB), 1);
	return {
		connections: settings.soakConnections,
		minutes: settings.soakMinutes,
		mix: requests.map((r) => r.path.replace(app.dossier.pageChild, '<child>')),
		rssMiB: { idleAfterStart, afterFirstHalf: first.rssMiB.end, afterLoad: second.rssMiB.end, peak: Math.max(first.rssMiB.peak, second.rssMiB.peak), idleAfterPause },
		periods,
		growthMiB,
		allowedMiB,
		grows: growthMiB > allowedMiB
	};
}

function printSoak(report) {
	const s = report.soak;
	const { machine: m } = report;
	console.log('');
	console.log(`Pestwijzer soak: ${s.connections} connections for ${s.minutes} min (two halves of ${s.minutes / 2} min), RSS of the app process from /proc/<pid>/status.`);
	console.log(`Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, load average at the end ${m.loadAverage.join(' ')}. Mix per connection, in turn: ${s.mix.join(' ')}.`);
	console.log('');
	printTable(
		[
			['period', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'RSS end MiB', 'RSS plateau MiB', 'RSS peak MiB'],
			...s.periods.map((p) => [`half ${p.half}`, String(p.requests), String(p.requestsPerSecond), String(p.latencyMs.p50), String(p.latencyMs.p99), String(p.non2xx), String(p.errors), String(p.rssMiB.end), String(p.rssMiB.plateau), String(p.rssMiB.peak)])
		],
		[0]
	);
	console.log('');
	console.log(`RSS idle after start ${s.rssMiB.idleAfterStart} MiB; after ${s.minutes / 2} min ${s.rssMiB.afterFirstHalf} MiB; after ${s.minutes} min ${s.rssMiB.afterLoad} MiB; idle again after ${SOAK_PAUSE_MS / 1000} s ${s.rssMiB.idleAfterPause} MiB.`);
	console.log(
		`Growth: the second half's plateau is ${s.growthMiB >= 0 ? '+' : ''}${s.growthMiB} MiB against the first's (more than ${s.allowedMiB} MiB counts as growth): ${s.grows ? 'GROWS' : 'no growth'}.`
	);
	console.log('');
	console.log(`Results written to ${path.relative(root, soakResultsFile)}.`);
}

/** Errors or non-2xx answers in the soak mean it measured error pages: the memory figures would not be those of real use. */
function assertSoakClean(report) {
	const bad = report.soak.periods.filter((p) => p.non2xx > 0 || p.errors > 0);
	if (bad.length > 0) throw new BenchError(`The soak is not valid: ${bad.map((p) => `half ${p.half} had ${p.non2xx} non-2xx responses and ${p.errors} errors`).join('; ')}.`);
}

// ---------------------------------------------------------------------------------------------

async function main() {
	installSignalHandlers();
	const settings = readSettings();
	ensureBuild();

	if (settings.soak) {
		const app = await startApp();
		const result = await soak(app, settings);
		await stopChild(app.child);
		cleanUpNow();
		const report = { date: new Date().toISOString(), machine: machine(), settings, soak: result };
		writeResults(soakResultsFile, report);
		printSoak(report);
		assertSoakClean(report);
		if (result.grows) process.exitCode = 1;
		return;
	}

	// Both servers run during all runs, so each one is measured while the other idles next to it.
	const [app, bare] = await Promise.all([startApp(), startBareServer()]);
	const targets = selected(targetsFor(app, bare), settings.only);
	await assertSchoolsFound(targets.filter((t) => t.findsSchools));
	for (const target of targets) await assertPageAnswers200(target);

	const results = [];
	// One target at a time: running them together would make them compete for the same CPU.
	for (const target of targets) results.push(await measure(target, settings));
	const everything = settings.only.length === 0;
	const dossierPdf = everything || settings.only.includes('pdf') ? await measureDossierPdf(app) : undefined;
	const reportBurst = everything || settings.only.includes('burst') ? await measureReportBurst(app) : undefined;

	await Promise.all([stopChild(app.child), stopChild(bare.child)]);
	cleanUpNow();

	const report = { date: new Date().toISOString(), machine: machine(), settings, schools: app.schools, results: withRatios(results), dossierPdf, reportBurst, import: everything ? measureImport() : undefined };
	writeResults(resultsFile, report);
	printReport(report);
	assertClean(results);
}

main().catch((error) => {
	cleanUpNow();
	if (error instanceof BenchError) console.error(error.message);
	else console.error(`The benchmark failed unexpectedly: ${error?.stack ?? error}`);
	process.exitCode = 1;
});

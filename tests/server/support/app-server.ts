/**
 * Starts the built app (server.js around build/) as a child process, the way `npm start` runs it in production,
 * for tests that must see real HTTP answers: status codes, headers, redirects.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const BUILD_ENTRY = path.resolve('server.js');
const BUILT = path.resolve('build/handler.js');

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export interface AppServer {
	origin: string;
	process: ChildProcess;
	output: () => string;
	stop(): Promise<void>;
}

export async function startApp(env: Record<string, string>): Promise<AppServer> {
	if (!fs.existsSync(BUILT)) throw new Error('build/handler.js is missing: run `npm run build` first (npm test does).');
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	let output = '';
	const child = spawn(process.execPath, [BUILD_ENTRY], {
		env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ORIGIN: origin, LOG_LEVEL: 'warn', BODY_SIZE_LIMIT: '32M', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`The app exited with ${child.exitCode}:\n${output}`);
		try {
			const response = await fetch(`${origin}/healthz`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	if (Date.now() >= deadline) throw new Error(`The app did not start in time:\n${output}`);
	return {
		origin,
		process: child,
		output: () => output,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

/** Runs the built app and waits for it to exit, for start-up failures. */
export async function runAppUntilExit(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const port = String(await freePort());
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [BUILD_ENTRY], {
			env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: port, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
		child.on('exit', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}

/** Browser-like request headers: SvelteKit answers form actions with HTML only to browsers (STACK.md pitfall 3). */
export function browserHeaders(origin: string, cookie?: string): Record<string, string> {
	return { accept: 'text/html', origin, ...(cookie ? { cookie } : {}) };
}

/** The cookies a response sets, as a browser sends them back (name=value, without the attributes). */
export function cookiesSetBy(response: Response, alongside?: string): string {
	return [alongside, ...response.headers.getSetCookie().map((c) => c.split(';')[0])].filter(Boolean).join('; ');
}

/**
 * Follows a form's 303 as a browser does: a GET of its location with the cookies the answer set (and `cookie`, the
 * session), so a receipt held across the redirect (reports/receipt-once.ts) arrives. Fails on anything but a 303.
 */
export async function followRedirect(origin: string, response: Response, cookie?: string): Promise<Response> {
	if (response.status !== 303) throw new Error(`Expected a 303 redirect, got ${response.status}: ${(await response.text()).slice(0, 300)}`);
	return fetch(origin + response.headers.get('location'), { redirect: 'manual', headers: browserHeaders(origin, cookiesSetBy(response, cookie)) });
}

/** A form body; a field with several values (a group of checkboxes) is sent once per value, as browsers do. */
export function form(data: Record<string, string | readonly string[]>): URLSearchParams {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(data)) for (const item of typeof value === 'string' ? [value] : value) params.append(key, item);
	return params;
}

/**
 * GET and form POST as a browser sends them, to the app a test started. The origin is read at each call, because
 * the app starts in beforeAll, after the test file declared its client.
 */
export function browserClient(origin: () => string) {
	return {
		get: (url: string, cookie?: string): Promise<Response> => fetch(origin() + url, { redirect: 'manual', headers: browserHeaders(origin(), cookie) }),
		post: (url: string, data: Record<string, string | readonly string[]>, cookie?: string): Promise<Response> =>
			fetch(origin() + url, {
				method: 'POST',
				redirect: 'manual',
				headers: { ...browserHeaders(origin(), cookie), 'content-type': 'application/x-www-form-urlencoded' },
				body: form(data)
			})
	};
}

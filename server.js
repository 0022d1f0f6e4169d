/**
 * The app's process: node:http with the page cache's front door before SvelteKit (decision 0018), in place of
 * adapter-node's build/index.js. It reads the same settings (HOST, PORT, ORIGIN, BODY_SIZE_LIMIT, ADDRESS_HEADER,
 * XFF_DEPTH, SHUTDOWN_TIMEOUT, KEEP_ALIVE_TIMEOUT, HEADERS_TIMEOUT) and shuts down the same way on SIGINT and
 * SIGTERM: no new connections, running requests finish, after SHUTDOWN_TIMEOUT seconds the rest are closed.
 * Run it after `vite build`: `node server.js` (npm start does both).
 */
import http from 'node:http';
import process from 'node:process';
// Importing the handler starts SvelteKit: hooks.server.ts init opens the database and the front door.
import { handler } from './build/handler.js';

const host = process.env.HOST || '0.0.0.0';
const port = Number(process.env.PORT || 3000);
const shutdownTimeout = Number(process.env.SHUTDOWN_TIMEOUT || 30);

/** @type {(req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>} */
const frontDoor = globalThis[Symbol.for('pestwijzer.front-door')] ?? (async () => false);

const server = http.createServer((req, res) => {
	frontDoor(req, res).then(
		(answered) => {
			if (!answered) handler(req, res);
		},
		() => handler(req, res)
	);
});
for (const [setting, field] of [['KEEP_ALIVE_TIMEOUT', 'keepAliveTimeout'], ['HEADERS_TIMEOUT', 'headersTimeout']]) {
	if (process.env[setting]) server[field] = Number(process.env[setting]) * 1000;
}

server.listen({ host, port }, () => console.log(`Listening on http://${host}:${port}`));

let stopping;
function shutDown(reason) {
	if (stopping) return;
	server.closeIdleConnections();
	server.close(() => {
		clearTimeout(stopping);
		process.emit('sveltekit:shutdown', reason);
	});
	stopping = setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000);
	stopping.unref();
}
process.on('SIGINT', () => shutDown('SIGINT'));
process.on('SIGTERM', () => shutDown('SIGTERM'));
// While shutting down, a connection that finishes its request is closed instead of kept alive.
server.on('request', (req) => req.on('close', () => stopping && server.closeIdleConnections()));

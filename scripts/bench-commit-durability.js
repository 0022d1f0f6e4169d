#!/usr/bin/env node
/**
 * What a durable commit costs on this machine (decision 0013): SQLite in WAL mode with synchronous=FULL (what the
 * app uses: every commit is fsynced before it is answered) against NORMAL (the WAL is fsynced only at checkpoints).
 * Each commit is one transaction as the app writes an incident: BEGIN IMMEDIATE, a row of about 1 KB and an audit
 * row, COMMIT. The settings take turns, several rounds each, so a busy moment of the disk does not favour one.
 *
 * Usage: node scripts/bench-commit-durability.js [folder on the disk the data will live on] [commits per round]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';

const folder = fs.mkdtempSync(path.join(process.argv[2] ?? os.tmpdir(), 'pw-bench-commit-'));
const COMMITS = Number(process.argv[3] ?? 1000);
const ROUNDS = 3;
const SETTINGS = ['FULL', 'NORMAL'];

function round(synchronous, n) {
	const file = path.join(folder, `${synchronous}-${n}.db`);
	const db = new SQLite(file);
	db.pragma('journal_mode = WAL');
	db.pragma(`synchronous = ${synchronous}`);
	db.exec('create table incident (id text primary key, child_id text not null, what_happened text not null, created_at text not null)');
	db.exec('create table audit_event (seq integer primary key, action text not null, subject_id text not null, created_at text not null)');
	const incident = db.prepare('insert into incident values (?, ?, ?, ?)');
	const audit = db.prepare('insert into audit_event (action, subject_id, created_at) values (?, ?, ?)');
	const begin = db.prepare('begin immediate');
	const commit = db.prepare('commit');
	const child = crypto.randomUUID();
	const text = crypto.randomBytes(512).toString('hex');
	const times = [];
	for (let i = 0; i < COMMITS; i++) {
		const id = crypto.randomUUID();
		const now = new Date().toISOString();
		const started = process.hrtime.bigint();
		begin.run();
		incident.run(id, child, text, now);
		audit.run('incident.record', id, now);
		commit.run();
		times.push(Number(process.hrtime.bigint() - started) / 1e6);
	}
	db.close();
	return times;
}

const results = Object.fromEntries(SETTINGS.map((s) => [s, []]));
for (let n = 0; n < ROUNDS; n++) for (const synchronous of SETTINGS) results[synchronous].push(...round(synchronous, n));
fs.rmSync(folder, { recursive: true, force: true });

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
for (const synchronous of SETTINGS) {
	const sorted = [...results[synchronous]].sort((a, b) => a - b);
	const total = sorted.reduce((sum, t) => sum + t, 0);
	console.log(
		JSON.stringify({
			synchronous,
			commits: sorted.length,
			medianMs: Number(quantile(sorted, 0.5).toFixed(3)),
			p95Ms: Number(quantile(sorted, 0.95).toFixed(3)),
			p99Ms: Number(quantile(sorted, 0.99).toFixed(3)),
			meanMs: Number((total / sorted.length).toFixed(3)),
			commitsPerSecond: Math.round((sorted.length / total) * 1000)
		})
	);
}

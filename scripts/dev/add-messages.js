#!/usr/bin/env node
/**
 * Adds messages to both catalogues at once, so Dutch and English never drift apart.
 * Usage: node scripts/dev/add-messages.js <file.json>, where the file is { "key": { "nl": "…", "en": "…" } }.
 * An existing key is replaced. Run it under `flock /tmp/pw-messages.lock` when several people edit at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const [file] = process.argv.slice(2);
if (!file) {
	console.error('Usage: node scripts/dev/add-messages.js <file.json>');
	process.exit(2);
}
const additions = JSON.parse(fs.readFileSync(file, 'utf8'));
for (const locale of ['nl', 'en']) {
	const catalogueFile = path.join(root, 'messages', `${locale}.json`);
	const catalogue = JSON.parse(fs.readFileSync(catalogueFile, 'utf8'));
	for (const [key, texts] of Object.entries(additions)) {
		if (typeof texts?.[locale] !== 'string') {
			console.error(`${key}: no ${locale} text`);
			process.exit(1);
		}
		catalogue[key] = texts[locale];
	}
	fs.writeFileSync(catalogueFile, JSON.stringify(catalogue, null, '\t') + '\n');
}
console.log(`added ${Object.keys(additions).length} messages`);

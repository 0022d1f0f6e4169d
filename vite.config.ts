import { availableParallelism } from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// Dutch unless the visitor chose English with the language switch (a cookie); see docs/decisions/0005.
			// custom-language-path (defined in hooks.server.ts) makes pages with an address per language (/en/…,
			// decision 0016) follow their address. Keep this list equal to the `prepare` script in package.json.
			strategy: ['custom-language-path', 'cookie', 'baseLocale']
		}),
		sveltekit()
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/server/**/*.test.ts'],
		environment: 'node',
		// One worker more than cores (Vitest takes one fewer): many tests wait on PostgreSQL, a child server or argon2id's
		// thread pool, so a spare worker keeps the cores busy. On 2 cores: 170 s with 1 worker, 109 s with 3.
		maxWorkers: availableParallelism() + 1,
		// Tests that start the CLI or a server took over 30 s on a loaded 2-core machine (backup-restore, cli); CI is slower still.
		testTimeout: 90_000,
		hookTimeout: 60_000,
		reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
	}
});

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
		testTimeout: 30_000,
		hookTimeout: 60_000,
		reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
	}
});

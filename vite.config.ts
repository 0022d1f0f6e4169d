import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// Dutch unless the visitor chose English with the language switch (a cookie); see docs/decisions/0005.
			// custom-english-paths (defined in hooks.server.ts) makes the English school pages (/schools) English
			// whatever the cookie says. Keep this list equal to the `prepare` script in package.json.
			strategy: ['custom-english-paths', 'cookie', 'baseLocale']
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

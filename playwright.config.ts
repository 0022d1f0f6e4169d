/**
 * Browser tests: Debian's Chromium (never `playwright install`, STACK.md pitfall 6), against the built app on a
 * fresh database: every journey with JavaScript on (axe on every page), and with it off the journeys over the
 * pages that ship a script (support/scripted-pages.ts; every other page is the same page either way).
 * Build first: `flock /tmp/pw-build.lock npx vite build`, then `npx playwright test`.
 */
import { defineConfig, type PlaywrightWorkerOptions } from '@playwright/test';
import { DATA_DIR, ORIGIN, PORT } from './tests/e2e/support/environment';
import { WITHOUT_JS } from './tests/e2e/support/scripted-pages';

const chromium: Pick<PlaywrightWorkerOptions, 'browserName' | 'launchOptions'> = {
	browserName: 'chromium',
	launchOptions: {
		executablePath: '/usr/bin/chromium',
		// Root in a container, and no network: nothing in the background may try to reach out.
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	}
};

export default defineConfig({
	testDir: 'tests/e2e',
	// Not the default "test-results": Playwright empties its output folder, and vitest writes there too.
	outputDir: 'test-results/e2e',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	forbidOnly: Boolean(process.env.CI),
	// Generous: CI's machine has run these three times slower than a quiet one (a 30 s limit failed there once, in axe).
	timeout: 90_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	globalSetup: './tests/e2e/support/global-setup.ts',
	use: {
		baseURL: ORIGIN,
		// A Dutch browser, like most visitors' (the app itself ignores Accept-Language: docs/decisions/0005).
		locale: 'nl-NL',
		timezoneId: 'Europe/Amsterdam',
		serviceWorkers: 'block',
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure'
	},
	projects: [
		{ name: 'js', use: { ...chromium, javaScriptEnabled: true } },
		{ name: 'nojs', use: { ...chromium, javaScriptEnabled: false }, grep: new RegExp(WITHOUT_JS) }
	],
	webServer: {
		command: 'node tests/e2e/support/serve.js',
		url: `${ORIGIN}/healthz`,
		reuseExistingServer: false,
		timeout: 30_000,
		// E2E_SERVER_LOG=1 shows the server's log lines (JSON) among the test output.
		stdout: process.env.E2E_SERVER_LOG ? 'pipe' : 'ignore',
		stderr: 'pipe',
		env: {
			HOST: '127.0.0.1',
			PORT: String(PORT),
			// Without ORIGIN every form POST is refused with 403 (STACK.md pitfall 2).
			ORIGIN,
			DATA_DIR,
			BODY_SIZE_LIMIT: '32M',
			LOG_LEVEL: process.env.E2E_SERVER_LOG ? 'info' : 'warn',
			// SQLite and the outbox table, whatever the shell has set: the tests read both.
			DATABASE_URL: '',
			SMTP_URL: ''
		}
	}
});

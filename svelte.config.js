import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: false }),
		// Absolute asset paths: the 403 and 503 pages are rendered for other URLs (hooks.server.ts renderAs),
		// where relative ./_app links would point into the wrong folder.
		paths: { relative: false },
		// SECURITY.md: no 'unsafe-inline' or 'unsafe-eval'. SvelteKit adds hashes or nonces for its own inline scripts.
		csp: {
			// 'hash', not 'auto': no page renders an inline script (csr = false), so a nonce per answer is work for nothing
			// (2.4 % of the log-in page in the CPU profile, decision 0018) and would make every page's headers unique.
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'object-src': ['none'],
				'base-uri': ['none']
			}
		},
		// Forms must post from our own origin: SvelteKit's origin check is on by default (adapter-node needs ORIGIN, STACK.md pitfall 2).
	}
};

export default config;

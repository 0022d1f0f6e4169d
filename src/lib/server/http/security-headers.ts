/**
 * Headers every answer carries (SECURITY.md). The Content-Security-Policy itself comes from svelte.config.js,
 * where SvelteKit can add hashes for its own inline scripts; endpoints that are not pages get a strict one here.
 */
export function securityHeaders(headers: Headers, options: { secure: boolean; personal: boolean }): void {
	headers.set('x-content-type-options', 'nosniff');
	// 'same-origin', not 'no-referrer': with no-referrer browsers send `Origin: null` on our own form posts,
	// and SvelteKit's CSRF origin check must refuse those. Other sites still get no referrer at all
	// (docs/decisions/0006-referrer-policy.md).
	headers.set('referrer-policy', 'same-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	if (!headers.has('content-security-policy')) {
		headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
	}
	if (options.secure) headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
	// Pages of a signed-in person must not stay in a shared browser's cache or a proxy.
	if (options.personal) headers.set('cache-control', 'no-store');
}

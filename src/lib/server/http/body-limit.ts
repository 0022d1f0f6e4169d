/**
 * Request body limits (SECURITY.md: about 1 MB except uploads). adapter-node's BODY_SIZE_LIMIT (32 MB) is the
 * ceiling for the routes that take uploads, above the largest file and the largest upload of evidence we accept
 * (10 MB a file, 25 MB at once), so an oversized file still gets a readable form error. Every other route stops at FORM_BODY_LIMIT: by Content-Length when the client sends one,
 * and by counting the bytes when it streams the body without one.
 */
export const FORM_BODY_LIMIT = 1024 * 1024;

/** The routes that accept file uploads (SvelteKit route ids). */
export const UPLOAD_ROUTES: ReadonlySet<string> = new Set([
	'/(school)/school/[code]/profiel/documenten/[kind]',
	'/(parent)/dossier/[child]/voorval/[incident]/bijlagen',
	'/(public)/scholen/[code]/melden',
	'/(school)/school/[code]/meldingen/nieuw'
]);

export class BodyTooLargeError extends Error {
	override name = 'BodyTooLargeError';
}

export function isBodyTooLarge(error: unknown): boolean {
	return error instanceof BodyTooLargeError || (error instanceof Error && error.cause instanceof BodyTooLargeError);
}

/**
 * Applies the limit to a request: answers 'too-large' when its declared length is over the limit, and otherwise
 * returns the request, with a body that fails with BodyTooLargeError past the limit when no length was declared.
 */
export function limitRequestBody(request: Request, routeId: string | null): Request | 'too-large' {
	if (request.body === null || (routeId !== null && UPLOAD_ROUTES.has(routeId))) return request;
	const declared = request.headers.get('content-length');
	if (declared !== null) return Number(declared) > FORM_BODY_LIMIT ? 'too-large' : request;
	let seen = 0;
	const counted = request.body.pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			// Past the limit the rest is read and dropped, and the stream fails only at its end: failing at once would
			// answer while the client is still sending, and it would see a reset connection instead of our answer.
			transform(chunk, controller) {
				seen += chunk.byteLength;
				if (seen <= FORM_BODY_LIMIT) controller.enqueue(chunk);
			},
			flush(controller) {
				if (seen > FORM_BODY_LIMIT) controller.error(new BodyTooLargeError('Request body over the limit'));
			}
		})
	);
	return new Request(request, { body: counted, duplex: 'half' } as RequestInit);
}

/**
 * Reads and drops a refused body, so the client hears our 413 instead of a reset connection while it is still
 * sending. adapter-node stops any body at BODY_SIZE_LIMIT, so this reads at most that much.
 */
export async function discardBody(request: Request): Promise<void> {
	try {
		const reader = request.body?.getReader();
		if (!reader) return;
		while (!(await reader.read()).done) {
			// Nothing to keep.
		}
	} catch {
		// The client went away or passed the server's own limit: nothing more to read.
	}
}

/**
 * Structured JSON logs. Never log personal data: no names, e-mail addresses, tokens, report text or file contents.
 */
import pino from 'pino';

export const logger = pino({
	// The level is set from the configuration at start-up (hooks.server.ts init).
	level: 'info',
	base: undefined,
	redact: { paths: ['*.password', '*.token', '*.email', '*.cookie', 'req.headers.cookie'], remove: true }
});

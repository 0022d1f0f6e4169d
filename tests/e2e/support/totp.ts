/**
 * A stand-in for an authenticator app. The server accepts each 30-second code only once (replay
 * protection) and allows one step of clock drift, so when a code of the current step was used, the
 * next one is the code of the following step: a second log-in right after set-up need not wait.
 */
import { test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';

const PERIOD_MS = 30_000;

export class Authenticator {
	private readonly totp: TOTP;
	private lastStep = -1;

	/** `secret` as the page shows it: base32 with a space every 4 characters. */
	constructor(secret: string) {
		this.totp = new TOTP({ secret: Secret.fromBase32(secret.replace(/\s/g, '')), digits: 6, period: 30, algorithm: 'SHA1' });
	}

	/** A code the server has not seen yet. */
	async nextCode(): Promise<string> {
		const currentStep = () => Math.floor(Date.now() / PERIOD_MS);
		const step = Math.max(currentStep(), this.lastStep + 1);
		// More than one step ahead would be refused: wait until the clock catches up. That wait (up to 30 s) is
		// the clock's, not the app's, so the test gets it on top of its time limit.
		const waitMs = Math.max(0, (step - 1) * PERIOD_MS - Date.now());
		if (waitMs > 0) test.info().setTimeout(test.info().timeout + waitMs);
		while (step > currentStep() + 1) await new Promise((resolve) => setTimeout(resolve, 250));
		this.lastStep = step;
		return this.totp.generate({ timestamp: step * PERIOD_MS });
	}
}

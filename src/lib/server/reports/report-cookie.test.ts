import { beforeAll, describe, expect, it } from 'vitest';
import { setConfigForTests } from '../config';
import { testConfig } from '../testing/test-database';
import { openReportCookie, REPORT_COOKIE_MINUTES, sealReportCookie } from './report-cookie';

describe('report cookie', () => {
	beforeAll(() => setConfigForTests(testConfig()));

	it('opens to the report id until it ends', () => {
		const now = new Date('2026-12-07T09:00:00Z');
		const value = sealReportCookie('5b0b2c1e-1111-4222-8333-444455556666', now);
		expect(value).not.toContain('5b0b2c1e');
		expect(openReportCookie(value, now)).toBe('5b0b2c1e-1111-4222-8333-444455556666');
		expect(openReportCookie(value, new Date(now.getTime() + (REPORT_COOKIE_MINUTES * 60 - 1) * 1000))).toBeDefined();
		expect(openReportCookie(value, new Date(now.getTime() + REPORT_COOKIE_MINUTES * 60_000))).toBeUndefined();
	});

	it('refuses an altered cookie, one made under another secret key, and junk', () => {
		const value = sealReportCookie('5b0b2c1e-1111-4222-8333-444455556666');
		const bytes = Buffer.from(value, 'base64url');
		bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
		expect(openReportCookie(bytes.toString('base64url'))).toBeUndefined();
		expect(openReportCookie(undefined)).toBeUndefined();
		expect(openReportCookie('')).toBeUndefined();
		expect(openReportCookie('x'.repeat(1000))).toBeUndefined();
		setConfigForTests(testConfig());
		expect(openReportCookie(value)).toBeUndefined();
	});
});

/**
 * Mail over a real SMTP connection (an in-process smtp-server), and the outbox when no server is configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { listOutbox, sendMail } from './mailer';
import { resetPasswordMail, verifyEmailMail } from './templates';

describe('mail', () => {
	let t: TestDatabase;
	let server: SMTPServer;
	let port: number;
	const received: ParsedMail[] = [];

	beforeAll(async () => {
		t = await createTestDatabase('sqlite');
		server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			onData(stream, _session, callback) {
				simpleParser(stream)
					.then((mail) => {
						received.push(mail);
						callback();
					})
					.catch(callback);
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
		port = (server.server.address() as { port: number }).port;
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
		await t.dispose();
	});

	it('sends over SMTP when SMTP_URL is set, and keeps nothing in the outbox', async () => {
		const mail = verifyEmailMail('anna@example.nl', 'nl', { name: 'Anna', link: 'https://pestwijzer.example/e-mail-bevestigen?token=abc' });
		await sendMail(t.db, { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Pestwijzer <noreply@pestwijzer.example>' }, mail);
		expect(received).toHaveLength(1);
		const got = received[0]!;
		expect(got.subject).toBe('Bevestig uw e-mailadres voor Pestwijzer');
		expect(got.from?.value[0]).toMatchObject({ name: 'Pestwijzer', address: 'noreply@pestwijzer.example' });
		expect((got.to as { text: string }).text).toBe('anna@example.nl');
		expect(got.text).toContain('https://pestwijzer.example/e-mail-bevestigen?token=abc');
		expect(got.headers.get('content-language')).toBe('nl');
		expect(await listOutbox(t.db)).toEqual([]);
	});

	it('keeps mail in the outbox without SMTP, newest first', async () => {
		await sendMail(t.db, { smtpUrl: undefined, from: 'x@example.nl' }, verifyEmailMail('a@example.nl', 'en', { name: '', link: 'L1' }));
		await new Promise((r) => setTimeout(r, 5));
		await sendMail(t.db, { smtpUrl: undefined, from: 'x@example.nl' }, resetPasswordMail('b@example.nl', 'nl', { name: 'Bo', link: 'L2' }));
		const outbox = await listOutbox(t.db);
		expect(outbox.map((m) => [m.to_address, m.locale, m.subject])).toEqual([
			['b@example.nl', 'nl', 'Nieuw wachtwoord voor Pestwijzer'],
			['a@example.nl', 'en', 'Confirm your e-mail address for Pestwijzer']
		]);
		expect(outbox[1]!.text_body.startsWith('Hello,\n\n')).toBe(true);
		expect(outbox[0]!.text_body.startsWith('Hallo Bo,\n\n')).toBe(true);
	});
});

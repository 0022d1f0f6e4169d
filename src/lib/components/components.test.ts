/**
 * The form kit renders accessible markup on the server: labels tied to inputs, hints and errors in
 * aria-describedby, an error summary that links to each field.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { createRawSnippet } from 'svelte';
import ErrorSummary from './ErrorSummary.svelte';
import FormField from './FormField.svelte';
import Radios from './Radios.svelte';
import Checkboxes from './Checkboxes.svelte';
import DateInput from './DateInput.svelte';
import FileInput from './FileInput.svelte';
import Button from './Button.svelte';
import SummaryList from './SummaryList.svelte';
import NotificationBanner from './NotificationBanner.svelte';

const text = (s: string) => createRawSnippet(() => ({ render: () => `<span>${s}</span>` }));
const html = (result: { body: string }) => result.body.replace(/<!--[^>]*-->/g, '');

describe('form kit', () => {
	it('error summary links every problem to its field and takes focus', () => {
		const out = html(render(ErrorSummary, { props: { errors: { email: 'Vul uw e-mailadres in.', date: 'Vul een datum in.' }, targets: { date: 'date-day' } } }));
		expect(out).toContain('role="alert"');
		expect(out).toContain('autofocus');
		expect(out).toContain('<a href="#email">Vul uw e-mailadres in.</a>');
		expect(out).toContain('<a href="#date-day">Vul een datum in.</a>');
		expect(html(render(ErrorSummary, { props: { errors: {} } })).trim()).toBe('');
	});

	it('form field ties label, hint and error to the input', () => {
		const out = html(render(FormField, { props: { name: 'email', label: 'E-mailadres', hint: 'Uw adres', error: 'Fout adres', value: 'a"b<c', type: 'email' } }));
		expect(out).toContain('<label class="field__label" for="email">E-mailadres</label>');
		expect(out).toMatch(/aria-describedby="email-hint email-error"/);
		expect(out).toContain('aria-invalid="true"');
		expect(out).toContain('value="a&quot;b&lt;c"');
		const plain = html(render(FormField, { props: { name: 'name', label: 'Naam' } }));
		expect(plain).not.toContain('aria-describedby');
		expect(plain).not.toContain('aria-invalid');
	});

	it('radios and checkboxes sit in a fieldset with a legend and keep the choice', () => {
		const radios = html(render(Radios, { props: { name: 'locale', legend: 'Taal', value: 'en', options: [{ value: 'nl', label: 'Nederlands' }, { value: 'en', label: 'English', lang: 'en' }] } }));
		expect(radios).toContain('<legend class="fieldset__legend">Taal</legend>');
		expect(radios).toMatch(/id="locale-1" name="locale" value="en" checked/);
		expect(radios).toContain('lang="en"');
		const boxes = html(render(Checkboxes, { props: { name: 'forms', legend: 'Vormen', values: ['verbal'], options: [{ value: 'verbal', label: 'Schelden' }, { value: 'physical', label: 'Slaan' }] } }));
		expect(boxes).toMatch(/value="verbal" checked/);
		expect(boxes).not.toMatch(/value="physical" checked/);
	});

	it('date input has three labelled fields', () => {
		const out = html(render(DateInput, { props: { name: 'date', legend: 'Wanneer?', value: { day: '3', month: '9', year: '2026' }, error: 'Datum klopt niet' } }));
		for (const part of ['date-day', 'date-month', 'date-year']) expect(out).toContain(`name="${part}"`);
		expect(out).toContain('inputmode="numeric"');
		expect(out).toContain('value="2026"');
		expect(out).toContain('Datum klopt niet');
	});

	it('file input, button, summary list and banner render their content', () => {
		expect(html(render(FileInput, { props: { name: 'files', label: 'Bestanden', accept: 'image/jpeg,image/png', multiple: true } }))).toMatch(/type="file".*accept="image\/jpeg,image\/png".*multiple/);
		expect(html(render(Button, { props: { variant: 'warning', children: text('Verwijderen') } }))).toContain('class="button button--warning" type="submit"');
		const list = html(render(SummaryList, { props: { rows: [{ key: 'Naam', value: 'Anna', action: { href: '/x', label: 'Wijzigen', hiddenContext: 'naam' } }] } }));
		expect(list).toContain('<dt class="summary-list__key">Naam</dt>');
		expect(list).toContain('<span class="visually-hidden"> naam</span>');
		const banner = html(render(NotificationBanner, { props: { title: 'Gelukt', variant: 'success', children: text('Opgeslagen') } }));
		expect(banner).toContain('role="alert"');
		expect(banner).toContain('<span>Opgeslagen</span>');
	});
});

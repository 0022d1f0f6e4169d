import { describe, expect, it } from 'vitest';
import { stepUpReason } from './case-step-up';

describe('step-up rule', () => {
	it('asks for a closed case, whatever its age', () => {
		expect(stepUpReason({ state: 'closed', openedOn: '2026-12-01' }, '2026-12-07')).toBe('closed');
	});

	it('asks for a case opened more than 30 days ago, not at 30 days', () => {
		expect(stepUpReason({ state: 'in_progress', openedOn: '2026-11-07' }, '2026-12-07')).toBeUndefined();
		expect(stepUpReason({ state: 'in_progress', openedOn: '2026-11-06' }, '2026-12-07')).toBe('older_than_30_days');
		expect(stepUpReason({ state: 'new', openedOn: '2026-12-07' }, '2026-12-07')).toBeUndefined();
	});
});

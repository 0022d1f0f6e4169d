import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../testing/test-database';
import type { Actor } from '../auth/actor';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import { newId, nowIso } from '../auth/tokens';
import { describeRoles, listMyBoards, listMySchools } from './membership.service';
import { readOutbox } from '../mail/outbox.service';

describe.each(testDatabaseKinds())('memberships on %s', (kind) => {
	let t: TestDatabase;
	const boardId = newId();
	const schoolA = newId();
	const schoolB = newId();
	const actor = (roles: Actor['roles'], secondFactorEnabled = true): Actor => ({
		userId: newId(),
		email: 'x@example.nl',
		displayName: 'X',
		locale: 'nl',
		secondFactorEnabled,
		roles
	});

	beforeAll(async () => {
		t = await createTestDatabase(kind);
		const now = nowIso();
		await t.db.insertInto('board').values({ id: boardId, code: 'B', name: 'Stichting B', created_at: now }).execute();
		await t.db
			.insertInto('school')
			.values([
				{ id: schoolA, vestigingscode: '11AA00', instellingscode: '11AA', name: 'School A', place: 'Delft', postcode: null, sector: 'po', board_id: boardId, created_at: now, updated_at: now },
				{ id: schoolB, vestigingscode: '22BB00', instellingscode: '22BB', name: 'School B', place: 'Gouda', postcode: null, sector: 'vo', board_id: null, created_at: now, updated_at: now }
			])
			.execute();
	});
	afterAll(async () => t.dispose());

	it('shows staff only their own schools, with their roles there', async () => {
		const mentor = actor([
			{ role: 'mentor', school_id: schoolA, board_id: null },
			{ role: 'aanspreekpunt', school_id: schoolA, board_id: null }
		]);
		const schools = await listMySchools(t.db, mentor);
		expect(schools.map((s) => s.name)).toEqual(['School A']);
		expect(schools[0]!.roles).toEqual(['mentor', 'aanspreekpunt']);
	});

	it('refuses parents, board analysts, staff without a second factor and anonymous callers', async () => {
		await expect(listMySchools(t.db, actor([{ role: 'parent', school_id: null, board_id: null }]))).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listMySchools(t.db, actor([{ role: 'board_analyst', school_id: null, board_id: boardId }]))).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listMySchools(t.db, actor([{ role: 'mentor', school_id: schoolA, board_id: null }], false))).rejects.toBeInstanceOf(ForbiddenError);
		await expect(listMySchools(t.db, undefined)).rejects.toBeInstanceOf(UnauthenticatedError);
	});

	it('shows a board analyst the schools of their board only', async () => {
		const boards = await listMyBoards(t.db, actor([{ role: 'board_analyst', school_id: null, board_id: boardId }]));
		expect(boards).toHaveLength(1);
		expect(boards[0]!.schools.map((s) => s.name)).toEqual(['School A']);
		await expect(listMyBoards(t.db, actor([{ role: 'school_admin', school_id: schoolA, board_id: null }]))).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('describes roles with the place they belong to', async () => {
		const roles = await describeRoles(
			t.db,
			actor([
				{ role: 'parent', school_id: null, board_id: null },
				{ role: 'mentor', school_id: schoolB, board_id: null },
				{ role: 'board_analyst', school_id: null, board_id: boardId }
			])
		);
		expect(roles).toEqual([
			{ role: 'parent', place: undefined },
			{ role: 'mentor', place: 'School B' },
			{ role: 'board_analyst', place: 'Stichting B' }
		]);
	});

	it('shows the outbox to platform admins only', async () => {
		await expect(readOutbox(t.db, actor([{ role: 'school_admin', school_id: schoolA, board_id: null }]))).rejects.toBeInstanceOf(ForbiddenError);
		await expect(readOutbox(t.db, actor([{ role: 'platform_admin', school_id: null, board_id: null }]))).resolves.toEqual([]);
	});
});

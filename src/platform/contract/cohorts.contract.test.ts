import { expect, it } from 'vitest';
import { buildCategory, buildCohort } from '../../../test/factories.js';
import { describeContract, describeEmbedded, idOf, outcomes } from '../../../test/platform-contract.js';

/** The platform contract, cohorts: creation and members. */
describeContract((ctx) => {
  it('creates cohorts in the system or a category context, refusing a taken idnumber or an unknown category', async () => {
    const { store, platform } = ctx;
    const science = await buildCategory(store, { name: 'Science' });
    await buildCohort(store, { name: 'Old', idnumber: 'OLD' });
    const results = await platform.run('createCohorts', [
      { name: 'Year 1', idnumber: 'Y1', description: 'First year' },
      { name: 'Lab', idnumber: 'LAB', categoryId: science },
      { name: 'Again', idnumber: 'Y1' },
      { name: 'Older', idnumber: 'OLD' },
      { name: 'Nowhere', idnumber: 'NW', categoryId: 999_999 },
      { name: 'No idnumber' },
      { name: 'No idnumber either', idnumber: '' },
    ]);
    expect(outcomes(results)).toEqual(['ok', 'ok', 'PLATFORM_COHORT_IDNUMBER_TAKEN', 'PLATFORM_COHORT_IDNUMBER_TAKEN', 'PLATFORM_CATEGORY_NOT_FOUND', 'ok', 'ok']);
    expect(results[2]).toMatchObject({ error: { params: { idnumber: 'Y1' }, message: 'Cohort idnumber already exists: Y1' } });
    expect(results[4]).toMatchObject({ error: { params: { categoryId: 999_999 } } });
    const found = await platform.run('findCohorts', { by: { idnumber: ['Y1', 'LAB', 'NW'], name: ['No idnumber'], id: [String(idOf(results[6]))] } });
    expect(found.map(({ id, name, idnumber, description, categoryId }) => ({ id, name, idnumber, description, categoryId }))).toEqual([
      { id: idOf(results[0]), name: 'Year 1', idnumber: 'Y1', description: 'First year', categoryId: null },
      { id: idOf(results[1]), name: 'Lab', idnumber: 'LAB', description: '', categoryId: science },
      { id: idOf(results[5]), name: 'No idnumber', idnumber: '', description: '', categoryId: null },
      { id: idOf(results[6]), name: 'No idnumber either', idnumber: '', description: '', categoryId: null },
    ]);
  });

  it('adds cohort members: unknown cohort or user rejected, a member again not added twice', async () => {
    const { store, platform } = ctx;
    const cohort = idOf((await platform.run('createCohorts', [{ name: 'Year 1', idnumber: 'Y1' }]))[0]);
    const real = await buildCohort(store, { name: 'Real', idnumber: 'R' });
    const [jdoe, gone] = (await platform.run('createUsers', [
      { username: 'jdoe', firstname: 'J', lastname: 'D' },
      { username: 'gone', firstname: 'G', lastname: 'G' },
    ])).map(idOf);
    await platform.run('deleteUsers', [gone!]);
    const results = await platform.run('addCohortMembers', [
      { cohortId: cohort, userId: jdoe! },
      { cohortId: real, userId: jdoe! },
      { cohortId: cohort, userId: jdoe! },
      { cohortId: 999_999, userId: jdoe! },
      { cohortId: cohort, userId: 999_999 },
      { cohortId: cohort, userId: gone! },
    ]);
    expect(outcomes(results)).toEqual(['added', 'added', 'kept', 'PLATFORM_COHORT_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND', 'PLATFORM_USER_NOT_FOUND']);
    expect(outcomes(await platform.run('addCohortMembers', [{ cohortId: cohort, userId: jdoe! }]))).toEqual(['kept']);
  });
});

describeEmbedded((ctx) => {
  it('puts cohorts in the system context or a category context, created when missing', async () => {
    const { store, platform } = ctx;
    const science = await buildCategory(store, { name: 'Science' });
    await store.db.deleteFrom('lms_context').where('contextlevel', '=', 40).where('instanceid', '=', science).execute();
    const [system, lab] = (await platform.run('createCohorts', [{ name: 'Y1' }, { name: 'Lab', categoryId: science }])).map(idOf);
    const contexts = await store.db
      .selectFrom('lms_cohort as ch')
      .innerJoin('lms_context as ctx', 'ctx.id', 'ch.contextid')
      .select(['ch.id', 'ctx.contextlevel', 'ctx.instanceid'])
      .orderBy('ch.id')
      .execute();
    expect(contexts).toEqual([
      { id: system, contextlevel: 10, instanceid: 0 },
      { id: lab, contextlevel: 40, instanceid: science },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { describeEntityCounters } from './run-report.js';

describe('counter lines of reports and summaries', () => {
  it('shows every counter of an entity, the usual ones first, in the language asked', () => {
    const counters = { 'user.error': 2, 'user.renamed': 1, 'user.created': 3, 'mail.error': 1, 'mail.sent': 2, 'user.suspended': 1, 'group.odd': 4 };
    expect(describeEntityCounters(counters, 'en')).toEqual([
      'user: 3 created, 1 renamed, 1 suspended, 2 in error',
      'mail: 2 sent, 1 in error',
      'group: 4 odd',
    ]);
    expect(describeEntityCounters(counters, 'fr')).toEqual([
      'utilisateurs : 3 créés, 1 renommés, 1 suspendus, 2 en erreur',
      'courriels : 2 envoyés, 1 en erreur',
      'groupes : 4 odd',
    ]);
    // French agrees with the entity's gender.
    expect(describeEntityCounters({ 'enrolment.created': 2, 'enrolment.disabled': 1, 'groupmember.deleted': 3 }, 'fr')).toEqual([
      'inscriptions : 2 créées, 1 suspendues',
      'appartenances aux groupes : 3 supprimées',
    ]);
  });
});

import {
  hasTemplate,
  languagesFor,
  renderInLanguages,
  renderMessage,
  type MessageFacts,
} from './message-templates';
import { NOTIFICATION_KINDS } from '@iplus/contract';
import { DELIVERED_KINDS } from './enqueue-messages';

const facts: MessageFacts = {
  kind: 'measure_revoked',
  decisionReference: 'TAP-MONS-2026-000123',
  mandateId: 'M-1-POLICE',
  at: '2026-12-01T08:00:00.000Z',
  link: 'https://iplus.example.be/#/decisions/D-000001',
};

describe('message templates', () => {
  it('every delivered kind has its own words in French, Dutch and German', () => {
    for (const kind of DELIVERED_KINDS) {
      expect(hasTemplate(kind)).toBe(true);
      const subjects = (['fr', 'nl', 'de'] as const).map((l) => renderMessage({ ...facts, kind }, l).subject);
      expect(new Set(subjects).size).toBe(3);
      for (const s of subjects) expect(s).toContain('TAP-MONS-2026-000123');
    }
  });

  it('delivers only kinds the contract knows, and keeps old-channel cases and manual assignments in the app', () => {
    for (const kind of DELIVERED_KINDS) expect(NOTIFICATION_KINDS).toContain(kind);
    expect(DELIVERED_KINDS.has('old_channel')).toBe(false);
    expect(DELIVERED_KINDS.has('manual_assignment')).toBe(false);
  });

  it('fills in the reference, the mandate, the time and the link, and nothing about the person', () => {
    const m = renderMessage(facts, 'de');
    expect(m).toEqual({
      language: 'de',
      subject: 'I+: Maßnahme widerrufen — TAP-MONS-2026-000123',
      text: [
        'Die Maßnahme betreffend die Person aus Entscheidung TAP-MONS-2026-000123 ist mit sofortiger Wirkung widerrufen.',
        '',
        'Auftrag: M-1-POLICE',
        'Datum: 2026-12-01 08:00 UTC',
        'Akte öffnen: https://iplus.example.be/#/decisions/D-000001',
        '',
        '-- ',
        'Automatische Nachricht der I+-Plattform. Bitte antworten Sie nicht.',
      ].join('\n'),
    });
    expect(renderMessage({ ...facts, mandateId: undefined }, 'fr').text).not.toContain('Mandat');
  });

  it('a kind without a template of its own still says something, in the language', () => {
    expect(hasTemplate('a_future_kind')).toBe(false);
    expect(renderMessage({ ...facts, kind: 'a_future_kind' }, 'nl').subject).toBe(
      'I+: nieuwe gebeurtenis — TAP-MONS-2026-000123',
    );
  });

  it('chooses the language: the admin’s choice, else the agency’s, both FR and NL for a bilingual one', () => {
    expect(languagesFor('nl')).toEqual(['nl']);
    expect(languagesFor('de', null)).toEqual(['de']);
    expect(languagesFor('fr-nl')).toEqual(['fr', 'nl']);
    expect(languagesFor('fr-nl', 'nl')).toEqual(['nl']);
    expect(languagesFor('de', 'fr')).toEqual(['fr']);
    expect(languagesFor(undefined)).toEqual(['fr']);
    const both = renderInLanguages(facts, ['fr', 'nl']);
    expect(both.subject).toBe(
      'I+ : mesure révoquée — TAP-MONS-2026-000123 / I+: maatregel herroepen — TAP-MONS-2026-000123',
    );
    expect(both.text.indexOf('Ouvrir le dossier')).toBeLessThan(both.text.indexOf('Dossier openen'));
  });

  it('leaves no placeholder unfilled and names nobody, in any kind or language', () => {
    for (const kind of [...DELIVERED_KINDS, 'a_future_kind']) {
      for (const language of ['fr', 'nl', 'de'] as const) {
        const m = renderMessage({ ...facts, kind }, language);
        expect(`${m.subject}\n${m.text}`).not.toMatch(/[{}]/);
      }
    }
  });
});

/** The languages messages are written in: the recipient agency's (Brussels agencies get FR + NL). */
export const MESSAGE_LANGUAGES = ['fr', 'nl', 'de'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/**
 * What a message may say about a case: the decision's reference, the mandate, the link to the case.
 * Data minimisation (docs/DATA-PROTECTION.md, "Minimisation where data flows out"): no national
 * register number, name, address or condition. An e-mail or webhook leaves iplus for good (no purge
 * reaches a mailbox, no audit entry records who reads it); the recipient opens the case in the web UI,
 * where need-to-know applies and each read is audited.
 */
export interface MessageFacts {
  kind: string;
  decisionReference: string;
  mandateId?: string;
  /** When the event happened (ISO 8601). */
  at: string;
  /** The case in the web UI. */
  link: string;
}

export interface RenderedMessage {
  language: MessageLanguage;
  subject: string;
  text: string;
}

type Template = { subject: string; lead: string };

/** One template per kind and language; `{ref}` is filled in, nothing else. */
const TEMPLATES: Record<string, Record<MessageLanguage, Template>> = {
  escalation: {
    fr: {
      subject: 'I+ : mandat non accusé — {ref}',
      lead: "Un mandat relatif à la personne de la décision {ref} n'a pas été accusé dans le délai. Veuillez le faire traiter.",
    },
    nl: {
      subject: 'I+: mandaat niet bevestigd — {ref}',
      lead: 'Een mandaat over de persoon uit beslissing {ref} werd niet binnen de termijn bevestigd. Gelieve het te laten behandelen.',
    },
    de: {
      subject: 'I+: Auftrag nicht bestätigt — {ref}',
      lead: 'Ein Auftrag zur Person aus Entscheidung {ref} wurde nicht fristgerecht bestätigt. Bitte veranlassen Sie die Bearbeitung.',
    },
  },
  breach: {
    fr: {
      subject: 'I+ : manquement signalé — {ref}',
      lead: 'Un manquement aux conditions a été signalé pour la personne de la décision {ref}.',
    },
    nl: {
      subject: 'I+: inbreuk gemeld — {ref}',
      lead: 'Er werd een inbreuk op de voorwaarden gemeld voor de persoon uit beslissing {ref}.',
    },
    de: {
      subject: 'I+: Verstoß gemeldet — {ref}',
      lead: 'Für die Person aus Entscheidung {ref} wurde ein Verstoß gegen die Auflagen gemeldet.',
    },
  },
  measure_revoked: {
    fr: {
      subject: 'I+ : mesure révoquée — {ref}',
      lead: 'La mesure concernant la personne de la décision {ref} est révoquée avec effet immédiat.',
    },
    nl: {
      subject: 'I+: maatregel herroepen — {ref}',
      lead: 'De maatregel betreffende de persoon uit beslissing {ref} is met onmiddellijke ingang herroepen.',
    },
    de: {
      subject: 'I+: Maßnahme widerrufen — {ref}',
      lead: 'Die Maßnahme betreffend die Person aus Entscheidung {ref} ist mit sofortiger Wirkung widerrufen.',
    },
  },
  measure_ended: {
    fr: {
      subject: 'I+ : fin de la mesure — {ref}',
      lead: 'La mesure concernant la personne de la décision {ref} a pris fin. Les mandats ouverts sont clôturés.',
    },
    nl: {
      subject: 'I+: einde van de maatregel — {ref}',
      lead: 'De maatregel betreffende de persoon uit beslissing {ref} is beëindigd. De openstaande mandaten zijn afgesloten.',
    },
    de: {
      subject: 'I+: Ende der Maßnahme — {ref}',
      lead: 'Die Maßnahme betreffend die Person aus Entscheidung {ref} ist beendet. Offene Aufträge sind abgeschlossen.',
    },
  },
  measure_revised: {
    fr: {
      subject: 'I+ : conditions revues — {ref}',
      lead: 'Les conditions de la mesure concernant la personne de la décision {ref} ont été revues.',
    },
    nl: {
      subject: 'I+: voorwaarden herzien — {ref}',
      lead: 'De voorwaarden van de maatregel betreffende de persoon uit beslissing {ref} werden herzien.',
    },
    de: {
      subject: 'I+: Auflagen geändert — {ref}',
      lead: 'Die Auflagen der Maßnahme betreffend die Person aus Entscheidung {ref} wurden geändert.',
    },
  },
  domicile_moved: {
    fr: {
      subject: 'I+ : changement de domicile — {ref}',
      lead: 'Un changement de domicile a été enregistré pour la personne de la décision {ref}.',
    },
    nl: {
      subject: 'I+: verhuizing — {ref}',
      lead: 'Er werd een nieuwe woonplaats geregistreerd voor de persoon uit beslissing {ref}.',
    },
    de: {
      subject: 'I+: Wohnsitzwechsel — {ref}',
      lead: 'Für die Person aus Entscheidung {ref} wurde ein neuer Wohnsitz erfasst.',
    },
  },
  release_announced: {
    fr: {
      subject: 'I+ : libération annoncée — {ref}',
      lead: 'La prison a annoncé la libération de la personne de la décision {ref}.',
    },
    nl: {
      subject: 'I+: invrijheidstelling aangekondigd — {ref}',
      lead: 'De gevangenis heeft de invrijheidstelling van de persoon uit beslissing {ref} aangekondigd.',
    },
    de: {
      subject: 'I+: Entlassung angekündigt — {ref}',
      lead: 'Die Haftanstalt hat die Entlassung der Person aus Entscheidung {ref} angekündigt.',
    },
  },
  reminder: {
    fr: {
      subject: 'I+ : rappel — mandat en attente — {ref}',
      lead: 'Rappel : un mandat relatif à la personne de la décision {ref} attend toujours votre accusé de réception.',
    },
    nl: {
      subject: 'I+: herinnering — mandaat wacht — {ref}',
      lead: 'Herinnering: een mandaat over de persoon uit beslissing {ref} wacht nog op uw bevestiging.',
    },
    de: {
      subject: 'I+: Erinnerung — Auftrag offen — {ref}',
      lead: 'Erinnerung: Ein Auftrag zur Person aus Entscheidung {ref} wartet noch auf Ihre Bestätigung.',
    },
  },
  report_overdue: {
    fr: {
      subject: 'I+ : rapport en retard — {ref}',
      lead: "Le rapport attendu pour la personne de la décision {ref} n'a pas été remis dans le délai.",
    },
    nl: {
      subject: 'I+: verslag te laat — {ref}',
      lead: 'Het verwachte verslag over de persoon uit beslissing {ref} werd niet binnen de termijn ingediend.',
    },
    de: {
      subject: 'I+: Bericht überfällig — {ref}',
      lead: 'Der erwartete Bericht zur Person aus Entscheidung {ref} wurde nicht fristgerecht eingereicht.',
    },
  },
  report_due: {
    fr: {
      subject: 'I+ : rapport périodique attendu — {ref}',
      lead: 'Un rapport périodique de guidance est attendu pour la personne de la décision {ref}.',
    },
    nl: {
      subject: 'I+: periodiek verslag verwacht — {ref}',
      lead: 'Er wordt een periodiek begeleidingsverslag verwacht over de persoon uit beslissing {ref}.',
    },
    de: {
      subject: 'I+: regelmäßiger Bericht fällig — {ref}',
      lead: 'Ein regelmäßiger Begleitungsbericht zur Person aus Entscheidung {ref} ist fällig.',
    },
  },
  mandate_closed: {
    fr: {
      subject: 'I+ : mandat clôturé — {ref}',
      lead: "Le mandat relatif à la personne de la décision {ref} est clôturé : plus rien n'est attendu de vous.",
    },
    nl: {
      subject: 'I+: mandaat afgesloten — {ref}',
      lead: 'Het mandaat over de persoon uit beslissing {ref} is afgesloten: er wordt niets meer van u verwacht.',
    },
    de: {
      subject: 'I+: Auftrag abgeschlossen — {ref}',
      lead: 'Der Auftrag zur Person aus Entscheidung {ref} ist abgeschlossen: Von Ihnen wird nichts mehr erwartet.',
    },
  },
};

/** A kind without its own template (one lifecycle adds later) still reaches people, in words. */
const GENERIC: Record<MessageLanguage, Template> = {
  fr: {
    subject: 'I+ : nouvel événement — {ref}',
    lead: 'Un nouvel événement concerne la personne de la décision {ref}.',
  },
  nl: {
    subject: 'I+: nieuwe gebeurtenis — {ref}',
    lead: 'Er is een nieuwe gebeurtenis voor de persoon uit beslissing {ref}.',
  },
  de: {
    subject: 'I+: neues Ereignis — {ref}',
    lead: 'Es gibt ein neues Ereignis zur Person aus Entscheidung {ref}.',
  },
};

const LABELS: Record<MessageLanguage, { mandate: string; at: string; open: string; footer: string }> = {
  fr: {
    mandate: 'Mandat',
    at: 'Date',
    open: 'Ouvrir le dossier',
    footer: 'Message automatique de la plateforme I+. Ne répondez pas à ce message.',
  },
  nl: {
    mandate: 'Mandaat',
    at: 'Datum',
    open: 'Dossier openen',
    footer: 'Automatisch bericht van het I+-platform. Gelieve niet te antwoorden.',
  },
  de: {
    mandate: 'Auftrag',
    at: 'Datum',
    open: 'Akte öffnen',
    footer: 'Automatische Nachricht der I+-Plattform. Bitte antworten Sie nicht.',
  },
};

/** Whether a kind has a template of its own. */
export const hasTemplate = (kind: string): boolean => kind in TEMPLATES;

/** Writes one message in one language. Pure: the same facts give the same words. */
export function renderMessage(facts: MessageFacts, language: MessageLanguage): RenderedMessage {
  const t = TEMPLATES[facts.kind]?.[language] ?? GENERIC[language];
  const fill = (s: string) => s.replaceAll('{ref}', facts.decisionReference);
  const l = LABELS[language];
  const lines = [
    fill(t.lead),
    '',
    ...(facts.mandateId ? [`${l.mandate}: ${facts.mandateId}`] : []),
    `${l.at}: ${facts.at.slice(0, 16).replace('T', ' ')} UTC`,
    `${l.open}: ${facts.link}`,
    '',
    '-- ',
    l.footer,
  ];
  return { language, subject: fill(t.subject), text: lines.join('\n') };
}

/**
 * The languages an agency reads: its chosen one, else its own (FR, NL or DE); a bilingual
 * (Brussels, `fr-nl`) agency without a choice gets both, French first.
 */
export function languagesFor(agencyLanguage: string | undefined, chosen?: string | null): MessageLanguage[] {
  const isLanguage = (x: unknown): x is MessageLanguage => MESSAGE_LANGUAGES.includes(x as MessageLanguage);
  if (isLanguage(chosen)) return [chosen];
  if (isLanguage(agencyLanguage)) return [agencyLanguage];
  if (agencyLanguage === 'fr-nl') return ['fr', 'nl'];
  return ['fr'];
}

/** One message in the given languages: subjects joined with " / ", texts one after the other. */
export function renderInLanguages(facts: MessageFacts, languages: MessageLanguage[]): RenderedMessage {
  const parts = languages.map((lang) => renderMessage(facts, lang));
  return {
    language: parts[0]!.language,
    subject: parts.map((p) => p.subject).join(' / '),
    text: parts.map((p) => p.text).join('\n\n'),
  };
}

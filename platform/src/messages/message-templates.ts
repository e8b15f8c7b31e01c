/** The languages messages are written in: the recipient agency's (Brussels agencies get FR + NL). */
export const MESSAGE_LANGUAGES = ['fr', 'nl', 'de'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/**
 * What a message may say about a case: the decision's reference and the person's name, the mandate,
 * the link to the case. Data minimisation: never the national register number, the address or the
 * conditions; the recipient opens the case in the web UI, where need-to-know applies.
 */
export interface MessageFacts {
  kind: string;
  decisionReference: string;
  personName: string;
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

/** One template per kind and language; `{ref}` and `{name}` are filled in, nothing else. */
const TEMPLATES: Record<string, Record<MessageLanguage, Template>> = {
  escalation: {
    fr: {
      subject: 'I+ : mandat non accusé — {ref}',
      lead: "Un mandat relatif à {name} (décision {ref}) n'a pas été accusé dans le délai. Veuillez le faire traiter.",
    },
    nl: {
      subject: 'I+: mandaat niet bevestigd — {ref}',
      lead: 'Een mandaat over {name} (beslissing {ref}) werd niet binnen de termijn bevestigd. Gelieve het te laten behandelen.',
    },
    de: {
      subject: 'I+: Auftrag nicht bestätigt — {ref}',
      lead: 'Ein Auftrag zu {name} (Entscheidung {ref}) wurde nicht fristgerecht bestätigt. Bitte veranlassen Sie die Bearbeitung.',
    },
  },
  breach: {
    fr: {
      subject: 'I+ : manquement signalé — {ref}',
      lead: 'Un manquement aux conditions a été signalé pour {name} (décision {ref}).',
    },
    nl: {
      subject: 'I+: inbreuk gemeld — {ref}',
      lead: 'Er werd een inbreuk op de voorwaarden gemeld voor {name} (beslissing {ref}).',
    },
    de: {
      subject: 'I+: Verstoß gemeldet — {ref}',
      lead: 'Für {name} (Entscheidung {ref}) wurde ein Verstoß gegen die Auflagen gemeldet.',
    },
  },
  measure_revoked: {
    fr: {
      subject: 'I+ : mesure révoquée — {ref}',
      lead: 'La mesure concernant {name} (décision {ref}) est révoquée avec effet immédiat.',
    },
    nl: {
      subject: 'I+: maatregel herroepen — {ref}',
      lead: 'De maatregel betreffende {name} (beslissing {ref}) is met onmiddellijke ingang herroepen.',
    },
    de: {
      subject: 'I+: Maßnahme widerrufen — {ref}',
      lead: 'Die Maßnahme betreffend {name} (Entscheidung {ref}) ist mit sofortiger Wirkung widerrufen.',
    },
  },
  measure_ended: {
    fr: {
      subject: 'I+ : fin de la mesure — {ref}',
      lead: 'La mesure concernant {name} (décision {ref}) a pris fin. Les mandats ouverts sont clôturés.',
    },
    nl: {
      subject: 'I+: einde van de maatregel — {ref}',
      lead: 'De maatregel betreffende {name} (beslissing {ref}) is beëindigd. De openstaande mandaten zijn afgesloten.',
    },
    de: {
      subject: 'I+: Ende der Maßnahme — {ref}',
      lead: 'Die Maßnahme betreffend {name} (Entscheidung {ref}) ist beendet. Offene Aufträge sind abgeschlossen.',
    },
  },
  measure_revised: {
    fr: {
      subject: 'I+ : conditions revues — {ref}',
      lead: 'Les conditions de la mesure concernant {name} (décision {ref}) ont été revues.',
    },
    nl: {
      subject: 'I+: voorwaarden herzien — {ref}',
      lead: 'De voorwaarden van de maatregel betreffende {name} (beslissing {ref}) werden herzien.',
    },
    de: {
      subject: 'I+: Auflagen geändert — {ref}',
      lead: 'Die Auflagen der Maßnahme betreffend {name} (Entscheidung {ref}) wurden geändert.',
    },
  },
  domicile_moved: {
    fr: {
      subject: 'I+ : changement de domicile — {ref}',
      lead: 'Un changement de domicile a été enregistré pour {name} (décision {ref}).',
    },
    nl: {
      subject: 'I+: verhuizing — {ref}',
      lead: 'Er werd een nieuwe woonplaats geregistreerd voor {name} (beslissing {ref}).',
    },
    de: {
      subject: 'I+: Wohnsitzwechsel — {ref}',
      lead: 'Für {name} (Entscheidung {ref}) wurde ein neuer Wohnsitz erfasst.',
    },
  },
  release_announced: {
    fr: {
      subject: 'I+ : libération annoncée — {ref}',
      lead: 'La prison a annoncé la libération de {name} (décision {ref}).',
    },
    nl: {
      subject: 'I+: invrijheidstelling aangekondigd — {ref}',
      lead: 'De gevangenis heeft de invrijheidstelling van {name} (beslissing {ref}) aangekondigd.',
    },
    de: {
      subject: 'I+: Entlassung angekündigt — {ref}',
      lead: 'Die Haftanstalt hat die Entlassung von {name} (Entscheidung {ref}) angekündigt.',
    },
  },
  reminder: {
    fr: {
      subject: 'I+ : rappel — mandat en attente — {ref}',
      lead: 'Rappel : un mandat relatif à {name} (décision {ref}) attend toujours votre accusé de réception.',
    },
    nl: {
      subject: 'I+: herinnering — mandaat wacht — {ref}',
      lead: 'Herinnering: een mandaat over {name} (beslissing {ref}) wacht nog op uw bevestiging.',
    },
    de: {
      subject: 'I+: Erinnerung — Auftrag offen — {ref}',
      lead: 'Erinnerung: Ein Auftrag zu {name} (Entscheidung {ref}) wartet noch auf Ihre Bestätigung.',
    },
  },
  report_overdue: {
    fr: {
      subject: 'I+ : rapport en retard — {ref}',
      lead: "Le rapport attendu pour {name} (décision {ref}) n'a pas été remis dans le délai.",
    },
    nl: {
      subject: 'I+: verslag te laat — {ref}',
      lead: 'Het verwachte verslag over {name} (beslissing {ref}) werd niet binnen de termijn ingediend.',
    },
    de: {
      subject: 'I+: Bericht überfällig — {ref}',
      lead: 'Der erwartete Bericht zu {name} (Entscheidung {ref}) wurde nicht fristgerecht eingereicht.',
    },
  },
  report_due: {
    fr: {
      subject: 'I+ : rapport périodique attendu — {ref}',
      lead: 'Un rapport périodique de guidance est attendu pour {name} (décision {ref}).',
    },
    nl: {
      subject: 'I+: periodiek verslag verwacht — {ref}',
      lead: 'Er wordt een periodiek begeleidingsverslag verwacht over {name} (beslissing {ref}).',
    },
    de: {
      subject: 'I+: regelmäßiger Bericht fällig — {ref}',
      lead: 'Ein regelmäßiger Begleitungsbericht zu {name} (Entscheidung {ref}) ist fällig.',
    },
  },
  mandate_closed: {
    fr: {
      subject: 'I+ : mandat clôturé — {ref}',
      lead: "Le mandat relatif à {name} (décision {ref}) est clôturé : plus rien n'est attendu de vous.",
    },
    nl: {
      subject: 'I+: mandaat afgesloten — {ref}',
      lead: 'Het mandaat over {name} (beslissing {ref}) is afgesloten: er wordt niets meer van u verwacht.',
    },
    de: {
      subject: 'I+: Auftrag abgeschlossen — {ref}',
      lead: 'Der Auftrag zu {name} (Entscheidung {ref}) ist abgeschlossen: Von Ihnen wird nichts mehr erwartet.',
    },
  },
};

/** A kind without its own template (one lifecycle adds later) still reaches people, in words. */
const GENERIC: Record<MessageLanguage, Template> = {
  fr: {
    subject: 'I+ : nouvel événement — {ref}',
    lead: 'Un nouvel événement concerne {name} (décision {ref}).',
  },
  nl: {
    subject: 'I+: nieuwe gebeurtenis — {ref}',
    lead: 'Er is een nieuwe gebeurtenis voor {name} (beslissing {ref}).',
  },
  de: {
    subject: 'I+: neues Ereignis — {ref}',
    lead: 'Es gibt ein neues Ereignis zu {name} (Entscheidung {ref}).',
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
  const fill = (s: string) =>
    s.replaceAll('{ref}', facts.decisionReference).replaceAll('{name}', facts.personName);
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

import type { Names } from './types';

/**
 * The ten provinces (ISO 3166-2) and the Brussels-Capital Region, which the platform treats as an
 * eleventh "province" (`BE-BRU`): each has one coordinator and one routing table.
 */
export const PROVINCES: ReadonlyArray<{ code: string; name: Required<Names>; language: string }> = [
  { code: 'BE-VAN', name: { nl: 'Antwerpen', fr: 'Anvers', de: 'Antwerpen' }, language: 'nl' },
  {
    code: 'BE-VBR',
    name: { nl: 'Vlaams-Brabant', fr: 'Brabant flamand', de: 'Flämisch-Brabant' },
    language: 'nl',
  },
  { code: 'BE-VLI', name: { nl: 'Limburg', fr: 'Limbourg', de: 'Limburg' }, language: 'nl' },
  {
    code: 'BE-VOV',
    name: { nl: 'Oost-Vlaanderen', fr: 'Flandre orientale', de: 'Ostflandern' },
    language: 'nl',
  },
  {
    code: 'BE-VWV',
    name: { nl: 'West-Vlaanderen', fr: 'Flandre occidentale', de: 'Westflandern' },
    language: 'nl',
  },
  {
    code: 'BE-WBR',
    name: { nl: 'Waals-Brabant', fr: 'Brabant wallon', de: 'Wallonisch-Brabant' },
    language: 'fr',
  },
  { code: 'BE-WHT', name: { nl: 'Henegouwen', fr: 'Hainaut', de: 'Hennegau' }, language: 'fr' },
  { code: 'BE-WLG', name: { nl: 'Luik', fr: 'Liège', de: 'Lüttich' }, language: 'fr' },
  { code: 'BE-WLX', name: { nl: 'Luxemburg', fr: 'Luxembourg', de: 'Luxemburg' }, language: 'fr' },
  { code: 'BE-WNA', name: { nl: 'Namen', fr: 'Namur', de: 'Namur' }, language: 'fr' },
  {
    code: 'BE-BRU',
    name: { nl: 'Brussel-Hoofdstad', fr: 'Bruxelles-Capitale', de: 'Brüssel-Hauptstadt' },
    language: 'fr-nl',
  },
];

/** The province codes in the order the platform lists them. */
export const PROVINCE_CODES: readonly string[] = PROVINCES.map((p) => p.code);

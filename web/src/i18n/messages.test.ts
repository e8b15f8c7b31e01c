import de from './de.json';
import en from './en.json';
import fr from './fr.json';
import nl from './nl.json';
import { placeholders } from './translate';

const catalogues: Record<string, Record<string, string>> = { fr, nl, de, en };

describe('message files', () => {
  const keys = Object.keys(en).sort();

  it('are not empty', () => {
    expect(keys.length).toBeGreaterThan(100);
  });

  it.each(Object.keys(catalogues))('%s has exactly the keys of en', (language) => {
    expect(Object.keys(catalogues[language]).sort()).toEqual(keys);
  });

  it.each(Object.keys(catalogues))('%s has no empty value and no untranslated marker', (language) => {
    for (const [key, value] of Object.entries(catalogues[language])) {
      expect(typeof value).toBe('string');
      expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, marker: /TODO|FIXME|\?\?\?/.test(value) }).toEqual({ key, marker: false });
    }
  });

  it.each(Object.keys(catalogues))('%s uses the same placeholders as en', (language) => {
    for (const key of keys) {
      expect({ key, p: placeholders(catalogues[language][key] ?? '') }).toEqual({
        key,
        p: placeholders(en[key as keyof typeof en]),
      });
    }
  });

  it('translates every problem code the contract names', () => {
    for (const code of [
      'validation_failed',
      'nrn_format',
      'nrn_checksum',
      'nrn_date',
      'not_found',
      'forbidden',
      'network_error',
      'server_error',
    ]) {
      expect(keys).toContain(`errors.${code}`);
    }
  });
});

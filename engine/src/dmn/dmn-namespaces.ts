import type { DmnVersion } from './types';

/** The DMN model namespaces by version; 1.1 and 1.2 files are read the same way as 1.3 ones. */
export const DMN_NAMESPACES: Record<string, DmnVersion> = {
  'http://www.omg.org/spec/DMN/20151101/dmn.xsd': '1.1',
  'http://www.omg.org/spec/DMN/20180521/MODEL/': '1.2',
  'https://www.omg.org/spec/DMN/20191111/MODEL/': '1.3',
  'https://www.omg.org/spec/DMN/20211108/MODEL/': '1.4',
  'https://www.omg.org/spec/DMN/20230324/MODEL/': '1.5',
};

/** Extension namespaces a decision's version tag may come from. */
export const ZEEBE_NAMESPACE = 'http://camunda.org/schema/zeebe/1.0';
export const CAMUNDA_NAMESPACE = 'http://camunda.org/schema/1.0/dmn';

/** True for an `expressionLanguage` that means FEEL (any DMN version's URI, or the bare name). */
export function isFeel(language: string | undefined): boolean {
  if (language === undefined || language.trim() === '') return true;
  const l = language.trim().toLowerCase();
  return (
    l === 'feel' ||
    l.endsWith('/feel/') ||
    l.endsWith('/feel') ||
    l === 'http://www.omg.org/spec/feel/20140401'
  );
}

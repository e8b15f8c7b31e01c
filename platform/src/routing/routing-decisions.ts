import type { Municipality, ReferenceData } from '../reference/types';
import { decisionTableXml, informationRequirementXml, type TableRule } from './decision-table-xml';
import type { ProvinceRollout } from './rollout-state';
import { monitoringCentreFor } from './routing-rules';
import { feelString, feelStringOrNull, xmlEscape, xmlText } from './xml-text';

/** Decision ids of a province's routing file (`routing-BE-WHT`, `routes-BE-WHT`, …). */
export function routingDecisionIds(province: string) {
  return {
    drg: `routing-${province}-drg`,
    routing: `routing-${province}`,
    routes: `routes-${province}`,
    monitoring: `monitoring-${province}`,
    rollout: `rollout-${province}`,
  };
}

/** A FEEL reference to the result of a required decision whose id holds dashes (Camunda's backtick names). */
export function decisionRef(id: string): string {
  return `\`${id}\``;
}

/** A municipality's names for the annotation column: its own language first, then the others. */
export function annotationName(m: Municipality): string {
  const order =
    m.languageArea === 'nl'
      ? ['nl', 'fr', 'de']
      : m.languageArea === 'de'
        ? ['de', 'fr', 'nl']
        : ['fr', 'nl', 'de'];
  const names = order.map((l) => m.name[l as 'fr' | 'nl' | 'de']).filter((n): n is string => !!n);
  return [...new Set(names)].join(' / ');
}

/** Sort key so a coordinator finds a municipality by name. */
function byName(a: Municipality, b: Municipality): number {
  return annotationName(a).localeCompare(annotationName(b), 'fr') || a.nis.localeCompare(b.nis);
}

/**
 * Decision `routes-<P>`: one rule per municipality (three in Brussels, one per case language),
 * giving police zone, justice house, parquet and judicial arrondissement; null where the reference
 * data have no value, so the case goes to the coordinator instead of a guess.
 */
export function routesDecisionXml(reference: ReferenceData, province: string): string {
  const ids = routingDecisionIds(province);
  const municipalities = reference
    .municipalities()
    .filter((m) => m.province === province)
    .sort(byName);
  const rules: TableRule[] = [];
  for (const m of municipalities) {
    const common = [feelStringOrNull(m.parquetId), feelString(m.judicialArrondissement)];
    const gaps = [
      ...(m.policeZoneId === null ? ['no known police zone: the coordinator assigns one'] : []),
      ...(m.justiceHouseIds.length === 0
        ? ['no justice house established: the coordinator assigns one']
        : []),
    ];
    const annotation = [annotationName(m), ...gaps].join(' — ');
    if (m.justiceHouseIds.length > 1) {
      const byLanguage = (language: string) =>
        m.justiceHouseIds.find((id) => reference.agency(id)?.language === language) ?? null;
      const languages = ['fr', 'nl'];
      for (const language of languages) {
        rules.push({
          key: `${m.nis}-${language}`,
          inputs: [feelString(m.nis), feelString(language)],
          outputs: [feelStringOrNull(m.policeZoneId), feelStringOrNull(byLanguage(language)), ...common],
          annotation: `${annotation} — case in ${language === 'fr' ? 'French' : 'Dutch'}`,
        });
      }
      rules.push({
        key: `${m.nis}-other`,
        inputs: [feelString(m.nis), `not(${languages.map(feelString).join(', ')})`],
        outputs: [feelStringOrNull(m.policeZoneId), 'null', ...common],
        annotation: `${annotation} — language of the case unknown: the coordinator assigns the justice house`,
      });
    } else {
      rules.push({
        key: m.nis,
        inputs: [feelString(m.nis), '-'],
        outputs: [
          feelStringOrNull(m.policeZoneId),
          feelStringOrNull(m.justiceHouseIds[0] ?? null),
          ...common,
        ],
        annotation,
      });
    }
  }
  return decisionTableXml({
    id: ids.routes,
    name: `Routes ${province}`,
    description:
      'Generated from platform/reference-data (CC BY 4.0 and CC BY-SA 4.0, see its LICENSE.md) by npm run routing:generate. One rule per municipality (NIS code); null means the reference data do not establish the recipient.',
    hitPolicy: 'UNIQUE',
    inputs: [
      { name: 'nis', label: 'municipality (NIS code)', expression: 'nis', typeRef: 'string' },
      { name: 'language', label: 'language of the case', expression: 'language', typeRef: 'string' },
    ],
    outputs: [
      { name: 'policeZoneId', label: 'police zone', typeRef: 'string' },
      { name: 'justiceHouseId', label: 'justice house', typeRef: 'string' },
      { name: 'parquetId', label: 'parquet', typeRef: 'string' },
      { name: 'judicialArrondissement', label: 'judicial arrondissement', typeRef: 'string' },
    ],
    rules,
  });
}

/**
 * Decision `monitoring-<P>`: the electronic-monitoring centre, null without electronic monitoring.
 * The centre most of the province uses is the default row; the municipalities of another language
 * area (the German-speaking area in Liège) get their own row; Brussels follows the case language.
 */
export function monitoringDecisionXml(reference: ReferenceData, province: string): string {
  const ids = routingDecisionIds(province);
  const municipalities = reference.municipalities().filter((m) => m.province === province);
  const rules: TableRule[] = [
    {
      key: 'none',
      inputs: [`not(${feelString('electronic_monitoring')})`, 'not(true)', '-', '-'],
      outputs: ['null'],
      annotation: 'no electronic monitoring in this case',
    },
  ];
  if (municipalities.some((m) => m.languageArea === 'fr-nl')) {
    rules.push(
      {
        key: 'nl',
        inputs: ['-', '-', '-', feelString('nl')],
        outputs: [feelString('EM-VCET')],
        annotation: 'Brussels, case in Dutch',
      },
      {
        key: 'fr',
        inputs: ['-', '-', '-', feelString('fr')],
        outputs: [feelString('EM-DSE-FWB')],
        annotation: 'Brussels, case in French',
      },
      {
        key: 'default',
        inputs: ['-', '-', '-', '-'],
        outputs: ['null'],
        annotation: 'Brussels, language of the case unknown: the coordinator assigns the centre',
      },
    );
  } else {
    const groups = new Map<string, Municipality[]>();
    for (const m of municipalities) {
      const centre = monitoringCentreFor(m, null, true)!;
      groups.set(centre, [...(groups.get(centre) ?? []), m]);
    }
    const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
    for (const [centre, members] of ordered.slice(1)) {
      const area =
        members[0]!.languageArea === 'de'
          ? 'German-speaking area'
          : `${members[0]!.languageArea} language area`;
      rules.push({
        key: centre,
        inputs: ['-', '-', members.map((m) => feelString(m.nis)).join(', '), '-'],
        outputs: [feelString(centre)],
        annotation: `${area}: ${members.sort(byName).map(annotationName).join(', ')}`,
      });
    }
    const [defaultCentre] = ordered[0] ?? [null];
    rules.push({
      key: 'default',
      inputs: ['-', '-', '-', '-'],
      outputs: [feelStringOrNull(defaultCentre)],
      annotation: 'every other municipality of the province',
    });
  }
  return decisionTableXml({
    id: ids.monitoring,
    name: `Monitoring centre ${province}`,
    description:
      'Flemish region and Brussels nl: EM-VCET; Walloon French-speaking area and Brussels fr: EM-DSE-FWB; German-speaking area: EM-ZEU-DG (doubt: see platform/reference-data/COVERAGE.md).',
    hitPolicy: 'FIRST',
    inputs: [
      { name: 'measure', label: 'measure', expression: 'measure', typeRef: 'string' },
      {
        name: 'electronicMonitoring',
        label: 'electronic monitoring',
        expression: 'electronicMonitoring',
        typeRef: 'boolean',
      },
      { name: 'nis', label: 'municipality (NIS code)', expression: 'nis', typeRef: 'string' },
      { name: 'language', label: 'language of the case', expression: 'language', typeRef: 'string' },
    ],
    outputs: [{ name: 'monitoringCentreId', label: 'monitoring centre', typeRef: 'string' }],
    rules,
  });
}

/**
 * Decision `rollout-<P>`: whether the case's judicial arrondissement is live (hit policy FIRST, one
 * row per arrondissement, then the default row). Its input is the variable `judicialArrondissement`
 * when given (the rollout view evaluates the decision alone), else the arrondissement `routes-<P>`
 * found for the case. Rewritten by `withRollout` on PUT /api/routing/rollout.
 */
export function rolloutDecisionXml(province: string, rollout: ProvinceRollout): string {
  const ids = routingDecisionIds(province);
  const rules: TableRule[] = rollout.arrondissements.map((a) => ({
    key: slug(a.name),
    inputs: [feelString(a.name)],
    outputs: [String(a.live)],
    annotation: `${a.name}: ${a.live ? 'live on iplus' : 'not live yet (old channel)'}`,
  }));
  rules.push({
    key: 'default',
    inputs: ['-'],
    outputs: [String(rollout.live)],
    annotation: `any other or unknown arrondissement: ${rollout.live ? 'live' : 'not live (old channel)'}`,
  });
  return decisionTableXml({
    id: ids.rollout,
    name: `Rollout ${province}`,
    requires: [ids.routes],
    hitPolicy: 'FIRST',
    inputs: [
      {
        name: 'judicialArrondissement',
        label: 'judicial arrondissement',
        // Given directly (GET /api/routing/rollout evaluates this decision alone), or the case's.
        expression: `if judicialArrondissement = null then ${decisionRef(ids.routes)}.judicialArrondissement else judicialArrondissement`,
        typeRef: 'string',
      },
    ],
    outputs: [{ name: 'live', label: 'live', typeRef: 'boolean' }],
    rules,
  });
}

/** Decision `routing-<P>`: the context the process reads as `routing`, built from the three tables. */
export function routingDecisionXml(province: string): string {
  const ids = routingDecisionIds(province);
  const routes = decisionRef(ids.routes);
  const expression = [
    '{',
    `  policeZoneId: ${routes}.policeZoneId,`,
    `  justiceHouseId: ${routes}.justiceHouseId,`,
    `  monitoringCentreId: ${decisionRef(ids.monitoring)},`,
    `  parquetId: ${routes}.parquetId,`,
    `  judicialArrondissement: ${routes}.judicialArrondissement,`,
    `  live: ${decisionRef(ids.rollout)} = true`,
    '}',
  ].join('\n');
  return [
    `  <decision id="${ids.routing}" name="${xmlEscape(`Routing ${province}`)}">`,
    `    <description>Where a case goes: police zone, justice house, monitoring centre, parquet, and whether the region is live.</description>`,
    `    <variable id="${ids.routing}-variable" name="${ids.routing}" />`,
    ...[ids.routes, ids.monitoring, ids.rollout].flatMap((required) =>
      informationRequirementXml(ids.routing, required),
    ),
    `    <literalExpression id="${ids.routing}-expression">`,
    `      <text>${xmlText(expression)}</text>`,
    `    </literalExpression>`,
    `  </decision>`,
  ].join('\n');
}

/** An id-safe form of an arrondissement name ("Brussel/Bruxelles" → "brussel-bruxelles"). */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

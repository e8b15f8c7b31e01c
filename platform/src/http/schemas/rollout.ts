import {
  READINESS_RECIPIENT_KINDS,
  REGION_STATES,
  ROLLOUT_SWITCH_KINDS,
  ROLLOUT_SWITCH_STATUSES,
} from '@iplus/contract';

/** Schemas of the rollout cockpit (`/api/routing/rollout…`), registered once as OpenAPI components. */
const countRequired = ['state', 'liveMunicipalities', 'oldChannelMunicipalities'] as const;
const count = {
  state: { type: 'string', enum: [...REGION_STATES] },
  liveMunicipalities: { type: 'integer' },
  oldChannelMunicipalities: { type: 'integer' },
} as const;

export const RolloutSchema = {
  $id: 'Rollout',
  type: 'object',
  required: ['provinces'],
  description:
    'The state routing applies today in each province and arrondissement (live, old channel or mixed, with the number of municipalities in each), counted from the routing decision itself.',
  properties: {
    provinces: {
      type: 'array',
      items: {
        type: 'object',
        required: ['province', 'live', ...countRequired, 'arrondissements'],
        properties: {
          province: { type: 'string' },
          live: { type: 'boolean', description: 'every municipality of the province is live' },
          ...count,
          arrondissements: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'live', ...countRequired],
              properties: {
                name: { type: 'string' },
                live: { type: 'boolean', description: 'the arrondissement’s row in the rollout table' },
                ...count,
              },
            },
          },
        },
      },
    },
  },
} as const;

export const RolloutProvinceSchema = {
  $id: 'RolloutProvince',
  type: 'object',
  required: ['province', ...countRequired, 'arrondissements', 'municipalities'],
  description:
    'One province’s rollout: its state, each arrondissement’s, and every municipality as routing sees it today.',
  properties: {
    province: { type: 'string' },
    ...count,
    arrondissements: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'switchedLive', ...countRequired],
        properties: { name: { type: 'string' }, switchedLive: { type: 'boolean' }, ...count },
      },
    },
    municipalities: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'nis',
          'name',
          'arrondissement',
          'policeZoneId',
          'policeZoneName',
          'justiceHouseId',
          'monitoringCentreId',
          'live',
        ],
        properties: {
          nis: { type: 'string' },
          name: { $ref: 'Name#' },
          arrondissement: { type: 'string' },
          policeZoneId: { type: ['string', 'null'] },
          policeZoneName: {
            type: ['object', 'null'],
            properties: {
              fr: { type: 'string' },
              nl: { type: 'string' },
              de: { type: 'string' },
              en: { type: 'string' },
            },
          },
          justiceHouseId: { type: ['string', 'null'] },
          monitoringCentreId: { type: ['string', 'null'] },
          live: { type: 'boolean' },
        },
      },
    },
  },
} as const;

export const RolloutReadinessSchema = {
  $id: 'RolloutReadiness',
  type: 'object',
  required: ['province', 'arrondissements'],
  properties: {
    province: { type: 'string' },
    arrondissements: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'ready', 'recipients', 'tests', 'withoutZone'],
        properties: {
          name: { type: 'string' },
          ready: { type: 'boolean' },
          recipients: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'agencyId',
                'kind',
                'name',
                'municipalities',
                'activeUsers',
                'activeTokens',
                'unread',
              ],
              properties: {
                agencyId: { type: 'string' },
                kind: { type: 'string', enum: [...READINESS_RECIPIENT_KINDS] },
                name: { $ref: 'Name#' },
                municipalities: { type: 'integer' },
                activeUsers: { type: 'integer' },
                activeTokens: { type: 'integer' },
                unread: { type: 'boolean', description: 'nobody would read this recipient’s inbox' },
              },
            },
          },
          tests: {
            type: 'object',
            required: ['total', 'failures'],
            properties: {
              total: { type: 'integer' },
              failures: { type: 'array', items: { type: 'string' } },
            },
          },
          withoutZone: {
            type: 'array',
            items: {
              type: 'object',
              required: ['nis', 'name'],
              properties: { nis: { type: 'string' }, name: { $ref: 'Name#' } },
            },
          },
        },
      },
    },
  },
} as const;

export const OldChannelCasesSchema = {
  $id: 'OldChannelCases',
  type: 'object',
  required: ['cases'],
  description:
    'The open old-channel cases of a region: they stay on the old channel unless re-sent when it goes live.',
  properties: {
    cases: {
      type: 'array',
      items: {
        type: 'object',
        required: ['decisionId', 'reference', 'nis', 'arrondissement', 'receivedAt'],
        properties: {
          decisionId: { type: 'string' },
          reference: { type: 'string' },
          nis: { type: 'string' },
          arrondissement: { type: 'string' },
          receivedAt: { type: 'string' },
        },
      },
    },
  },
} as const;

export const RolloutSwitchSchema = {
  $id: 'RolloutSwitch',
  type: 'object',
  required: [
    'id',
    'province',
    'arrondissement',
    'live',
    'kind',
    'reason',
    'resendOldChannel',
    'requestedBy',
    'requestedAt',
    'dueAt',
    'status',
    'processInstanceKey',
    'doneAt',
    'doneBy',
    'tableVersion',
    'detail',
  ],
  description:
    'One entry of the rollout history: who asked for which switch, when and why, and what became of it.',
  properties: {
    id: { type: 'string' },
    province: { type: 'string' },
    arrondissement: { type: ['string', 'null'] },
    live: { type: 'boolean' },
    kind: { type: 'string', enum: [...ROLLOUT_SWITCH_KINDS] },
    reason: { type: 'string' },
    resendOldChannel: { type: 'boolean' },
    requestedBy: { type: 'string' },
    requestedAt: { type: 'string' },
    dueAt: { type: ['string', 'null'] },
    status: { type: 'string', enum: [...ROLLOUT_SWITCH_STATUSES] },
    processInstanceKey: { type: ['string', 'null'] },
    doneAt: { type: ['string', 'null'] },
    doneBy: { type: ['string', 'null'] },
    tableVersion: { type: ['integer', 'null'] },
    detail: { type: 'string' },
  },
} as const;

export const RolloutSchemas = [
  RolloutSchema,
  RolloutProvinceSchema,
  RolloutReadinessSchema,
  OldChannelCasesSchema,
  RolloutSwitchSchema,
];

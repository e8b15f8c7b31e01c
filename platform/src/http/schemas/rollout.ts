/** Schemas of the rollout cockpit (`/api/routing/rollout…`), registered once as OpenAPI components. */
const count = {
  state: { type: 'string', enum: ['live', 'old_channel', 'mixed'] },
  liveMunicipalities: { type: 'integer' },
  oldChannelMunicipalities: { type: 'integer' },
} as const;

export const RolloutSchema = {
  $id: 'Rollout',
  type: 'object',
  description:
    'The state routing applies today in each province and arrondissement (live, old channel or mixed, with the number of municipalities in each), counted from the routing decision itself.',
  properties: {
    provinces: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          province: { type: 'string' },
          live: { type: 'boolean', description: 'every municipality of the province is live' },
          ...count,
          arrondissements: {
            type: 'array',
            items: {
              type: 'object',
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
  description:
    'One province’s rollout: its state, each arrondissement’s, and every municipality as routing sees it today.',
  properties: {
    province: { type: 'string' },
    ...count,
    arrondissements: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, switchedLive: { type: 'boolean' }, ...count },
      },
    },
    municipalities: {
      type: 'array',
      items: {
        type: 'object',
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
  properties: {
    province: { type: 'string' },
    arrondissements: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          ready: { type: 'boolean' },
          recipients: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                agencyId: { type: 'string' },
                kind: { type: 'string', enum: ['police_zone', 'justice_house', 'em_centre'] },
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
            properties: {
              total: { type: 'integer' },
              failures: { type: 'array', items: { type: 'string' } },
            },
          },
          withoutZone: {
            type: 'array',
            items: { type: 'object', properties: { nis: { type: 'string' }, name: { $ref: 'Name#' } } },
          },
        },
      },
    },
  },
} as const;

export const OldChannelCasesSchema = {
  $id: 'OldChannelCases',
  type: 'object',
  description:
    'The open old-channel cases of a region: they stay on the old channel unless re-sent when it goes live.',
  properties: {
    cases: {
      type: 'array',
      items: {
        type: 'object',
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
  description:
    'One entry of the rollout history: who asked for which switch, when and why, and what became of it.',
  properties: {
    id: { type: 'string' },
    province: { type: 'string' },
    arrondissement: { type: ['string', 'null'] },
    live: { type: 'boolean' },
    kind: { type: 'string', enum: ['switch', 'scheduled', 'rollback'] },
    reason: { type: 'string' },
    resendOldChannel: { type: 'boolean' },
    requestedBy: { type: 'string' },
    requestedAt: { type: 'string' },
    dueAt: { type: ['string', 'null'] },
    status: { type: 'string', enum: ['scheduled', 'applied', 'cancelled', 'failed'] },
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

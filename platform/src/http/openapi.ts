import type { FastifyInstance, RouteOptions } from 'fastify';

type JsonSchema = Record<string, unknown>;

interface CollectedRoute {
  method: string;
  url: string;
  schema: JsonSchema;
  extraRequestContent?: Record<string, { schema: JsonSchema }>;
}

/** Extra request media types a route documents but validates itself (multipart uploads). */
export interface OpenApiRouteConfig {
  openapiRequestContent?: Record<string, { schema: JsonSchema }>;
}

/**
 * Builds the OpenAPI 3.1 description from the very schemas fastify validates and serialises with:
 * every route registered with a `schema` is collected as it is added, and shared schemas added with
 * `app.addSchema({ $id })` become components. Nothing is written twice, so nothing can drift.
 */
export class OpenApiCollector {
  private readonly routes: CollectedRoute[] = [];

  /** Call before any route is registered. */
  attach(app: FastifyInstance): void {
    app.addHook('onRoute', (route: RouteOptions) => {
      if (!route.schema || (route.schema as JsonSchema).hide) return;
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === 'HEAD') continue;
        this.routes.push({
          method: method.toLowerCase(),
          url: route.url,
          schema: route.schema as JsonSchema,
          extraRequestContent: (route.config as OpenApiRouteConfig | undefined)?.openapiRequestContent,
        });
      }
    });
  }

  /** The document, with the shared schemas of `app` as components. */
  document(app: FastifyInstance, info: { title: string; version: string }): JsonSchema {
    const components: Record<string, JsonSchema> = {};
    for (const [id, schema] of Object.entries(app.getSchemas() as Record<string, JsonSchema>)) {
      const { $id: _id, ...rest } = schema;
      components[id] = rewriteRefs(rest) as JsonSchema;
    }
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      (paths[path] ??= {})[r.method] = operation(r);
    }
    return {
      openapi: '3.1.0',
      info: {
        ...info,
        description: 'iplus HTTP API. Errors are RFC 7807 application/problem+json documents.',
      },
      jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
      servers: [{ url: '/' }],
      paths,
      components: {
        schemas: components,
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (iplus_<id>_<secret>)' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'iplus_session',
            description: 'web session; state changes also need the X-CSRF-Token header',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    };
  }
}

function operation(r: CollectedRoute): Record<string, unknown> {
  const s = r.schema;
  const op: Record<string, unknown> = {
    operationId: s.operationId,
    summary: s.summary,
    description: s.description,
    tags: s.tags,
  };
  if (s.security) op.security = s.security;
  const parameters: unknown[] = [];
  for (const [where, key] of [
    ['path', 'params'],
    ['query', 'querystring'],
    ['header', 'headers'],
  ] as const) {
    const part = s[key] as JsonSchema | undefined;
    const props = (part?.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((part?.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries(props)) {
      const { description, ...rest } = schema;
      parameters.push({
        name,
        in: where,
        required: where === 'path' || required.has(name),
        description,
        schema: rewriteRefs(rest),
      });
    }
  }
  if (parameters.length > 0) op.parameters = parameters;
  const body = s.body as JsonSchema | undefined;
  if (body || r.extraRequestContent) {
    const content: Record<string, unknown> = {};
    if (body?.content) {
      for (const [media, entry] of Object.entries(body.content as Record<string, { schema: JsonSchema }>)) {
        content[media] = { schema: rewriteRefs(entry.schema) };
      }
    } else if (body) {
      content['application/json'] = { schema: rewriteRefs(body) };
    }
    for (const [media, entry] of Object.entries(r.extraRequestContent ?? {})) {
      content[media] = { schema: rewriteRefs(entry.schema) };
    }
    op.requestBody = { required: true, content };
  }
  const responses: Record<string, unknown> = {};
  for (const [status, schema] of Object.entries((s.response ?? {}) as Record<string, JsonSchema>)) {
    const { description, content, ...rest } = schema;
    const fallback = status.startsWith('2') ? 'OK' : 'Problem';
    if (content) {
      responses[status] = { description: description ?? fallback, content: rewriteRefs(content) };
    } else if (rest.type === 'null') {
      responses[status] = { description: description ?? fallback };
    } else {
      const media = status.startsWith('2') ? 'application/json' : 'application/problem+json';
      responses[status] = {
        description: description ?? fallback,
        content: { [media]: { schema: rewriteRefs(rest) } },
      };
    }
  }
  op.responses = responses;
  return op;
}

/** `{ $ref: 'Mandate#' }` (fastify's shared-schema reference) → `#/components/schemas/Mandate`. */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && /^[A-Za-z0-9_]+#$/.test(v)) {
        out[k] = `#/components/schemas/${v.slice(0, -1)}`;
      } else {
        out[k] = rewriteRefs(v);
      }
    }
    return out;
  }
  return value;
}

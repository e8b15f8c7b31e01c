import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type SerializerFactory = ReturnType<typeof SerializerSelector>;
type Serializer = ReturnType<ReturnType<SerializerFactory>>;

/**
 * Fastify's response serializers for one server, each distinct schema compiled once. Fastify
 * compiles a serializer per route and status code at start (fast-json-stringify generates and
 * compiles code for each): 548 for our API, of only 68 distinct schemas (a problem for 400, 401,
 * 403, 404…, a mandate, a page of them). In a context with shared schemas (`addSchema`) it also asks
 * this factory anew for every route, so the cache spans those calls. A serializer depends only on its
 * schema and the shared schemas, which are only ever added to, never changed: the key is the schema
 * and the `$id`s of the shared ones.
 */
export function sharedSerializers(): SerializerFactory {
  const build = SerializerSelector();
  const compiled = new Map<string, Serializer>();
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    const shared = Object.keys((externalSchemas ?? {}) as object)
      .sort()
      .join(' ');
    return (route) => {
      const key = `${shared}\n${JSON.stringify(route.schema)}`;
      let serializer = compiled.get(key);
      if (!serializer) {
        serializer = compile(route);
        compiled.set(key, serializer);
      }
      return serializer;
    };
  };
}

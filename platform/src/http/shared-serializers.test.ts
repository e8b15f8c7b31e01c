import { sharedSerializers } from './shared-serializers';

// Given Fastify's calls for a server's response serializers (the factory asked anew for each route),
// when routes share a response schema, then they share one compiled serializer, which still
// serializes by its schema.
describe('shared serializers', () => {
  const Problem = {
    $id: 'Problem',
    type: 'object',
    properties: { status: { type: 'integer' }, title: { type: 'string' } },
  };
  const route = (url: string, schema: unknown) => ({ method: 'GET', url, httpStatus: '404', schema });

  it('compiles an equal schema once across routes, and a different one apart', () => {
    const factory = sharedSerializers();
    const a = factory({ Problem }, {})(route('/a', { $ref: 'Problem#' }));
    const b = factory({ Problem }, {})(route('/b', { $ref: 'Problem#' }));
    const page = factory(
      { Problem },
      {},
    )(route('/c', { type: 'object', properties: { n: { type: 'integer' } } }));
    expect(b).toBe(a);
    expect(page).not.toBe(a);
    expect(JSON.parse(a({ status: 404, title: 'Not found', secret: 'x' }))).toEqual({
      status: 404,
      title: 'Not found',
    });
    expect(page({ n: 3, title: 'x' })).toBe('{"n":3}');
  });

  it('compiles again once another shared schema was added, and per server', () => {
    const factory = sharedSerializers();
    const before = factory({ Problem }, {})(route('/a', { $ref: 'Problem#' }));
    const Name = { $id: 'Name', type: 'string' };
    const after = factory({ Problem, Name }, {})(route('/a', { $ref: 'Problem#' }));
    expect(after).not.toBe(before);
    expect(sharedSerializers()({ Problem }, {})(route('/a', { $ref: 'Problem#' }))).not.toBe(before);
  });
});

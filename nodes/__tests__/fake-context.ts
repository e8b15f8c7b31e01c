/**
 * A fake n8n execute / webhook context for the nodes' unit tests. The transport is mocked at its
 * boundary: `httpRequestWithAuthentication` answers from `respond`, as the platform would (status code
 * and body), or throws, as a platform out of reach does. Everything else a node asks of n8n
 * (parameters, items, binary data, waiting) is answered from the options and recorded.
 */
import type {
  IDataObject,
  IExecuteData,
  IExecuteFunctions,
  IHttpRequestOptions,
  INode,
  INodeExecutionData,
  ITaskMetadata,
  IWebhookFunctions,
} from 'n8n-workflow';

export type PlatformAnswer = { statusCode: number; body: unknown };

export type FakeContextOptions = {
  /** Parameters every item shares. */
  parameters?: Record<string, unknown>;
  /** Parameters of one item, over the shared ones. */
  itemParameters?: Array<Record<string, unknown>>;
  items?: INodeExecutionData[];
  continueOnFail?: boolean;
  /** Binary contents by field name, for every item. */
  binaries?: Record<string, Buffer>;
  respond: (request: IHttpRequestOptions) => PlatformAnswer | Promise<PlatformAnswer>;
  resumeUrl?: string;
  /** Webhook contexts: the request's body and query. */
  body?: IDataObject;
  query?: IDataObject;
};

export const BASE_URL = 'http://iplus.test';

export type FakeContext = IExecuteFunctions &
  IWebhookFunctions & {
    requests: IHttpRequestOptions[];
    waitTill: Date | undefined;
    executeData: IExecuteData;
    response: { status?: number; json?: unknown };
  };

/** Builds the fake context; `node` is the node the errors are raised for. */
export function fakeContext(options: FakeContextOptions, node: Partial<INode> = {}): FakeContext {
  const items = options.items ?? [{ json: {} }];
  const requests: IHttpRequestOptions[] = [];
  const response: FakeContext['response'] = {};
  const executeData: IExecuteData = {
    node: fakeNode(node),
    data: { main: [items] },
    source: null,
  };
  const parameter = (name: string, itemIndex: number): unknown => {
    const own = options.itemParameters?.[itemIndex];
    if (own && name in own) return own[name];
    return options.parameters?.[name];
  };
  const context = {
    requests,
    response,
    executeData,
    waitTill: undefined as Date | undefined,
    getNode: () => executeData.node,
    getWorkflow: () => ({ id: 'wf-1', name: 'iplus test workflow', active: false }),
    getInputData: () => items,
    continueOnFail: () => options.continueOnFail ?? false,
    getNodeParameter(
      name: string,
      itemIndex = 0,
      fallback?: unknown,
      parameterOptions?: { extractValue?: boolean },
    ): unknown {
      const value = parameter(name, itemIndex);
      if (value === undefined) {
        if (fallback !== undefined) return fallback;
        throw new Error(`test setup: parameter "${name}" not given`);
      }
      if (parameterOptions?.extractValue && value && typeof value === 'object' && 'value' in value) {
        return (value as { value: unknown }).value;
      }
      return value;
    },
    getCurrentNodeParameter: (name: string) => parameter(name, 0),
    getCredentials: async () => ({ baseUrl: `${BASE_URL}/`, apiToken: 'test-token' }),
    evaluateExpression(expression: string): unknown {
      if (expression.includes('$execution.resumeUrl')) {
        return options.resumeUrl ?? 'http://n8n.test/webhook-waiting/41?signature=token';
      }
      throw new Error(`test setup: cannot evaluate ${expression}`);
    },
    getExecuteData: () => executeData,
    setMetadata(metadata: ITaskMetadata) {
      executeData.metadata = { ...executeData.metadata, ...metadata };
    },
    async putExecutionToWait(waitTill: Date) {
      context.waitTill = waitTill;
    },
    getBodyData: () => options.body ?? {},
    getQueryData: () => options.query ?? {},
    getResponseObject: () => ({
      status(code: number) {
        response.status = code;
        return this;
      },
      json(body: unknown) {
        response.json = body;
        return this;
      },
    }),
    helpers: {
      async httpRequestWithAuthentication(credentialType: string, request: IHttpRequestOptions) {
        if (credentialType !== 'iplusApi') throw new Error(`unexpected credential ${credentialType}`);
        requests.push(request);
        const answer = await options.respond(request);
        return { ...answer, headers: {} };
      },
      async getBinaryDataBuffer(_itemIndex: number, field: string) {
        const buffer = options.binaries?.[field];
        if (!buffer) throw new Error(`test setup: no binary ${field}`);
        return buffer;
      },
    },
  };
  return context as unknown as FakeContext;
}

function fakeNode(node: Partial<INode>): INode {
  return {
    id: 'node-1',
    name: 'iplus node',
    type: 'n8n-nodes-iplus.test',
    typeVersion: 1,
    position: [0, 0],
    parameters: {},
    ...node,
  };
}

/** A problem+json answer of the platform. */
export function problem(status: number, fields: IDataObject): PlatformAnswer {
  return {
    statusCode: status,
    body: { type: `https://iplus.example/problems/${String(fields.code)}`, status, ...fields },
  };
}

/** The error a promise rejects with, for assertions on its message, description and context. */
export async function rejection(promise: Promise<unknown>): Promise<Error & IDataObject> {
  try {
    await promise;
  } catch (error) {
    return error as Error & IDataObject;
  }
  throw new Error('expected the promise to reject');
}

import type {
  IAuthenticateGeneric,
  Icon,
  ICredentialTestRequest,
  ICredentialType,
  INodeProperties,
} from 'n8n-workflow';

/** The iplus platform's base URL and an API token (an agency-scoped bearer token). */
export class IplusApi implements ICredentialType {
  name = 'iplusApi';

  displayName = 'Iplus API';

  icon: Icon = { light: 'file:../nodes/Iplus/iplus.svg', dark: 'file:../nodes/Iplus/iplus.dark.svg' };

  documentationUrl = 'https://github.com/iplus-platform/iplus#use-from-n8n';

  properties: INodeProperties[] = [
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: 'http://127.0.0.1:8080',
      placeholder: 'http://127.0.0.1:8080',
      description: 'Address of the iplus platform',
    },
    {
      displayName: 'API Token',
      name: 'apiToken',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description:
        "An API token of a platform user; it decides what the nodes may see and do (a parquet clerk's to upload decisions, a police agent's for a zone's mandates). Demo tokens are in data/platform/demo-credentials.json.",
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {
      headers: {
        Authorization: '=Bearer {{$credentials.apiToken}}',
      },
    },
  };

  test: ICredentialTestRequest = {
    request: {
      baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}',
      url: '/api/whoami',
    },
  };
}

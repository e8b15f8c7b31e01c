import * as path from 'node:path';
import { loadGatewayService, zeebeProtoPath } from './proto';

describe('the served gateway protocol', () => {
  it('is the zeebe.proto of the installed @camunda8/sdk (8.8), read at run time', () => {
    const file = zeebeProtoPath();
    expect(file).toContain(path.join('@camunda8', 'sdk', 'dist', 'proto', 'zeebe.proto'));
    expect(file).not.toContain(path.join('engine', 'src'));
  });

  it('has the RPCs newer than zeebe-node 8.3, beside the old ones', () => {
    const service = loadGatewayService();
    for (const rpc of [
      'MigrateProcessInstance',
      'ModifyProcessInstance',
      'DeleteResource',
      'UpdateJobTimeout',
    ])
      expect(Object.keys(service)).toContain(rpc);
    for (const rpc of ['ActivateJobs', 'StreamActivatedJobs', 'DeployResource', 'DeployProcess', 'Topology'])
      expect(Object.keys(service)).toContain(rpc);
  });
});

import type { Config } from './config/schema';
import { ConfigError } from './config/variable';

/**
 * `iplus purge [justification]`: asks the running platform (IPLUS_HTTP_HOST:IPLUS_HTTP_PORT) to run the
 * retention purge now, as the admin whose API token is IPLUS_ADMIN_TOKEN (for cron or an operator);
 * prints the purge's counts. The purge itself runs in the platform, so it is audited there, under that
 * admin's name, and never races a second purge of the same instance.
 */
export async function purgeCommand(config: Config, justification: string | undefined): Promise<string> {
  if (!config.adminToken)
    throw new ConfigError('IPLUS_ADMIN_TOKEN', '', "an admin's API token (POST /api/tokens as an admin)");
  const host = config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost;
  const res = await fetch(`http://${host}:${config.httpPort}/api/admin/purge`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(justification ? { justification } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`the platform refused the purge (${res.status}): ${text.slice(0, 500)}`);
  return text;
}

import type { AuditLog } from '../audit/audit-log';
import type { Principal } from '../auth/roles';
import { CallbackAllowList, resolveCallbackTarget } from '../callbacks/callback-address';
import type { Clock } from '../clock';
import { invalid, notFound, type FieldProblem } from '../errors';
import type { ReferenceLookup } from '../reference-port';
import { transact, type Db } from '../store/database';
import { MESSAGE_LANGUAGES, type MessageLanguage } from './message-templates';

/** An agency's delivery settings as the API shows them: the webhook's secret is never read back. */
export interface DeliverySettingsView {
  agencyId: string;
  /** The language messages are written in; null: the agency's own (FR + NL for a bilingual one). */
  language: MessageLanguage | null;
  emails: string[];
  webhook: { url: string; secretSet: boolean } | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** What an admin sends. A webhook without `secret` keeps the secret it has. */
export interface DeliverySettingsInput {
  language?: MessageLanguage | null;
  emails: string[];
  webhook?: { url: string; secret?: string } | null;
}

/** A deliberately plain check: one @, no spaces, a dot in the domain. The SMTP server judges the rest. */
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
export const MIN_SECRET_LENGTH = 32;

/** Where messages to agencies go, set by admins; webhook URLs pass the callback address checks. */
export class DeliverySettings {
  constructor(
    private readonly db: Db,
    private readonly reference: ReferenceLookup,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly callbackAllow: readonly string[],
    /** False when IPLUS_SMTP_HOST is empty: e-mail addresses are refused (they would never be used). */
    private readonly emailEnabled: boolean,
  ) {}

  /** The settings of an agency (empty ones when never set). */
  async of(agencyId: string): Promise<DeliverySettingsView> {
    this.requireAgency(agencyId);
    const row = await this.db
      .selectFrom('agency_delivery')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    if (!row)
      return { agencyId, language: null, emails: [], webhook: null, updatedAt: null, updatedBy: null };
    return {
      agencyId,
      language: (row.language as MessageLanguage | null) ?? null,
      emails: JSON.parse(row.emails) as string[],
      webhook: row.webhook_url ? { url: row.webhook_url, secretSet: !!row.webhook_secret } : null,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  /** Replaces an agency's settings after checking every field (all problems at once); audited. */
  async set(p: Principal, agencyId: string, input: DeliverySettingsInput): Promise<DeliverySettingsView> {
    this.requireAgency(agencyId);
    const errors: FieldProblem[] = [];
    const emails = [...new Set(input.emails.map((e) => e.trim().toLowerCase()))];
    emails.forEach((e, i) => {
      if (!EMAIL.test(e))
        errors.push({ field: `emails[${i}]`, code: 'format', message: `${e} is not an e-mail address` });
    });
    if (emails.length > 0 && !this.emailEnabled) {
      errors.push({
        field: 'emails',
        code: 'email_off',
        message: 'e-mail delivery is off on this platform: an operator sets IPLUS_SMTP_HOST first',
      });
    }
    if (input.language != null && !MESSAGE_LANGUAGES.includes(input.language)) {
      errors.push({
        field: 'language',
        code: 'enum',
        message: `language is one of ${MESSAGE_LANGUAGES.join(', ')}`,
      });
    }
    const existing = await this.db
      .selectFrom('agency_delivery')
      .select('webhook_secret')
      .where('agency_id', '=', agencyId)
      .executeTakeFirst();
    let webhookUrl: string | null = null;
    let secret: string | null = null;
    if (input.webhook) {
      const problem = await this.checkWebhookUrl(input.webhook.url);
      if (problem) errors.push({ field: 'webhook.url', code: 'address', message: problem });
      else webhookUrl = input.webhook.url;
      secret = input.webhook.secret ?? existing?.webhook_secret ?? null;
      if (!secret) {
        errors.push({
          field: 'webhook.secret',
          code: 'required',
          message: 'a new webhook needs its signing secret',
        });
      } else if (secret.length < MIN_SECRET_LENGTH) {
        errors.push({
          field: 'webhook.secret',
          code: 'too_short',
          message: `the signing secret has at least ${MIN_SECRET_LENGTH} characters (such as 32 random bytes in hex)`,
        });
      }
    }
    if (errors.length > 0) throw invalid(errors);
    const now = this.clock.now().toISOString();
    const row = {
      agency_id: agencyId,
      language: input.language ?? null,
      emails: JSON.stringify(emails),
      webhook_url: webhookUrl,
      webhook_secret: webhookUrl ? secret : null,
      updated_at: now,
      updated_by: p.user,
    };
    await transact(this.db, async (trx) => {
      await trx
        .insertInto('agency_delivery')
        .values(row)
        .onConflict((oc) => oc.column('agency_id').doUpdateSet(row))
        .execute();
      await this.audit.appendIn(trx, {
        user: p.user,
        agencyId: p.agencyId,
        action: 'delivery.configure',
        object: agencyId,
        outcome: 'ok',
      });
    });
    return this.of(agencyId);
  }

  /** Why a webhook URL may not be used, or undefined: http(s), no credentials, a public host or an allowed one. */
  private async checkWebhookUrl(raw: string): Promise<string | undefined> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return `${raw} is not a URL`;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'the webhook URL is http or https';
    if (url.username || url.password)
      return 'the webhook URL carries no credentials (the HMAC signs each call)';
    const target = await resolveCallbackTarget(url, new CallbackAllowList(this.callbackAllow));
    return target.ok ? undefined : target.reason;
  }

  private requireAgency(agencyId: string): void {
    if (!this.reference.agency(agencyId)) throw notFound('agency', agencyId);
  }
}

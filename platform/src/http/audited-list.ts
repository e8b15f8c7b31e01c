import type { FastifyRequest } from 'fastify';
import type { AuditLog } from '../audit/audit-log';
import { UserError } from '../errors';
import { justificationOf, principalOf } from './request-context';

/**
 * Runs a list read of personal data and audits a refusal: the lists audit what they show, but a
 * caller whose role has no such list is refused before that, and a denied read must leave an entry
 * too (Law Enforcement Directive, Art. 25; issue 8's access matrix found these unaudited).
 */
export async function auditedList<T>(
  audit: AuditLog,
  request: FastifyRequest,
  action: string,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof UserError && e.status === 403) {
      const p = principalOf(request);
      await audit.append({
        user: p.user,
        agencyId: p.agencyId,
        action,
        object: '(list)',
        justification: justificationOf(request),
        outcome: 'denied',
      });
    }
    throw e;
  }
}

import { useI18n } from '../../i18n/i18n';
import type { ModelDraft } from './model-types';

/** The drafts: those waiting for review first; each opens in the review page or, for its author, the modeler. */
export function ModelDraftsTable({ drafts, me }: { drafts: ModelDraft[]; me: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (drafts.length === 0) return null;
  const order = (d: ModelDraft) =>
    d.status === 'submitted' ? 0 : d.status === 'draft' || d.status === 'rejected' ? 1 : 2;
  return (
    <section aria-labelledby="drafts-title">
      <h2 id="drafts-title">{t('draft.title')}</h2>
      <table class="data" data-testid="model-drafts">
        <thead>
          <tr>
            <th scope="col">{t('draft.id')}</th>
            <th scope="col">{t('models.process')}</th>
            <th scope="col">{t('draft.author')}</th>
            <th scope="col">{t('draft.statusLabel')}</th>
            <th scope="col">{t('draft.comment')}</th>
            <th scope="col">{t('draft.updatedAt')}</th>
            <th scope="col">
              <span class="sr-only">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {[...drafts]
            .sort((a, b) => order(a) - order(b))
            .map((d) => (
              <tr key={d.id} data-draft={d.id}>
                <td>{d.id}</td>
                <td>{d.bpmnProcessId}</td>
                <td>{d.createdBy}</td>
                <td>
                  {t(`draft.statuses.${d.status}`)}
                  {d.reviewedBy ? ` (${d.reviewedBy}${d.reviewComment ? `: ${d.reviewComment}` : ''})` : ''}
                </td>
                <td>{d.comment}</td>
                <td>{i18n.dateTime(d.updatedAt)}</td>
                <td>
                  <a href={`#/models/review/${encodeURIComponent(d.id)}`}>{t('draft.review')}</a>
                  {d.createdBy === me && (d.status === 'draft' || d.status === 'rejected') && (
                    <>
                      {' · '}
                      <a href={`#/modeler?draft=${encodeURIComponent(d.id)}`}>{t('draft.edit')}</a>
                    </>
                  )}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}

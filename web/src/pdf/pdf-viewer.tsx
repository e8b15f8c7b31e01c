import { useEffect, useRef, useState } from 'preact/hooks';
import { apiBytes } from '../api/client';
import { ProblemAlert } from '../components/problem';
import { useI18n } from '../i18n/i18n';

/**
 * The decision's PDF shown in the page; pdf.js loads only here (a separate chunk). A mandate's
 * recipient reads it through the mandate (`/api/mandates/{id}/document`), the parquet through the
 * decision: each page asks only for the URL its role is entitled to.
 */
export function PdfViewer({ url, justification }: { url: string; justification: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let live = true;
    setPages(undefined);
    setError(undefined);
    (async () => {
      const [{ renderPdf }, data] = await Promise.all([
        import('./render-pdf'),
        apiBytes(url, { justification }),
      ]);
      if (!live || !ref.current) return;
      const n = await renderPdf(data, ref.current, (page) => t('pdf.page', { page }));
      if (live) setPages(n);
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <div class="pdf-viewer">
      <div class="pdf-toolbar">
        <span role="status">
          {pages === undefined ? (error ? '' : t('pdf.loading')) : t('pdf.pages', { count: pages })}
        </span>
        <a href={url} target="_blank" rel="noopener" download>
          {t('pdf.download')}
        </a>
      </div>
      <ProblemAlert error={error} />
      <div ref={ref} class="pdf-pages" data-testid="pdf-pages" />
    </div>
  );
}

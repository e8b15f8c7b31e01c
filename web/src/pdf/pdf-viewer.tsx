import { useEffect, useRef, useState } from 'preact/hooks';
import { apiBytes } from '../api/client';
import { ApiError } from '../api/problem';
import { ProblemAlert } from '../components/problem';
import { useI18n } from '../i18n/i18n';

/** The first of the URLs the platform serves (a 404 means "no such route here", try the next). */
async function fetchFirst(
  urls: string[],
  justification: string,
): Promise<{ url: string; data: ArrayBuffer }> {
  let last: unknown;
  for (const url of urls) {
    try {
      return { url, data: await apiBytes(url, { justification }) };
    } catch (e) {
      last = e;
      if (!(e instanceof ApiError && e.problem.status === 404)) throw e;
    }
  }
  throw last;
}

/**
 * The decision's PDF shown in the page; pdf.js loads only here (a separate chunk). `urls` are tried
 * in order: a mandate's recipient reads the document through the mandate.
 */
export function PdfViewer({ urls, justification }: { urls: string[]; justification: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number>();
  const [error, setError] = useState<unknown>();
  const [url, setUrl] = useState(urls[0]);
  useEffect(() => {
    let live = true;
    setPages(undefined);
    setError(undefined);
    (async () => {
      const [{ renderPdf }, found] = await Promise.all([
        import('./render-pdf'),
        fetchFirst(urls, justification),
      ]);
      if (!live || !ref.current) return;
      setUrl(found.url);
      const data = found.data;
      const n = await renderPdf(data, ref.current, (page) => t('pdf.page', { page }));
      if (live) setPages(n);
    })().catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [urls.join()]);
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

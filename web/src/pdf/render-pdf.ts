import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * Draws every page of a PDF into canvases appended to `container`, scaled to its width. pdf.js
 * rather than the browser's viewer: the platform forbids framing and plugins (CSP), and pdf.js works
 * the same in every browser. Returns the page count.
 */
export async function renderPdf(
  data: ArrayBuffer,
  container: HTMLElement,
  label: (page: number) => string,
): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(data), isEvalSupported: false }).promise;
  container.replaceChildren();
  const width = Math.max(container.clientWidth, 320);
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const base = page.getViewport({ scale: 1 });
    const ratio = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: (width / base.width) * ratio });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', label(n));
    canvas.className = 'pdf-page';
    container.appendChild(canvas);
    await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
  }
  const pages = doc.numPages;
  await doc.destroy();
  return pages;
}

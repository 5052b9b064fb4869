/**
 * A PDF's text page by page (pdfjs-dist's CommonJS legacy build, no worker), to check how a document lays
 * out once LibreOffice has paginated it: what is on which page, and what ends each page.
 */

interface TextItem {
  str: string;
  hasEOL?: boolean;
}

interface PdfJs {
  getDocument(source: { data: Uint8Array; verbosity?: number }): {
    promise: Promise<{
      numPages: number;
      getPage(n: number): Promise<{ getTextContent(): Promise<{ items: TextItem[] }> }>;
      destroy(): Promise<void>;
    }>;
  };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfjs = require('pdfjs-dist/legacy/build/pdf.js') as PdfJs;

/** Each page's text in the order it is drawn, whitespace made single spaces. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => `${item.str}${item.hasEOL ? ' ' : ''}`)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  await doc.destroy();
  return pages;
}

/** A page without its running header and footer: the protective marking, and "<marking> · Page n of m". */
export function pageBody(page: string, marking = 'OFFICIAL'): string {
  const escaped = marking.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page
    .replace(new RegExp(`^${escaped} `), '')
    .replace(new RegExp(` ?${escaped} · Page \\d+ of \\d+$`), '')
    .trim();
}

/**
 * The headings with nothing after them on the page where they last appear: each would be stranded at the
 * foot of a page, its content overleaf. A heading found on no page is returned too, so none goes unchecked.
 */
export function headingsEndingAPage(bodies: readonly string[], headings: readonly string[]): string[] {
  return headings.filter((heading) => {
    const at = bodies.findLastIndex((body) => body.includes(heading));
    if (at < 0) return true;
    const body = bodies[at]!;
    return body.slice(body.lastIndexOf(heading) + heading.length).trim() === '';
  });
}

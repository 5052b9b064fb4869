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

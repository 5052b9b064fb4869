/**
 * Report links from a card, as the pages see them. In Teams the card's button is a deep link into the
 * personal tab whose sub-page is `report:<signed link>`; the dashboard hands it to /tab/report in the
 * address's fragment, which the browser never sends to the server, in a request or a Referer.
 */

/** The same prefix as REPORT_SUB_PAGE_PREFIX in src/http/report-links.ts (a test holds them together). */
export const REPORT_SUB_PAGE_PREFIX = 'report:';

/** The signed link a personal tab's sub-page names, if it names one. */
export function reportLinkInSubPage(subPageId: string | undefined): string | undefined {
  if (!subPageId?.startsWith(REPORT_SUB_PAGE_PREFIX)) return undefined;
  const link = subPageId.slice(REPORT_SUB_PAGE_PREFIX.length);
  return link === '' ? undefined : link;
}

/** Where the report page opens on `link`. */
export function reportPageFor(link: string): string {
  return `/tab/report#${encodeURIComponent(link)}`;
}

/** The link in this page's fragment (undefined when there is none, or it is not a link's shape). */
export function reportLinkInFragment(hash: string): string | undefined {
  let link: string;
  try {
    link = decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return undefined;
  }
  return /^[\w-]+\.[\w-]+$/.test(link) && link.length <= 2048 ? link : undefined;
}

const FORMAT_NAMES: Record<string, string> = {
  html: 'HTML, to print or save as PDF',
  xlsx: 'Excel workbook',
  csv: 'CSV',
  docx: 'Word committee paper',
};

/**
 * The format the link asks for, to label the button. Read without checking the signature: only the
 * server's check counts, this is just words.
 */
export function formatNameOf(link: string): string | undefined {
  const payload = link.split('.')[0] ?? '';
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const format = (JSON.parse(json) as { f?: unknown }).f;
    return typeof format === 'string' ? FORMAT_NAMES[format] : undefined;
  } catch {
    return undefined;
  }
}

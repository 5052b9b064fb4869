/**
 * How every full HTML page the server sends begins: UK English, UTF-8, sized for phones, light and dark
 * colour schemes, and the title. Pages that carry a secret in their address also send no referrer.
 */
import { escapeHtml } from '../support/escape-html';

export interface DocumentStart {
  /** Plain text; escaped here. */
  title: string;
  noReferrer?: boolean;
  /** The page's colour theme (data-theme on <html>), for pages whose styles switch on it. */
  theme?: string;
}

/** From the doctype to the title, leaving <head> open for the page's own links and scripts. */
export function documentStart({ title, noReferrer = false, theme }: DocumentStart): string {
  return [
    '<!doctype html>',
    `<html lang="en-GB"${theme ? ` data-theme="${escapeHtml(theme)}"` : ''}>`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    ...(noReferrer ? ['<meta name="referrer" content="no-referrer">'] : []),
    `<title>${escapeHtml(title)}</title>`,
  ].join('\n');
}

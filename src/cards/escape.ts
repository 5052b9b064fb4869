/**
 * Text from plans and people goes into TextBlocks, which render markdown. Escaping stops a note or an
 * action description from turning into a link, a heading or bold text. (Template expressions in data
 * are never evaluated by adaptivecards-templating, so "${…}" in user text is harmless already.)
 */
export function escapeMarkdown(text: string): string {
  // Only what can start markup is escaped, so ordinary words ("e-mail", "(demo)") read naturally on
  // renderers that show escapes literally.
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_[\]<>~]/g, (ch) => `\\${ch}`)
    .replace(/^(\s*)([#+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.')
    .replace(/\n/g, '\n\n');
}

/** Plain-text truncation on a word boundary where one is near. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

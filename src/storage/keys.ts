/**
 * Table keys may not contain / \ # ? or control characters. Ids we issue are already safe; e-mail
 * addresses may not be, so they are percent-encoded for use as keys.
 */
export function encodeKey(value: string): string {
  return value.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be encoded
    /[%/\\#?\u0000-\u001f\u007f]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

export function decodeKey(value: string): string {
  return value.replace(/%([0-9a-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** A value that sorts after every key with the given prefix, for range queries. */
export function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`;
}

export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

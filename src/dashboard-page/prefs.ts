/**
 * Remembered choices. Browsers may refuse storage to a page framed by Teams (third-party storage
 * blocked), so a refusal just means nothing is remembered.
 */

type Area = 'local' | 'session';

function storage(area: Area): Storage | undefined {
  try {
    return area === 'local' ? localStorage : sessionStorage;
  } catch {
    return undefined;
  }
}

export function recall(area: Area, key: string): string | undefined {
  try {
    return storage(area)?.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function remember(area: Area, key: string, value: string | undefined): void {
  try {
    if (value === undefined) storage(area)?.removeItem(key);
    else storage(area)?.setItem(key, value);
  } catch {
    // Storage full or refused: the choice is simply not remembered.
  }
}

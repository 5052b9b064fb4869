import type { RecordedActivity } from './connector-stub';

export type Card = Record<string, unknown>;

export function cardOf(recorded: RecordedActivity | undefined): Card {
  const attachment = recorded?.activity.attachments?.[0] as
    | { contentType?: string; content?: Card }
    | undefined;
  if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive' || !attachment.content) {
    throw new Error(`expected an Adaptive Card, got ${JSON.stringify(recorded?.activity).slice(0, 300)}`);
  }
  return attachment.content;
}

/** Every piece of visible text in a card (text, titles, fact titles and values), in order. */
export function cardTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value']) {
        if (typeof record[key] === 'string' && !(key === 'value' && record.type))
          out.push(record[key] as string);
      }
      for (const [key, value] of Object.entries(record)) if (key !== 'data') walk(value);
    }
  };
  walk(card);
  return out;
}

export function cardText(card: unknown): string {
  return cardTexts(card).join('\n');
}

/** The buttons of a card: title and what pressing it sends. */
export function cardButtons(card: Card): { title: string; data: unknown }[] {
  return ((card.actions as { title: string; data: unknown }[] | undefined) ?? []).map((a) => ({
    title: a.title,
    data: a.data,
  }));
}

/**
 * One place that collects every message the partnership's people receive, whichever way it went: Teams
 * (what the bot posted to the Bot Connector stub) and e-mail (what reached the loopback SMTP relay). Each
 * is recorded with its recipient, channel, the injected clock's time when it arrived, its subject (the
 * e-mail subject, or the card's text) and the update links it carries.
 */

import type { SmtpSink } from '../email/smtp-sink';
import { personalChat } from '../support/activities';
import { cardText } from '../support/cards';
import type { ConnectorStub, RecordedActivity } from '../support/connector-stub';
import { type Channel, PEOPLE, type PersonKey, personByEmail, teamsOf } from './people';

export interface Message {
  seq: number;
  channel: Channel;
  /** Who it reached: one of the plan's people, or the raw address / conversation when nobody we know. */
  to: PersonKey | string;
  /** The injected clock's time when it arrived (the server's and the CLI's clocks run from the same start). */
  at: Date;
  /** E-mail subject, or the card's first lines. */
  subject: string;
  /** All visible text (the e-mail's plain text, the card's texts). */
  text: string;
  /** For Teams: a reply within a person's own turn (not something the plan sent them unasked). */
  reply: boolean;
  /** Update-page links in it. */
  links: string[];
  /** For Teams: the card as sent. */
  card?: Record<string, unknown>;
}

const LINK = /https?:\/\/[^\s"'<>)\]]+\/update\/[^\s"'<>)\]]+/g;

export class Outbox {
  readonly messages: Message[] = [];
  private seenActivities = 0;
  /** Whose chat turn is being answered: Teams messages to them meanwhile are the bot's replies. */
  private turnOf: PersonKey | undefined;
  private seenMails = 0;

  constructor(
    private readonly stub: ConnectorStub,
    private readonly sink: SmtpSink,
    /** The injected time of a real instant (performance.now() for mail, Date.now() for Teams). */
    private readonly injected: (realEpochMs: number) => Date,
  ) {
    // Poll both captures: each new item is stamped when first seen (within the poll's 25 ms).
    this.timer = setInterval(() => this.collect(), 25);
  }

  private readonly timer: NodeJS.Timeout;

  stop(): void {
    clearInterval(this.timer);
    this.collect();
  }

  /** Pulls in whatever arrived since the last look. */
  collect(): void {
    const now = this.injected(Date.now());
    while (this.seenActivities < this.stub.activities.length) {
      const recorded = this.stub.activities[this.seenActivities++]!;
      this.messages.push(this.fromTeams(recorded, now));
    }
    while (this.seenMails < this.sink.received.length) {
      const mail = this.sink.received[this.seenMails++]!;
      // receivedAt is performance.now() when the relay took the message.
      const arrived = performance.timeOrigin + mail.receivedAt;
      const text = `${mail.parsed.subject ?? ''}\n${mail.parsed.text ?? ''}`;
      const html = typeof mail.parsed.html === 'string' ? mail.parsed.html : '';
      for (const address of mail.envelopeTo) {
        this.messages.push({
          seq: this.messages.length + 1,
          channel: 'email',
          to: personByEmail(address) ?? address.toLowerCase(),
          at: this.injected(arrived),
          subject: mail.parsed.subject ?? '',
          text,
          reply: false,
          links: [...new Set([...(text.match(LINK) ?? []), ...(html.match(LINK) ?? [])])].map(unescapeHtml),
        });
      }
    }
  }

  private fromTeams(recorded: RecordedActivity, at: Date): Message {
    const who = (Object.keys(PEOPLE) as PersonKey[]).find((key) => {
      const user = teamsOf(key);
      return (
        user !== undefined &&
        (recorded.activity.recipient?.id === user.id ||
          recorded.conversationId === personalChat(user).conversation.id)
      );
    });
    const attachment = recorded.activity.attachments?.find(
      (a) => a.contentType === 'application/vnd.microsoft.card.adaptive',
    );
    const card = attachment?.content as Record<string, unknown> | undefined;
    const text = [recorded.activity.text ?? '', card ? cardText(card) : ''].filter(Boolean).join('\n');
    return {
      seq: this.messages.length + 1,
      channel: 'teams',
      to: who ?? recorded.conversationId,
      at,
      subject: text.split('\n').slice(0, 3).join(' | '),
      text,
      reply: who !== undefined && who === this.turnOf,
      links: text.match(LINK) ?? [],
      ...(card ? { card } : {}),
    };
  }

  /**
   * Runs a person's chat turn: what reaches them in Teams until it ends is the bot's answer, not a message
   * the plan sent them (a proactive send also goes as a reply to the stored chat, so the operation cannot
   * tell them apart).
   */
  async turn<T>(who: PersonKey, body: () => Promise<T>): Promise<T> {
    this.collect();
    this.turnOf = who;
    try {
      return await body();
    } finally {
      this.collect();
      this.turnOf = undefined;
    }
  }

  /** Where the next step's messages start. */
  mark(): number {
    this.collect();
    return this.messages.length;
  }

  since(mark: number): Message[] {
    this.collect();
    return this.messages.slice(mark);
  }

  /** Messages the plan sent of its own accord (not replies in a person's chat turn). */
  sentSince(mark: number): Message[] {
    return this.since(mark).filter((m) => !m.reply);
  }
}

/** HTML attribute escapes in links taken from an e-mail's HTML. */
function unescapeHtml(link: string): string {
  return link.replace(/&amp;/g, '&');
}

export function describe(messages: readonly Message[]): string {
  return messages
    .map(
      (m) =>
        `  #${m.seq} ${m.at.toISOString()} ${m.channel} → ${m.to}${m.reply ? ' (reply)' : ''}: ${m.subject.slice(0, 140)}`,
    )
    .join('\n');
}

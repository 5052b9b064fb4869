/**
 * Which way e-mail goes, from the settings: a configured relay; locally, with no relay, the embedded
 * catcher (so a newcomer sees every e-mail at /dev/mail); in a deployment with no relay, nowhere.
 */
import type { SmtpSettings } from './smtp-transport';

/** The settings e-mail is set up from, as the composition passes them. */
export interface EmailSettings {
  SMTP_URL?: string | undefined;
  SMTP_USER?: string | undefined;
  SMTP_PASSWORD?: string | undefined;
  MAIL_FROM?: string | undefined;
  SMTP_MAX_PER_SECOND: number;
  /** A deployment (an app id) with no relay sends no e-mail; locally the catcher takes it. */
  MicrosoftAppId?: string | undefined;
}

/** What the catcher's e-mails say they are from. */
export const LOCAL_MAIL_FROM = 'Action Tracker <action-tracker@localhost>';

export type EmailSetup =
  | { kind: 'relay'; smtp: SmtpSettings }
  | { kind: 'catcher'; from: string; maxPerSecond: number }
  | { kind: 'off' };

export function emailSetupOf(config: EmailSettings): EmailSetup {
  if (config.SMTP_URL) {
    return {
      kind: 'relay',
      smtp: {
        url: config.SMTP_URL,
        ...(config.SMTP_USER ? { user: config.SMTP_USER } : {}),
        ...(config.SMTP_PASSWORD ? { password: config.SMTP_PASSWORD } : {}),
        // The config refuses SMTP_URL without MAIL_FROM.
        from: config.MAIL_FROM ?? LOCAL_MAIL_FROM,
        maxPerSecond: config.SMTP_MAX_PER_SECOND,
      },
    };
  }
  if (config.MicrosoftAppId) return { kind: 'off' };
  return {
    kind: 'catcher',
    from: config.MAIL_FROM ?? LOCAL_MAIL_FROM,
    maxPerSecond: config.SMTP_MAX_PER_SECOND,
  };
}

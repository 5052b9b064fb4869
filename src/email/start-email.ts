/**
 * Everything the composition root needs for e-mail, in one call: the channel (or none), the /dev/mail
 * router when the local catcher runs, and a stop for shutdown.
 */
import type { Router } from 'express';
import type { Clock } from '../usecases/ports/index';
import { type EmailChannel, type EmailLinks, emailNotifier } from './email-notifier';
import type { EmailSetup } from './email-setup';
import { startMailCatcher } from './mail-catcher';
import { mailCatcherRouter } from './mail-catcher-page';
import { smtpTransport } from './smtp-transport';

export interface RunningEmail {
  /** Absent when e-mail is off (a deployment with no relay). */
  channel?: EmailChannel;
  routers: Router[];
  /** For the start-up log line: where e-mail goes. Never the credentials. */
  describe: string;
  stop(): Promise<void>;
}

export async function startEmail(options: {
  setup: EmailSetup;
  dataDir: string;
  links: EmailLinks;
  clock: Clock;
  appId?: string | undefined;
}): Promise<RunningEmail> {
  const { setup } = options;
  switch (setup.kind) {
    case 'off':
      return { routers: [], describe: 'off (no SMTP_URL)', stop: async () => undefined };
    case 'relay': {
      const transport = smtpTransport(setup.smtp);
      const url = new URL(setup.smtp.url);
      return {
        channel: emailNotifier({ transport, links: options.links, clock: options.clock }),
        routers: [],
        describe: `SMTP relay ${url.protocol}//${url.host}, at most ${setup.smtp.maxPerSecond} a second`,
        stop: async () => transport.close(),
      };
    }
    case 'catcher': {
      const catcher = await startMailCatcher({ dataDir: options.dataDir });
      const transport = smtpTransport({
        url: catcher.url,
        from: setup.from,
        maxPerSecond: setup.maxPerSecond,
      });
      return {
        channel: emailNotifier({ transport, links: options.links, clock: options.clock }),
        routers: [mailCatcherRouter({ folder: catcher.folder, appId: options.appId })],
        describe: `local catcher on ${catcher.url}, kept in ${catcher.folder}, shown at /dev/mail`,
        stop: async () => {
          transport.close();
          await catcher.stop();
        },
      };
    }
    default: {
      const never: never = setup;
      throw new Error(`Unknown e-mail setup ${String(never)}`);
    }
  }
}

import type { Logger } from './logger';

/** Work that goes on after a request is answered, kept track of so shutdown can wait for it. */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(what: string, work: Promise<unknown>): void {
    const tracked = work
      .then(() => undefined)
      .catch((error: unknown) => {
        this.logger.error(
          { err: { name: (error as Error).name, message: (error as Error).message } },
          `${what} failed`,
        );
      });
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
  }

  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}

/**
 * The journey runs as one test made of named steps. A step that fails is recorded with the behaviour it
 * needs and the journey goes on (later steps may fail because of it, and say so), so one run shows every
 * join that does not hold; the test fails at the end listing them. A step marked `critical` (the server
 * not starting, the plan not importing) stops the journey, since nothing after it could mean anything.
 */
export interface StepResult {
  name: string;
  /** The behaviour the step depends on, where it is one the issue adds (issue 20's parts). */
  needs: string | undefined;
  error: string | undefined;
  seconds: number;
}

export class Steps {
  readonly results: StepResult[] = [];
  private stopped = false;

  async step(
    name: string,
    needs: string | undefined,
    body: () => Promise<void>,
    options: { critical?: boolean } = {},
  ): Promise<void> {
    if (this.stopped) {
      this.results.push({ name, needs, error: 'not run: an earlier critical step failed', seconds: 0 });
      return;
    }
    const started = Date.now();
    try {
      await body();
      this.results.push({ name, needs, error: undefined, seconds: (Date.now() - started) / 1000 });
    } catch (error) {
      const text = error instanceof Error ? error.message || String(error) : String(error);
      this.results.push({ name, needs, error: text, seconds: (Date.now() - started) / 1000 });
      if (options.critical) this.stopped = true;
    }
  }

  /** Every step, passed or not, one line each; then each failure in full. */
  report(): string {
    const lines = this.results.map(
      (r) =>
        `${r.error ? 'FAIL' : 'ok  '} ${r.name}${r.needs ? ` [needs: ${r.needs}]` : ''} (${r.seconds.toFixed(1)} s)`,
    );
    const failures = this.results
      .filter((r) => r.error)
      .map((r) => `\n✗ ${r.name}${r.needs ? `\n  needs: ${r.needs}` : ''}\n${indent(r.error!)}`);
    return [...lines, ...failures].join('\n');
  }

  failed(): StepResult[] {
    return this.results.filter((r) => r.error);
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .slice(0, 60)
    .map((line) => `    ${line}`)
    .join('\n');
}

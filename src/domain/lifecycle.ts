export type Lifecycle = 'not_started' | 'in_progress' | 'complete' | 'impact_evidenced' | 'withdrawn';

export const LIFECYCLES: readonly Lifecycle[] = [
  'not_started',
  'in_progress',
  'complete',
  'impact_evidenced',
  'withdrawn',
];

/** Open actions still need work, so they are reminded, chased and counted as outstanding. */
export function isOpen(lifecycle: Lifecycle): boolean {
  return lifecycle === 'not_started' || lifecycle === 'in_progress';
}

export function lifecycleLabel(lifecycle: Lifecycle): string {
  switch (lifecycle) {
    case 'not_started':
      return 'Not started';
    case 'in_progress':
      return 'In progress';
    case 'complete':
      return 'Complete';
    case 'impact_evidenced':
      return 'Impact evidenced';
    case 'withdrawn':
      return 'Withdrawn';
  }
}

export function parseLifecycle(text: string): Lifecycle | undefined {
  const key = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if ((LIFECYCLES as readonly string[]).includes(key)) return key as Lifecycle;
  const aliases = new Map<string, Lifecycle>(
    Object.entries({
      open: 'in_progress',
      started: 'in_progress',
      ongoing: 'in_progress',
      completed: 'complete',
      done: 'complete',
      closed: 'complete',
      impact: 'impact_evidenced',
    } satisfies Record<string, Lifecycle>),
  );
  return aliases.get(key);
}

/**
 * How often a plan or a monitoring group meets, and so how often its rounds and digests come round.
 * A leaf of its own so plan.ts and monitoring-group.ts, which each name the other's types, both import it
 * instead of each other.
 */
export type Cadence = 'monthly' | 'bi-monthly' | 'quarterly';

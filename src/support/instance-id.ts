import { hostname } from 'node:os';

let id: string | undefined;

/** Identifies this process in ledger claims, so a claim by a live sender is told from a dead one's. */
export function instanceId(): string {
  id ??= `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  return id;
}

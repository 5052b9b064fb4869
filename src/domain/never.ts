/** Ends every switch over a union, so adding a member breaks the build where it must be handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}

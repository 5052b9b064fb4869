/** Buttons that send a command, labelled with it ("round status" → "Round status"). */
export function suggestions(commands: readonly string[]): { label: string; command: string }[] {
  return commands.map((command) => ({ label: command.charAt(0).toUpperCase() + command.slice(1), command }));
}

/** Errors people can fix: printed as one sentence with the next step, never as a stack trace. */
import { BuildError } from '@mcp-wasm/build';
import { HostError } from '@mcp-wasm/host';

/** A mistake in how the CLI was used; the message says what to do instead. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** The message to show for `error` when it is a user's mistake, else undefined (a bug: show the stack). */
export function userMessage(error: unknown): string | undefined {
  if (error instanceof UserError || error instanceof HostError || error instanceof BuildError) return error.message;
  return undefined;
}

/**
 * Host errors: local failures with a string code, never sent to a guest. Every message says what
 * happened and what to do next. Guest-visible refusals are values (see `capabilities/`);
 * traps end an instance and surface as `isError` results.
 */

/** The string codes of host errors. */
export type HostErrorCode =
  | 'malformed-component'
  | 'not-a-component'
  | 'unknown-import'
  | 'instantiation-failed'
  | 'servlet-not-found'
  | 'name-collision'
  | 'invalid-servlet-output'
  | 'invalid-manifest'
  | 'servlet-busy'
  | 'limit-exceeded'
  | 'undeclared-import'
  | 'grant-exceeds-request'
  | 'mount-refused';

/** A failure of the host with a code and a message for people. */
export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

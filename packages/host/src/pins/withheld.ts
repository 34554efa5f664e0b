/**
 * A tool withheld because its definition is not the approved one: the reason, the message every
 * place that withholds a tool gives (the catalog at listing, the servlet at call time), and the
 * error a refused call carries.
 */
import type { ToolPins } from './tool-pins.js';

/** Why a tool is withheld: new since approval, changed since, or no longer listed by the servlet. */
export type WithheldReason = 'added' | 'changed' | 'removed';

/** Why the tool whose approved pin is `approved` and whose current pin is `current` is withheld; undefined when it is the approved one. */
export function withheldReason(approved: ToolPins, current: ToolPins, tool: string): WithheldReason | undefined {
  const pin = approved[tool];
  if (pin === undefined) return 'added';
  if (current[tool] === undefined) return 'removed';
  return current[tool] === pin ? undefined : 'changed';
}

const WHAT: Record<WithheldReason, string> = {
  added: 'is new since it was approved',
  changed: 'changed since it was approved',
  removed: 'is no longer listed by the servlet as it was approved',
};

/** The message for a withheld tool: what happened and the two commands that resolve it. */
export function withheldMessage(servlet: string, tool: string, reason: WithheldReason): string {
  return (
    `tool "${tool}" of servlet "${servlet}" is withheld: it ${WHAT[reason]}. ` +
    `Review the difference with \`mcp-wasm info ${servlet}\` and accept it with \`mcp-wasm approve ${servlet}\``
  );
}

/**
 * A call refused because the instance that would run it describes the tool differently from the
 * approved definition (a rug pull after install): the client saw the approved definition, so the
 * servlet's current one must not run under it.
 */
export class ToolWithheld extends Error {
  constructor(
    readonly servlet: string,
    readonly tool: string,
    readonly reason: WithheldReason,
  ) {
    super(withheldMessage(servlet, tool, reason));
    this.name = 'ToolWithheld';
  }
}

/**
 * The rug-pull check at call time. Clients see the approved definitions (from the stored listing);
 * a servlet whose definition changed since (a new description, another schema) must not run under
 * them. Each instance is listed once, at its first tool call, under the same grants as the call, and
 * a tool it does not describe as approved is refused.
 */
import type { CapabilityContext } from '../capabilities/context.js';
import { pinTools, type ToolPins } from '../pins/tool-pins.js';
import { ToolWithheld, withheldReason } from '../pins/withheld.js';
import { ServletError } from './errors.js';
import type { CallBounds, ExportCall, ServletInstance } from './instance.js';
import type { WitTool } from './wit-types.js';

/** The export call that lists a servlet's tools. */
export const LIST_TOOLS: ExportCall = { iface: 'tools', method: 'listTools', args: [] };

/** The approved pins of one servlet, checked against what each of its instances lists. */
export class ApprovedTools {
  /** The pins of each instance's own listing, made before its first tool call. */
  private readonly listed = new WeakMap<ServletInstance, Promise<ToolPins>>();

  constructor(
    private readonly servlet: string,
    private readonly pins: ToolPins,
  ) {}

  /** Refuses (`ToolWithheld`) a call of `tool` that `instance` does not describe as approved. */
  async check(instance: ServletInstance, tool: string, context: CapabilityContext, bounds: CallBounds): Promise<void> {
    let listed = this.listed.get(instance);
    if (!listed) {
      listed = instance.call(LIST_TOOLS, context, bounds).then((outcome) => {
        if (outcome.kind === 'error') throw new ServletError(outcome.code, outcome.message, outcome.data);
        return outcome.kind === 'value' ? pinTools(outcome.value as WitTool[]) : {};
      });
      this.listed.set(instance, listed);
      // A failed listing is not kept: the next call on this instance lists again.
      listed.catch(() => this.listed.delete(instance));
    }
    const reason = withheldReason(this.pins, await listed, tool);
    if (reason) throw new ToolWithheld(this.servlet, tool, reason);
  }
}

/**
 * Asking at a terminal about requests a binary's publisher never declared (inferred from an
 * Extism plugin's imports). Such a request names no origin and no directory, so there is nothing
 * to say yes to: the person types each origin or `HOST:GUEST[:rw]` mount they allow, one a line,
 * or nothing. What they type is checked like a flag (`--allow-host`, `--mount`), and what the
 * binary may not be granted without a manifest (config, client features) is said, not asked.
 */
import { grantsFromChoices, HostError, isYes, parseMountChoice, type GrantChoices, type Grants, type Manifest, type MountGrant, type Prompter } from '@mcp-wasm/host';
import type { HomePaths } from '@mcp-wasm/node';
import { hostPath } from './grant-options.js';
import { chooseMount, mountWarningLines } from './mount-choice.js';

/** How many origins or mounts one question loop takes, so a stuck input cannot loop for ever. */
const MAX_ENTRIES = 32;

/** The grants `choices` give, or why they are refused (as the same flag would be). */
function choose(manifest: Manifest, choices: GrantChoices): Grants | string {
  try {
    return grantsFromChoices(manifest, choices);
  } catch (error) {
    if (error instanceof HostError) return error.message;
    throw error;
  }
}

/** An entry the person typed, taken, or refused with the reason. */
type Accepted<T> = { value: T } | { refused: string };

/** Asks for entries one a line until an empty line (or the end of input); keeps the ones `accept` takes. */
async function askList<T>(prompter: Prompter, question: string, accept: (text: string) => Accepted<T>, write: (text: string) => void): Promise<T[]> {
  const chosen: T[] = [];
  for (let i = 0; i < MAX_ENTRIES; i++) {
    const answer = (await prompter.ask(question))?.trim();
    if (!answer) break;
    const entry = accept(answer);
    if ('refused' in entry) write(`${entry.refused}\n`);
    else chosen.push(entry.value);
  }
  return chosen;
}

/**
 * Asks for the origins and mounts of the undeclared network and filesystem requests of
 * `manifest`, offering first to keep what the person named before (`previous`, at update).
 * Adds them to `grants` and returns it.
 */
export async function askUndeclared(
  name: string,
  manifest: Manifest,
  grants: Grants,
  prompter: Prompter,
  write: (text: string) => void,
  home: HomePaths,
  previous?: Grants,
): Promise<Grants> {
  const undeclared = manifest.undeclared ?? {};
  const yes = async (question: string) => isYes(await prompter.ask(`${question} [Y/n] `), true);
  if (undeclared.network) {
    write('It may send HTTP requests, undeclared by its publisher: name each origin you allow (e.g. https://api.example.com), or none.\n');
    for (const origin of previous?.network ?? []) if (await yes(`Keep allowing HTTP requests to ${origin}?`)) grants.network.push(origin);
    const origins = await askList<string>(
      prompter,
      'Origin to allow, empty when done: ',
      (text) => {
        const chosen = choose(manifest, { allowHosts: [text] });
        return typeof chosen === 'string' ? { refused: chosen } : { value: chosen.network[0]! };
      },
      write,
    );
    grants.network.push(...origins.filter((origin) => !grants.network.includes(origin)));
  }
  if (undeclared.filesystem) {
    write('It may read or write files, undeclared by its publisher: name each directory you show it as HOST:GUEST (read-only; HOST:GUEST:rw to allow writing), or none.\n');
    for (const mount of previous?.mounts ?? []) {
      if (!(await yes(`Keep showing ${mount.host} as ${mount.guest} (${mount.access})?`))) continue;
      // Checked again: the directory may have moved, or the policy may refuse it now.
      const checked = chooseMount(name, mount, grants.mounts, home);
      if ('refused' in checked) write(`${checked.refused}\n`);
      else grants.mounts.push(checked.value);
    }
    await askList<MountGrant>(
      prompter,
      'Mount (HOST:GUEST[:rw]), empty when done: ',
      (text) => {
        let chosen: Grants | string;
        try {
          chosen = choose(manifest, { mounts: [parseMountChoice(text, hostPath)] });
        } catch (error) {
          if (error instanceof HostError) return { refused: error.message };
          throw error;
        }
        if (typeof chosen === 'string') return { refused: chosen };
        const mount = chosen.mounts[0]!;
        if (grants.mounts.some((other) => other.guest === mount.guest)) return { refused: `${mount.guest} is already mounted: not mounted twice` };
        // Checked with every mount taken so far (overlaps), and taken at once so the next answer is too.
        const checked = chooseMount(name, mount, grants.mounts, home);
        if ('refused' in checked) return checked;
        for (const line of mountWarningLines([checked.value])) write(`${line}\n`);
        grants.mounts.push(checked.value);
        return checked;
      },
      write,
    );
  }
  const notGrantable = (['config', 'sampling', 'elicitation', 'roots'] as const).filter((kind) => undeclared[kind]);
  if (notGrantable.length > 0) {
    write(`Not granted (undeclared, and not grantable without a manifest naming them, --manifest): ${notGrantable.join(', ')}.\n`);
  }
  return grants;
}

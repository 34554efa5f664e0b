/**
 * Turning a manifest and a person's choices into grants. `--yes` accepts what is requested;
 * `--allow-host`, `--mount` and `--deny` narrow it. A choice that would grant more than the request
 * is refused with a message, never silently widened or dropped.
 */
import { formatOriginPattern, parseOriginPattern } from '../capabilities/net/pattern.js';
import { HostError } from '../errors.js';
import type { Manifest } from '../manifest/manifest.js';
import { excessGrants, noGrants, type Grants, type MountGrant } from './grants.js';

/** A mount chosen by the person: `HOST:GUEST[:ro|:rw]`, host already made absolute. */
export interface MountChoice {
  host: string;
  guest: string;
  /** Explicit access; default: what the manifest requests for that guest path. */
  access?: 'read-only' | 'read-write';
}

/** What the person chose on the command line. */
export interface GrantChoices {
  /** Accept everything requested (mounts still need a host directory each). */
  yes?: boolean;
  /** Grant network access to these origins only (each within a requested pattern). */
  allowHosts?: string[];
  mounts?: MountChoice[];
  /** Capabilities to leave out (see `matchesCapability`). */
  deny?: string[];
}

/** Names a capability can be denied or revoked by. */
export const CAPABILITY_NAMES = 'network, network:<origin>, filesystem, mount:<guest path>, config, config:<key>, secrets, secret:<key>, storage, sampling, elicitation, roots';

/** Parses `HOST:GUEST[:ro|:rw]`; `resolveHost` makes the host part absolute. */
export function parseMountChoice(text: string, resolveHost: (path: string) => string): MountChoice {
  const match = /^(.+?):(\/[^:]*)(?::(ro|rw))?$/.exec(text);
  if (!match) throw new HostError('grant-exceeds-request', `--mount ${text}: write HOST_DIR:GUEST_PATH, optionally followed by :ro, for example ~/notes:/data:ro`);
  const access = match[3] === 'ro' ? 'read-only' : match[3] === 'rw' ? 'read-write' : undefined;
  return { host: resolveHost(match[1]!), guest: match[2]!.replace(/\/+$/, '') || '/', ...(access ? { access } : {}) };
}

/**
 * Whether the capability spec `spec` (one of `CAPABILITY_NAMES`) covers an item. Unknown specs are
 * refused by `checkSpec`, so a typo never leaves a capability granted by accident.
 */
function specCovers(spec: string, kind: string, item?: string): boolean {
  const [name, ...rest] = spec.split(':');
  const value = rest.join(':');
  const aliases: Record<string, string> = { mount: 'filesystem', secret: 'secrets', fs: 'filesystem', net: 'network' };
  const canonical = aliases[name!] ?? name;
  if (canonical !== kind) return false;
  if (value === '') return true;
  if (kind === 'network') {
    const pattern = parseOriginPattern(value);
    return typeof pattern !== 'string' && formatOriginPattern(pattern) === item;
  }
  return value === item;
}

/** Refuses a spec that names no capability. */
export function checkSpec(spec: string): void {
  const name = spec.split(':')[0];
  if (!['network', 'net', 'filesystem', 'fs', 'mount', 'config', 'secrets', 'secret', 'storage', 'sampling', 'elicitation', 'roots'].includes(name!)) {
    throw new HostError('grant-exceeds-request', `"${spec}" names no capability: use one of ${CAPABILITY_NAMES}`);
  }
}

/** `grants` without everything `spec` names. */
export function withoutCapability(grants: Grants, spec: string): Grants {
  checkSpec(spec);
  return {
    mounts: grants.mounts.filter((mount) => !specCovers(spec, 'filesystem', mount.guest)),
    network: grants.network.filter((origin) => !specCovers(spec, 'network', origin)),
    config: grants.config.filter((key) => !specCovers(spec, 'config', key)),
    secrets: grants.secrets.filter((key) => !specCovers(spec, 'secrets', key)),
    storage: grants.storage && !specCovers(spec, 'storage'),
    sampling: grants.sampling && !specCovers(spec, 'sampling'),
    elicitation: grants.elicitation && !specCovers(spec, 'elicitation'),
    roots: grants.roots && !specCovers(spec, 'roots'),
  };
}

/** Only the items of `grants` that one of `specs` names (for `mcp-wasm grant --allow`). */
export function selectCapabilities(grants: Grants, specs: readonly string[]): Grants {
  specs.forEach(checkSpec);
  const any = (kind: string, item?: string) => specs.some((spec) => specCovers(spec, kind, item));
  return {
    mounts: grants.mounts.filter((mount) => any('filesystem', mount.guest)),
    network: grants.network.filter((origin) => any('network', origin)),
    config: grants.config.filter((key) => any('config', key)),
    secrets: grants.secrets.filter((key) => any('secrets', key)),
    storage: grants.storage && any('storage'),
    sampling: grants.sampling && any('sampling'),
    elicitation: grants.elicitation && any('elicitation'),
    roots: grants.roots && any('roots'),
  };
}

/** The mounts chosen, with access defaulted from the request and checked against it. */
function chosenMounts(manifest: Manifest, choices: MountChoice[]): MountGrant[] {
  return choices.map((choice) => {
    const request = manifest.capabilities.filesystem?.find((entry) => entry.guest === choice.guest);
    return { host: choice.host, guest: choice.guest, access: choice.access ?? request?.access ?? 'read-only' };
  });
}

/** Everything requested except mounts (which need a host directory chosen by the person). */
export function requestedGrants(manifest: Manifest): Grants {
  const c = manifest.capabilities;
  return {
    mounts: [],
    network: (c.network ?? []).map((entry) => {
      const pattern = parseOriginPattern(entry.origin);
      return typeof pattern === 'string' ? entry.origin : formatOriginPattern(pattern);
    }),
    config: (c.config ?? []).map((entry) => entry.key),
    secrets: (c.secrets ?? []).map((entry) => entry.key),
    storage: c.storage !== undefined,
    sampling: c.sampling !== undefined,
    elicitation: c.elicitation !== undefined,
    roots: c.roots !== undefined,
  };
}

/** Canonical origin text, or the input when it is not a pattern (reported by `excessGrants`). */
function canonicalOrigin(text: string): string {
  const pattern = parseOriginPattern(text);
  return typeof pattern === 'string' ? text : formatOriginPattern(pattern);
}

/**
 * The grants that `choices` give for `manifest`. Throws `HostError('grant-exceeds-request')` when a
 * choice asks for more than the manifest requests.
 */
export function grantsFromChoices(manifest: Manifest, choices: GrantChoices): Grants {
  let grants = choices.yes ? requestedGrants(manifest) : noGrants();
  if (choices.allowHosts) grants.network = choices.allowHosts.map(canonicalOrigin);
  if (choices.mounts) grants.mounts = chosenMounts(manifest, choices.mounts);
  for (const spec of choices.deny ?? []) grants = withoutCapability(grants, spec);
  const problems = excessGrants(manifest, grants);
  if (problems.length > 0) {
    throw new HostError('grant-exceeds-request', `cannot grant ${problems.join('; ')}: a grant never exceeds what the servlet requests`);
  }
  return grants;
}

/** `base` plus `added`, duplicates removed (for `mcp-wasm grant`); the caller checks the result against the manifest. */
export function mergeGrants(base: Grants, added: Grants): Grants {
  const unique = <T>(items: T[], key: (item: T) => string) => [...new Map(items.map((item) => [key(item), item])).values()];
  return {
    mounts: unique([...base.mounts, ...added.mounts], (mount) => mount.guest),
    network: unique([...base.network, ...added.network], (origin) => origin),
    config: unique([...base.config, ...added.config], (key) => key),
    secrets: unique([...base.secrets, ...added.secrets], (key) => key),
    storage: base.storage || added.storage,
    sampling: base.sampling || added.sampling,
    elicitation: base.elicitation || added.elicitation,
    roots: base.roots || added.roots,
  };
}

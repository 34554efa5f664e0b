/**
 * Which host directories may be mounted at all, as pure logic on real paths (the adapter resolves
 * them, since only it can look at the host). Refused, whatever a person or a state file says:
 * - a directory that is, lies inside, or contains a place where the host keeps what it executes or
 *   trusts (the mcp-wasm home: state, grants, secrets and their key, transpiled code, the HTTP
 *   token): a servlet that reaches them rewrites its own grants or the code the host runs;
 * - a directory in the kernel's pseudo file systems (`/proc`, `/sys`, `/dev`): `/proc/<pid>/mem`
 *   and `environ` are regular files there, and they are the host process itself;
 * - two mounts of one servlet whose directories overlap (one inside the other, or the same): the
 *   outer would reach the inner's files past the inner's access (a read-only mount written through a
 *   read-write one), and could move the inner's root about.
 * Warned, not refused (a person may mean it): a mount that covers the user's home directory or a
 * place where credentials are kept.
 *
 * Paths here are absolute POSIX paths; the filesystem capability exists only on POSIX hosts.
 */

/** The kernel's pseudo file systems: the host's processes, devices and kernel settings as files. */
export const PSEUDO_FILE_SYSTEMS = ['/proc', '/sys', '/dev'] as const;

/** A place the host keeps what it executes or trusts, which no mount may reach. */
export interface ProtectedRoot {
  /** Absolute, normalised real path. */
  readonly path: string;
  /** What it is, for messages: "the mcp-wasm home (…)". */
  readonly what: string;
}

/** Whether `path` is absolute and normalised: no empty, `.` or `..` part and no trailing slash (`/` itself is). */
export function isNormalisedPath(path: string): boolean {
  if (path === '/') return true;
  if (!path.startsWith('/') || path.endsWith('/') || path.includes('\0')) return false;
  return path
    .slice(1)
    .split('/')
    .every((part) => part !== '' && part !== '.' && part !== '..');
}

/** Whether `inner` is `outer` or lies below it (both normalised). */
export function isWithin(inner: string, outer: string): boolean {
  return outer === '/' || inner === outer || inner.startsWith(`${outer}/`);
}

/** Whether one of the two directories contains the other (or they are the same). */
export function overlaps(a: string, b: string): boolean {
  return isWithin(a, b) || isWithin(b, a);
}

/**
 * Why the directory at real path `host` may never be mounted, in words that complete "cannot mount
 * X: …", or undefined when it may be.
 */
export function mountRootRefusal(host: string, protectedRoots: readonly ProtectedRoot[]): string | undefined {
  if (!isNormalisedPath(host)) return 'it is not an absolute path free of `.`, `..` and empty parts';
  const pseudo = PSEUDO_FILE_SYSTEMS.find((root) => isWithin(host, root));
  if (pseudo) return `it lies in ${pseudo}, where the kernel shows the host's own processes and devices as files`;
  for (const root of protectedRoots) {
    if (host === root.path) return `it is ${root.what}`;
    if (isWithin(host, root.path)) return `it lies inside ${root.what} (${root.path})`;
    if (isWithin(root.path, host)) return `it contains ${root.what} (${root.path})`;
  }
  return undefined;
}

/** Every pair of `mounts` whose host directories overlap, in order. */
export function overlappingPairs<T extends { readonly host: string }>(mounts: readonly T[]): [T, T][] {
  const pairs: [T, T][] = [];
  mounts.forEach((mount, index) => {
    for (const other of mounts.slice(index + 1)) if (overlaps(mount.host, other.host)) pairs.push([mount, other]);
  });
  return pairs;
}

/**
 * Places below a home directory where credentials or whole profiles are kept, with what they hold.
 * A mount covering one (containing it, or inside it) is warned about at consent.
 */
export const CREDENTIAL_PLACES: readonly (readonly [string, string])[] = [
  ['.ssh', 'SSH keys'],
  ['.gnupg', 'GPG keys'],
  ['.aws', 'AWS credentials'],
  ['.azure', 'Azure credentials'],
  ['.config', 'the settings and tokens of many programs (gcloud, gh, browsers, …)'],
  ['.kube', 'Kubernetes credentials'],
  ['.docker', 'Docker registry credentials'],
  ['.netrc', 'login passwords'],
  ['.npmrc', 'npm tokens'],
  ['.pypirc', 'PyPI tokens'],
  ['.git-credentials', 'Git passwords'],
  ['.cargo/credentials.toml', 'the crates.io token'],
  ['.pgpass', 'PostgreSQL passwords'],
  ['.vault-token', 'the Vault token'],
  ['.terraform.d', 'Terraform credentials'],
  ['.password-store', 'passwords'],
  ['.local/share/keyrings', 'the desktop keyring'],
  ['.mozilla', 'Firefox profiles (saved passwords, cookies)'],
  ['snap/firefox', 'Firefox profiles (saved passwords, cookies)'],
  ['.thunderbird', 'mail and its passwords'],
  ['Library/Keychains', 'the macOS keychains'],
  ['Library/Application Support', 'browser profiles and the data of many programs'],
  ['Library/Cookies', 'cookies'],
];

/**
 * Plain warnings for a mount of real path `host`, given the user's home directory (real path):
 * one when it covers the whole home, else one per credential place it covers. Empty when none.
 */
export function sensitiveMountWarnings(host: string, userHome: string): string[] {
  if (!isNormalisedPath(host) || !isNormalisedPath(userHome)) return [];
  if (isWithin(userHome, host)) {
    return [`${host} covers your whole home directory ${userHome}: every file of yours, SSH keys, cloud credentials and browser profiles included`];
  }
  const warnings: string[] = [];
  for (const [place, holds] of CREDENTIAL_PLACES) {
    const path = `${userHome === '/' ? '' : userHome}/${place}`;
    if (overlaps(host, path)) warnings.push(`${host} covers ~/${place}, which holds ${holds}`);
  }
  return warnings;
}

/**
 * What a person reads before granting anything: identity, digest, every tool with its description,
 * and every requested capability in plain words. Everything the servlet supplied is escaped.
 */
import { sensitiveMountWarnings } from '../capabilities/fs/mount-policy.js';
import { ANY_HOST, formatOriginPattern, parseOriginPattern } from '../capabilities/net/pattern.js';
import type { Grants, MountGrant } from '../grants/grants.js';
import type { Manifest } from '../manifest/manifest.js';
import { escapeLine, escapeText, hasHiddenCharacters } from './escape.js';

/** A tool as shown at install: the servlet's own name and description. */
export interface ToolSummary {
  name: string;
  title?: string;
  description?: string;
}

/** What is known about the servlet being installed. */
export interface ServletSummary {
  name: string;
  manifest: Manifest;
  manifestSource: 'embedded' | 'sidecar' | 'inferred' | 'none';
  /** What kind of binary it is, when not a component: "Extism plugin (mcp.run v0)", … */
  format?: string;
  digest: string;
  source: string;
  tools: readonly ToolSummary[];
}

const MANIFEST_ORIGIN = {
  embedded: 'embedded in the component (covered by its digest)',
  sidecar: 'NOT embedded: from a separate manifest file, not covered by the digest',
  inferred: 'NONE from the publisher: the requests below were inferred from what the binary imports',
  none: 'none: the servlet requests no capabilities',
} as const;

/** What an inferred request means, and how (if at all) the person grants it. */
const UNDECLARED = {
  network: 'send HTTP requests — UNDECLARED by the publisher: no origin is granted unless you name it with --allow-host',
  filesystem: 'read or write files — UNDECLARED by the publisher: no directory is granted unless you name it with --mount HOST:GUEST[:rw]',
  config: 'read settings — UNDECLARED by the publisher, keys unknown: it gets none (install it with --manifest naming the keys to grant any)',
  sampling: "ask your MCP client's model to write text (sampling) — UNDECLARED by the publisher: not grantable without a manifest (--manifest)",
  elicitation: 'ask you questions through your MCP client (elicitation) — UNDECLARED by the publisher: not grantable without a manifest (--manifest)',
  roots: "see the roots your MCP client shares — UNDECLARED by the publisher: not grantable without a manifest (--manifest)",
} as const;

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** Every requested capability, one plain-words line each (purposes escaped). */
export function describeRequests(manifest: Manifest): string[] {
  const c = manifest.capabilities;
  const why = (purpose: string) => ` — "${escapeLine(purpose)}"`;
  const lines: string[] = [];
  for (const mount of c.filesystem ?? []) {
    lines.push(`${mount.access === 'read-write' ? 'read and write' : 'read'} files in a directory you choose, seen as ${mount.guest}${why(mount.purpose)}`);
  }
  for (const net of c.network ?? []) lines.push(`send HTTP requests to ${describeOrigin(net.origin)}${why(net.purpose)}`);
  for (const entry of c.config ?? []) lines.push(`read the setting ${entry.key}${entry.default !== undefined ? ` (default "${escapeLine(entry.default)}")` : ''}${why(entry.purpose)}`);
  for (const entry of c.secrets ?? []) lines.push(`read the secret ${entry.key}${why(entry.purpose)}`);
  if (c.storage) lines.push(`keep data of its own between calls${c.storage.quotaBytes ? ` (up to ${c.storage.quotaBytes} bytes)` : ''}${why(c.storage.purpose)}`);
  if (c.sampling) lines.push(`ask your MCP client's model to write text (sampling)${why(c.sampling.purpose)}`);
  if (c.elicitation) lines.push(`ask you questions through your MCP client (elicitation)${why(c.elicitation.purpose)}`);
  if (c.roots) lines.push(`see the roots your MCP client shares${why(c.roots.purpose)}`);
  for (const [kind, text] of Object.entries(UNDECLARED)) if (manifest.undeclared?.[kind as keyof typeof UNDECLARED]) lines.push(text);
  return lines;
}

/** An origin pattern in words; "any host" is spelled out, since a person should narrow it. */
function describeOrigin(origin: string): string {
  const pattern = parseOriginPattern(origin);
  if (typeof pattern === 'string' || pattern.host !== ANY_HOST) return origin;
  const port = formatOriginPattern(pattern).endsWith('*') ? '' : ` on port ${pattern.port}`;
  return `any public website over ${pattern.scheme}${port} (${origin}; name the sites with --allow-host to grant fewer; private and loopback addresses stay refused)`;
}

/** The grants, one plain-words line each; "nothing" when empty. */
export function describeGrants(grants: Grants): string[] {
  const lines = [
    // A directory's name can hold control characters (a cloned tree's, say): escaped like servlet text.
    ...grants.mounts.map((mount) => `${mount.access === 'read-write' ? 'read and write' : 'read'} ${escapeLine(mount.host)} as ${mount.guest}`),
    ...grants.network.map((origin) => `HTTP requests to ${origin}`),
    ...grants.config.map((key) => `setting ${key}`),
    ...grants.secrets.map((key) => `secret ${key}`),
    ...(grants.storage ? ['its own storage'] : []),
    ...(grants.sampling ? ['sampling'] : []),
    ...(grants.elicitation ? ['elicitation'] : []),
    ...(grants.roots ? ['roots'] : []),
  ];
  return lines.length > 0 ? lines : ['nothing'];
}

/**
 * Plain warnings for mounts that cover the user's home directory (`userHome`, a real path) or a
 * place where credentials are kept, one `WARNING: …` line each; empty when none does. Shown
 * wherever a mount is granted: the page before confirming, and the flags' summary.
 */
export function describeMountWarnings(mounts: readonly MountGrant[], userHome: string): string[] {
  return mounts.flatMap((mount) =>
    sensitiveMountWarnings(mount.host, userHome).map(
      (warning) =>
        `WARNING: ${escapeLine(warning)} (the servlet would ${mount.access === 'read-write' ? 'read and change' : 'read'} it as ${mount.guest}). Grant a narrower directory unless you mean it.`,
    ),
  );
}

/** The page shown at install: identity, tools and requests. */
export function describeServlet(summary: ServletSummary): string {
  const m = summary.manifest;
  const out: string[] = [];
  out.push(`Servlet ${escapeLine(summary.name)}${m.version ? ` ${escapeLine(m.version)}` : ''}`);
  if (m.description) out.push(indent(escapeText(m.description), '  '));
  out.push(`  publisher: ${m.publisher ? `${escapeLine(m.publisher)} (as stated by the servlet, not verified)` : 'unknown'}`);
  out.push(`  digest:    sha256:${summary.digest}`);
  out.push(`  source:    ${escapeLine(summary.source)}`);
  if (summary.format) out.push(`  format:    ${escapeLine(summary.format)}`);
  out.push(`  manifest:  ${MANIFEST_ORIGIN[summary.manifestSource]}`);
  out.push('', `Tools (${summary.tools.length}):`);
  for (const tool of summary.tools) {
    out.push(`  ${escapeLine(tool.name)}${tool.title ? ` (${escapeLine(tool.title)})` : ''}`);
    if (tool.description) out.push(indent(escapeText(tool.description), '      '));
    if (hasHiddenCharacters(`${tool.name}${tool.title ?? ''}${tool.description ?? ''}`)) {
      out.push('      WARNING: this tool contains hidden or control characters (shown as \\u{…}); they can carry instructions to a model.');
    }
  }
  const requests = describeRequests(m);
  out.push('', requests.length > 0 ? 'It asks to:' : 'It asks for no capabilities: no files, no network, no secrets, no storage.');
  for (const line of requests) out.push(`  - ${line}`);
  if (m.undeclared) out.push('  (--yes accepts what the publisher declared, so it grants none of the undeclared requests: name what you allow.)');
  return out.join('\n');
}

/** Ready-to-paste MCP client configurations for this installation. */
import { fileURLToPath } from 'node:url';

/** The absolute path of the `mcp-wasm` bin script. */
export const BIN = fileURLToPath(new URL('../bin/mcp-wasm.js', import.meta.url));

/** Configuration snippets for Claude Desktop, VS Code and the MCP Inspector, serving `home`. */
export function clientConfigs(home: string): string {
  const server = { command: process.execPath, args: [BIN, 'serve'], env: { MCP_WASM_HOME: home } };
  const claude = JSON.stringify({ mcpServers: { 'mcp-wasm': server } }, null, 2);
  const vscode = JSON.stringify({ servers: { 'mcp-wasm': { type: 'stdio', ...server } } }, null, 2);
  const inspector = `npx @modelcontextprotocol/inspector -e MCP_WASM_HOME=${home} ${process.execPath} ${BIN} serve`;
  return [
    'Claude Desktop (claude_desktop_config.json):',
    claude,
    '',
    'VS Code (.vscode/mcp.json):',
    vscode,
    '',
    'MCP Inspector:',
    `  ${inspector}`,
  ].join('\n');
}

/**
 * Configuration snippets for clients of `mcp-wasm serve --http` at `url`, authenticating with
 * `token`. They contain the token: print them to the person, never to a log.
 */
export function httpClientConfigs(url: string, token: string): string {
  const authorization = `Bearer ${token}`;
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  const claudeCode = json({ mcpServers: { 'mcp-wasm': { type: 'http', url, headers: { Authorization: authorization } } } });
  const vscode = json({ servers: { 'mcp-wasm': { type: 'http', url, headers: { Authorization: authorization } } } });
  const cursor = json({ mcpServers: { 'mcp-wasm': { url, headers: { Authorization: authorization } } } });
  // Claude Desktop's config file launches commands only; mcp-remote bridges stdio to HTTP. The
  // header goes through an environment variable, as mcp-remote documents (no space inside args).
  const claudeDesktop = json({
    mcpServers: { 'mcp-wasm': { command: 'npx', args: ['-y', 'mcp-remote', url, '--header', 'Authorization:${MCP_WASM_AUTH}'], env: { MCP_WASM_AUTH: authorization } } },
  });
  const inspector = `npx @modelcontextprotocol/inspector --cli ${url} --transport http --header "Authorization: ${authorization}" --method tools/list`;
  return [
    'Claude Code (.mcp.json):',
    claudeCode,
    '',
    'VS Code (.vscode/mcp.json):',
    vscode,
    '',
    'Cursor (~/.cursor/mcp.json):',
    cursor,
    '',
    'Claude Desktop (claude_desktop_config.json, through mcp-remote):',
    claudeDesktop,
    '',
    'MCP Inspector (CLI):',
    `  ${inspector}`,
  ].join('\n');
}

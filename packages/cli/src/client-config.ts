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

// Child process of scenario 4 (see lazy-start.ts). Plain JavaScript on purpose: run without a
// TypeScript loader, so neither this process nor the servlet's worker thread (which inherits the
// process's loader flags) pays for one that `mcp-wasm serve` never has.
//
// In a fresh Node process (no module or compiled code left over from an earlier sample), loads the
// installed servlet `echo` from the home in MCP_WASM_HOME the way `mcp-wasm serve` does, then makes
// its first call. Prints the phases in milliseconds as JSON.
import { performance } from 'node:perf_hooks';
import { NodeHost, resolveHome } from '@mcp-wasm/node';

const host = new NodeHost(resolveHome(), { version: 'bench', onWarning: (message) => process.stderr.write(`${message}\n`) });
const start = performance.now();
// Load: read and check the component, transpile it (cold cache) or find it (warm), import its glue.
const [servlet] = await host.addInstalled(['echo']);
if (!servlet) throw new Error('the home has no servlet "echo"');
const loaded = performance.now();
// First call: the catalog comes from the stored listing (no instance); the call starts the instance, which lists its tools once (checked against the pins) and answers.
const result = await host.gateway.callTool('echo__echo', { message: 'lazy' });
const answered = performance.now();
const text = result.content[0]?.text;
if (result.isError || text !== 'Echo: lazy') throw new Error(`echo answered ${JSON.stringify(result)}`);
process.stdout.write(`${JSON.stringify({ loadMs: loaded - start, firstCallMs: answered - loaded })}\n`);
// Instances live in worker threads: end them so the process can exit.
await host.close();

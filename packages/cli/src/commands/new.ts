/** `mcp-wasm new <name>`: scaffold a TypeScript servlet that builds and passes its own test. */
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { SERVLET_NAME } from '@mcp-wasm/node';
import { UserError } from '../user-error.js';

const TEMPLATE = fileURLToPath(new URL('../../templates/typescript', import.meta.url));

async function fillPlaceholders(dir: string, name: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    await writeFile(path, (await readFile(path, 'utf8')).replaceAll('__NAME__', name));
  }
}

export function registerNew(program: Command): void {
  program
    .command('new')
    .description('create a new TypeScript servlet in ./<name>')
    .argument('<name>', 'servlet name: lowercase letters, digits and dashes')
    .addHelpText('after', '\nThen:\n  cd <name>\n  npx mcp-wasm build\n  npx mcp-wasm call dist/<name>.wasm greet \'{"name":"World"}\'\n  npm test')
    .action(async (name: string) => {
      if (!SERVLET_NAME.test(name)) {
        throw new UserError(`"${name}" is not a valid servlet name: use lowercase letters, digits and dashes, starting with a letter (at most 32)`);
      }
      const dir = resolve(name);
      if (existsSync(dir)) throw new UserError(`${dir} already exists: pick another name or remove it`);
      await cp(TEMPLATE, dir, { recursive: true });
      await rename(join(dir, 'gitignore'), join(dir, '.gitignore'));
      await fillPlaceholders(dir, name);
      process.stdout.write(
        `created ${dir}\n\nNext:\n  cd ${name}\n  npx mcp-wasm build\n  npx mcp-wasm call dist/${name}.wasm greet '{"name":"World"}'\n  npm test\n`,
      );
    });
}

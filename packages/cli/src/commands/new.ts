/** `mcp-wasm new <name> [--lang ts|c|as]`: scaffold a servlet that builds and passes its own test. */
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { SERVLET_NAME } from '@mcp-wasm/node';
import { UserError } from '../user-error.js';

/** Each language's template directory, and what it is called in messages. */
const TEMPLATES = {
  ts: { dir: 'typescript', label: 'TypeScript' },
  c: { dir: 'c', label: 'C' },
  as: { dir: 'assemblyscript', label: 'AssemblyScript' },
} as const;

type Language = keyof typeof TEMPLATES;

function templateDir(language: Language): string {
  return fileURLToPath(new URL(`../../templates/${TEMPLATES[language].dir}`, import.meta.url));
}

async function fillPlaceholders(dir: string, name: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    await writeFile(path, (await readFile(path, 'utf8')).replaceAll('__NAME__', name));
  }
}

function nextSteps(name: string, language: Language): string {
  const test = language === 'c' ? '  node --test test/\n' : '  npm test\n';
  return `  cd ${name}\n  npx mcp-wasm build\n  npx mcp-wasm call dist/${name}.wasm greet '{"name":"World"}'\n${test}`;
}

export function registerNew(program: Command): void {
  program
    .command('new')
    .description('create a new servlet in ./<name> (TypeScript unless --lang says otherwise)')
    .argument('<name>', 'servlet name: lowercase letters, digits and dashes')
    .addOption(new Option('--lang <language>', 'the language to write it in').choices(Object.keys(TEMPLATES)).default('ts'))
    .addHelpText(
      'after',
      `
Languages:
  ts  TypeScript with @mcp-wasm/sdk: src/index.ts, built into a component (componentize-js).
  c   C with mcp_wasm.h: src/main.c, the mcp.run interface (describe, call), built with clang-19
      (apt-get install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32).
  as  AssemblyScript with @mcp-wasm/as-pdk: assembly/index.ts, the hyper-mcp v2 interface
      (tools, prompts, resources), built with asc (comes with mcp-wasm).
C and AssemblyScript servlets are Extism plugins. See docs/authoring-c-as.md.

Then:
${nextSteps('<name>', 'ts')}`,
    )
    .action(async (name: string, options: { lang: Language }) => {
      if (!SERVLET_NAME.test(name)) {
        throw new UserError(`"${name}" is not a valid servlet name: use lowercase letters, digits and dashes, starting with a letter (at most 32)`);
      }
      const dir = resolve(name);
      if (existsSync(dir)) throw new UserError(`${dir} already exists: pick another name or remove it`);
      await cp(templateDir(options.lang), dir, { recursive: true });
      await rename(join(dir, 'gitignore'), join(dir, '.gitignore'));
      await fillPlaceholders(dir, name);
      process.stdout.write(`created ${dir} (${TEMPLATES[options.lang].label})\n\nNext:\n${nextSteps(name, options.lang)}`);
    });
}

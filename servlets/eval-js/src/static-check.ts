/**
 * Refuses, before running it, code that uses what this sandbox does not have: modules (`import`,
 * `export`, `import()`), and top-level `await` (evaluation is synchronous). The engine cannot load
 * a module at all: `import()` there ends the instance instead of failing, so it is caught here
 * with a clear message. Code that builds an `import()` at run time (`eval('imp' + 'ort(...)')`)
 * still ends its instance, and the next call starts a fresh one: nothing is reachable either way.
 */
import { parse, type Node } from 'acorn';

const NO_MODULES = 'eval-js has no modules, files or network: there is nothing to import';

function parses(source: string, options: { sourceType: 'script' | 'module'; allowAwaitOutsideFunction?: boolean }): Node | undefined {
  try {
    return parse(source, { ecmaVersion: 'latest', ...options });
  } catch {
    return undefined;
  }
}

/** The first `import()` expression in a syntax tree, if any (walked without recursion, so deep code cannot overflow the stack). */
function findImportCall(root: Node): Node | undefined {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...(node as unknown[]));
      continue;
    }
    if (typeof node !== 'object' || node === null) continue;
    if ((node as Node).type === 'ImportExpression') return node as Node;
    for (const value of Object.values(node)) if (typeof value === 'object' && value !== null) pending.push(value);
  }
  return undefined;
}

/**
 * Why `source` cannot run here, or undefined when it may. Syntax errors are left to the engine,
 * which reports them as the `SyntaxError` the code would meet anywhere.
 */
export function refusal(source: string): string | undefined {
  const script = parses(source, { sourceType: 'script' });
  if (script) {
    const call = findImportCall(script);
    return call ? `import() is not available (at character ${call.start}): ${NO_MODULES}` : undefined;
  }
  if (parses(source, { sourceType: 'script', allowAwaitOutsideFunction: true })) {
    return 'top-level await is not available: evaluation is synchronous, so a promise cannot be awaited before the call returns';
  }
  if (parses(source, { sourceType: 'module' })) return `import and export declarations are not available: ${NO_MODULES}`;
  return undefined;
}

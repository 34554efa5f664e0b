/** The benchmark's echo servlet, built from `bench/servlets/echo` once per source version. */
import { join } from 'node:path';
// The tests' build cache: keyed by a hash of the servlet's sources, the SDK and the build package,
// so the bench and the tests share one build and neither rebuilds an unchanged servlet (~15 s).
import { buildFromSource } from '../test/support/servlets.js';
import { ROOT } from './servers.js';

/** The path of the built echo component. */
export function buildEchoServlet(): Promise<string> {
  return buildFromSource(join(ROOT, 'bench', 'servlets', 'echo'));
}

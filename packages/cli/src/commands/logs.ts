/** `mcp-wasm logs`: the audit log (calls, denials, withheld tools, servlet log lines), optionally followed. */
import { open, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { escapeLine } from '@mcp-wasm/host';
import { resolveHome, type AuditRecord } from '@mcp-wasm/node';
import { UserError } from '../user-error.js';

const FOLLOW_INTERVAL_MS = 200;

/** One record as a line for people; servlet-supplied text is escaped. */
export function formatRecord(record: AuditRecord): string {
  const head = `${record.time}  ${escapeLine(record.servlet)}`;
  switch (record.type) {
    case 'call':
      return `${head}  call ${escapeLine(record.tool)} → ${record.outcome} (${record.durationMs} ms, ${record.argumentBytes} bytes of arguments)`;
    case 'denied':
      return `${head}  DENIED ${record.capability}: ${escapeLine(record.detail)}`;
    case 'withheld':
      return `${head}  withheld tool ${escapeLine(record.tool)} (${record.reason} since approval)`;
    case 'log':
      return `${head}  log ${record.level}: ${escapeLine(record.message)}`;
    default:
      return `${head}  ${JSON.stringify(record)}`;
  }
}

interface LogsOptions {
  follow?: boolean;
  servlet?: string;
  json?: boolean;
}

export function registerLogs(program: Command): void {
  program
    .command('logs')
    .description('show the audit log: every call, every denial, withheld tools and servlet log lines')
    .option('-f, --follow', 'keep printing new entries as they are written')
    .option('--servlet <name>', 'only entries of this servlet')
    .option('--json', 'print the JSON lines as they are stored')
    .addHelpText('after', '\nExamples:\n  mcp-wasm logs --servlet fetch\n  mcp-wasm logs --follow --json')
    .action(async (options: LogsOptions) => {
      const home = resolveHome();
      let offset = 0;
      let pending = '';
      const print = (text: string) => {
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop()!;
        for (const line of lines) {
          if (!line.trim()) continue;
          let record: AuditRecord;
          try {
            record = JSON.parse(line) as AuditRecord;
          } catch {
            continue; // a line cut by a crash: skip it, keep the rest
          }
          if (options.servlet && record.servlet !== options.servlet) continue;
          process.stdout.write(`${options.json ? line : formatRecord(record)}\n`);
        }
      };
      const readMore = async () => {
        const size = await stat(home.audit).then((s) => s.size, () => -1);
        if (size < offset) offset = 0; // the log was replaced: start over
        if (size <= offset) return size >= 0;
        const handle = await open(home.audit, 'r');
        try {
          const buffer = Buffer.alloc(size - offset);
          await handle.read(buffer, 0, buffer.length, offset);
          offset = size;
          print(buffer.toString('utf8'));
        } finally {
          await handle.close();
        }
        return true;
      };
      const exists = await readMore();
      if (!options.follow) {
        if (!exists) throw new UserError(`no audit log yet in ${home.root}: it starts with the first call of a servlet`);
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => void readMore(), FOLLOW_INTERVAL_MS);
        const stop = () => {
          clearInterval(timer);
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

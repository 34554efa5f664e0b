/** Reads a process's memory from /proc (Linux): what the kernel charges to it, not what V8 reports. */
import { readFile } from 'node:fs/promises';

/** Resident memory of a process, in MiB. */
export interface ProcessMemory {
  /** Peak resident set size so far (VmHWM). */
  peak: number;
  /** Resident set size now (VmRSS). */
  current: number;
}

function field(status: string, name: string, pid: number): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no ${name}: memory figures need Linux`);
  return Number(match[1]) / 1024;
}

/** The memory of process `pid`, which must be alive. */
export async function processMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return { peak: field(status, 'VmHWM', pid), current: field(status, 'VmRSS', pid) };
}

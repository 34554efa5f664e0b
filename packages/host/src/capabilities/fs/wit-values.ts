/** Values of `wasi:filesystem/types` as jco carries them, and conversions from the backend's. */
import type { FsStat, FsTime, FsNodeKind } from './types.js';

/** `descriptor-flags`. */
export interface DescriptorFlags {
  read?: boolean;
  write?: boolean;
  fileIntegritySync?: boolean;
  dataIntegritySync?: boolean;
  requestedWriteSync?: boolean;
  mutateDirectory?: boolean;
}

/** `path-flags`. */
export interface PathFlags {
  symlinkFollow?: boolean;
}

/** `open-flags`. */
export interface OpenFlags {
  create?: boolean;
  directory?: boolean;
  exclusive?: boolean;
  truncate?: boolean;
}

/** `descriptor-stat`. */
export interface DescriptorStat {
  type: FsNodeKind;
  linkCount: bigint;
  size: bigint;
  dataAccessTimestamp?: FsTime;
  dataModificationTimestamp?: FsTime;
  statusChangeTimestamp?: FsTime;
}

/** `metadata-hash-value`. */
export interface MetadataHashValue {
  lower: bigint;
  upper: bigint;
}

/** The WIT stat of a backend stat. */
export function toDescriptorStat(stat: FsStat): DescriptorStat {
  return {
    type: stat.kind,
    linkCount: stat.linkCount,
    size: stat.size,
    dataAccessTimestamp: stat.accessed,
    dataModificationTimestamp: stat.modified,
    statusChangeTimestamp: stat.changed,
  };
}

const MASK = (1n << 64n) - 1n;

/** SplitMix64's finaliser: spreads every input bit over the output. */
function mix64(value: bigint): bigint {
  let x = value & MASK;
  x = ((x ^ (x >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  x = ((x ^ (x >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return x ^ (x >> 31n);
}

/**
 * `metadata-hash`: identical for the same unchanged object, different (almost surely) once it is
 * modified or replaced, as the interface asks. Mixed, so raw inode numbers are not handed out.
 */
export function metadataHash(stat: FsStat): MetadataHashValue {
  const modified = stat.modified ? stat.modified.seconds * 1_000_000_000n + BigInt(stat.modified.nanoseconds) : 0n;
  const changed = stat.changed ? stat.changed.seconds * 1_000_000_000n + BigInt(stat.changed.nanoseconds) : 0n;
  let lower = 0x9e3779b97f4a7c15n;
  let upper = 0x2545f4914f6cdd1dn;
  for (const value of [stat.device, stat.inode, stat.size, modified, changed]) {
    lower = mix64(lower ^ value);
    upper = mix64(upper + value + lower);
  }
  return { lower, upper };
}

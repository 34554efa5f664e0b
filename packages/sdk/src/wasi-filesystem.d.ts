/** `wasi:filesystem`, imported by servlets that request mounts (see fs.ts). Only what the SDK uses is typed. */
declare module 'wasi:filesystem/types@0.2.12' {
  export type ErrorCode =
    | 'access' | 'would-block' | 'already' | 'bad-descriptor' | 'busy' | 'deadlock' | 'quota' | 'exist'
    | 'file-too-large' | 'illegal-byte-sequence' | 'in-progress' | 'interrupted' | 'invalid' | 'io'
    | 'is-directory' | 'loop' | 'too-many-links' | 'message-size' | 'name-too-long' | 'no-device'
    | 'no-entry' | 'no-lock' | 'insufficient-memory' | 'insufficient-space' | 'not-directory'
    | 'not-empty' | 'not-recoverable' | 'unsupported' | 'no-tty' | 'no-such-device' | 'overflow'
    | 'not-permitted' | 'pipe' | 'read-only' | 'invalid-seek' | 'text-file-busy' | 'cross-device';
  export type DescriptorType =
    | 'unknown' | 'block-device' | 'character-device' | 'directory' | 'fifo' | 'symbolic-link' | 'regular-file' | 'socket';
  export interface Datetime { seconds: bigint; nanoseconds: number }
  export interface DescriptorStat {
    type: DescriptorType;
    linkCount: bigint;
    size: bigint;
    dataAccessTimestamp?: Datetime;
    dataModificationTimestamp?: Datetime;
    statusChangeTimestamp?: Datetime;
  }
  export interface PathFlags { symlinkFollow?: boolean }
  export interface OpenFlags { create?: boolean; directory?: boolean; exclusive?: boolean; truncate?: boolean }
  export interface DescriptorFlags {
    read?: boolean;
    write?: boolean;
    fileIntegritySync?: boolean;
    dataIntegritySync?: boolean;
    requestedWriteSync?: boolean;
    mutateDirectory?: boolean;
  }
  export interface DirectoryEntry { type: DescriptorType; name: string }
  export class OutputStream {
    blockingWriteAndFlush(contents: Uint8Array): void;
  }
  export class DirectoryEntryStream {
    readDirectoryEntry(): DirectoryEntry | undefined;
  }
  export class Descriptor {
    appendViaStream(): OutputStream;
    getFlags(): DescriptorFlags;
    read(length: bigint, offset: bigint): [Uint8Array, boolean];
    write(buffer: Uint8Array, offset: bigint): bigint;
    readDirectory(): DirectoryEntryStream;
    createDirectoryAt(path: string): void;
    statAt(pathFlags: PathFlags, path: string): DescriptorStat;
    openAt(pathFlags: PathFlags, path: string, openFlags: OpenFlags, flags: DescriptorFlags): Descriptor;
    removeDirectoryAt(path: string): void;
    renameAt(oldPath: string, newDescriptor: Descriptor, newPath: string): void;
    unlinkFileAt(path: string): void;
    symlinkAt(oldPath: string, newPath: string): void;
    linkAt(oldPathFlags: PathFlags, oldPath: string, newDescriptor: Descriptor, newPath: string): void;
    readlinkAt(path: string): string;
  }
}

declare module 'wasi:filesystem/preopens@0.2.12' {
  import type { Descriptor } from 'wasi:filesystem/types@0.2.12';
  export function getDirectories(): Array<[Descriptor, string]>;
}

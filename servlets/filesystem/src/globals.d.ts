/** Web APIs of the guest's JavaScript engine (StarlingMonkey) that the servlet uses; the tsconfig has no DOM lib. */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(bytes: Uint8Array): string;
}
declare class TextEncoder {
  encode(text: string): Uint8Array;
}
declare class URL {
  constructor(url: string);
  pathname: string;
  readonly href: string;
}
declare function btoa(binary: string): string;

/** Node's own `path.posix`, packaged for bundlers (`path-browserify`): the same path arithmetic as server-filesystem. */
declare module 'path-browserify' {
  interface PosixPath {
    resolve(...paths: string[]): string;
    join(...paths: string[]): string;
    relative(from: string, to: string): string;
    extname(path: string): string;
    isAbsolute(path: string): boolean;
  }
  const path: PosixPath;
  export default path;
}

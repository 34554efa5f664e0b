/** Host interfaces a TypeScript servlet imports; componentize-js links them to the component's imports. */
declare module 'wasi:logging/logging@0.1.0-draft' {
  export function log(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'critical', context: string, message: string): void;
}

declare module 'mcp-wasm:servlet/progress@0.1.0' {
  export function report(progress: number, total: number | undefined, message: string | undefined): void;
}

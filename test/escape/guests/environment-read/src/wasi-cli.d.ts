/** `wasi:cli/environment`, which the build adds to this guest's world only through `extraImports`. */
declare module 'wasi:cli/environment@0.2.12' {
  export function getEnvironment(): Array<[string, string]>;
  export function getArguments(): string[];
  export function initialCwd(): string | undefined;
}

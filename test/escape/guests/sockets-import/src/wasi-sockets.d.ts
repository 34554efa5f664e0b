/** `wasi:sockets`, which the build adds to this guest's world only through `extraImports`. */
declare module 'wasi:sockets/tcp-create-socket@0.2.12' {
  export function createTcpSocket(family: 'ipv4' | 'ipv6'): unknown;
}

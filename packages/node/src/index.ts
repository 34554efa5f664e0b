/** @mcp-wasm/node: the Node.js adapter of the mcp-wasm host. */
export { JcoCompiler, type CacheOutcome, type JcoCompiledComponent } from './jco-compiler.js';
export { workerInstances, workerPluginInstances, type WorkerComponent } from './worker/worker-instances.js';
export { resolveHome, type HomePaths } from './home.js';
export { readState, readStateSync, updateState, writeState, type HomeState, type InstalledServlet } from './state.js';
export { withLock } from './lock.js';
export { writeFileAtomic, writeFileAtomicSync } from './atomic-write.js';
export { createKvBackend, kvBackends, removeStorage, storageFile } from './kv-backend.js';
export { SecretStore } from './secret-store.js';
export { NodeHost, SERVLET_NAME, servletNameFromFile, type NodeHostOptions } from './node-host.js';
export { serveGatewayOverStdio } from './stdio.js';
export { createAuditLog, type AuditRecord } from './audit-log.js';
export { CapabilityResolver, contextFromGrants, DEFAULT_STORAGE_QUOTA, type GrantedServlet, type NodeBackends } from './capability-resolver.js';
export { createNodeFsBackend, fsUnsupportedReason, NodeFsBackend } from './fs-backend/node-fs-backend.js';
export { createNodeHttpBackend, type NodeHttpBackend, type NodeHttpBackendOptions } from './http-backend.js';
export { SyncBridge, SyncBridgeError, bridgeData, serveSyncBridge } from './sync-bridge.js';
export { defaultBackends } from './default-backends.js';
export { httpToken, rotateHttpToken } from './http-token.js';
export { serveGatewayOverHttp, HttpServeError, DEFAULT_HTTP_PORT, type HttpAuthMode, type HttpServeOptions, type RunningHttpServer } from './http-server/serve-http.js';

/**
 * @mcp-wasm/host: the runtime-neutral core of mcp-wasm. It imports no Node module and uses no
 * Node global, so it runs in Node, Deno, Bun and browsers; runtime-specific parts (compiling
 * components, files, stdio) come from an adapter such as @mcp-wasm/node.
 */
export { HostError, type HostErrorCode } from './errors.js';
export { readComponentInfo, type ComponentInfo } from './component/binary.js';
export { sha256Hex, type CompiledComponent, type CompileOptions, type ComponentCompiler, type ComponentExports } from './component/compiler.js';
export { capMemory, MAX_PAGES_32, PAGE_BYTES, type CapMemoryOptions } from './limits/memory-cap.js';
export { memoryLimitReason, watchMemories, type InstantiateCore, type MemoryWatch } from './limits/memory-watch.js';
export { checkImports, linkImports, parseImportName, type ImportObject, type InstanceSinks } from './component/linker.js';
export {
  checkComponent,
  deferredServlet,
  loadServlet,
  prepareInstances,
  type CheckedComponent,
  type DeferredServletOptions,
  type LoadServletOptions,
  type ManifestSource,
} from './servlet/load.js';
export { readGuestBinary, type GuestBinary } from './component/binary.js';
export { readCoreModuleInfo, type CoreImport, type CoreModuleInfo } from './component/core-module.js';
export { detectInterface, INTERFACE_NAMES, type ExtismInterface } from './extism/abi.js';
export { checkExtismPlugin, type ExtismPluginInfo } from './extism/plugin-check.js';
export { compileExtismPlugin, kernelMemoryLimit, startExtismInstance, type CompiledPlugin, type StartedPlugin } from './extism/plugin-instance.js';
export { inThreadExtismInstances } from './extism/in-thread.js';
export { inferManifest } from './extism/inferred-manifest.js';
export { isExtismManifest, manifestFromExtism, parseSidecar } from './extism/extism-manifest.js';
export { Servlet, ServletError, ServletTrap, type CallOptions, type ProgressListener, type ServletOptions } from './servlet/servlet.js';
export { classifyGuestFailure, describeFailure, type GuestFailure } from './servlet/errors.js';
export {
  inThreadInstances,
  InstanceEnded,
  pickExports,
  runExportCall,
  type CallBounds,
  type ExportOutcome,
  type ExportCall,
  type ExportName,
  type InstanceEvents,
  type InstanceFactory,
  type ServletExports,
  type ServletInstance,
} from './servlet/instance.js';
export { DEFAULT_LIMITS, LogRate, MAX_LIMITS, RAISE_MEMORY_LIMIT, servletLimits, type ServletLimits } from './servlet/limits.js';
export { Gateway, type GatewayOptions } from './gateway/gateway.js';
export { Catalog, type CatalogEntry, type CatalogOptions } from './gateway/catalog.js';
export { qualifiedName, NameTable, TOOL_NAME_PATTERN, type NameCollision } from './gateway/naming.js';
export { createHttpEndpoint, type HttpAuth, type HttpEndpoint, type HttpEndpointOptions } from './gateway/http/endpoint.js';
export { normalizeHost, normalizeOrigin, type GuardOptions } from './gateway/http/guard.js';
export { LOG_LEVELS, type LogLevel, type LogSink } from './wasi/log-sink.js';
export type { ClientRequest } from './capabilities/client/client-messages.js';
export { CAPABILITY_DENIED, createClientFeatures } from './capabilities/client/client-features.js';
export { GuestExit } from './wasi/cli.js';
export { ManifestSchema, parseManifest, EMPTY_MANIFEST, CONFIG_KEY, type Manifest, type UndeclaredRequests } from './manifest/manifest.js';
export { appendCustomSection, embedManifest, readEmbeddedManifest, MANIFEST_SECTION } from './manifest/embed.js';
export { checkImportsAgainstManifest, checkPluginImportsAgainstManifest } from './manifest/imports.js';
export {
  emptyCapabilities,
  liveSlice,
  type CapabilityContext,
  type CapabilityKind,
  type CapabilityProvider,
  type ClientFeatureContext,
  type Denial,
  type DenialReporter,
  type LiveSlice,
} from './capabilities/context.js';
export type {
  FsBackend,
  FsContext,
  FsEntry,
  FsErrorCode,
  FsIdentity,
  FsLocation,
  FsNodeKind,
  FsOpenOptions,
  FsRefusalReason,
  FsStat,
  FsTime,
  FsTimeChange,
  Mount,
} from './capabilities/fs/types.js';
export { FsBackendError } from './capabilities/fs/types.js';
export { resolveGuestPath, resolveRelative, type MountMatch, type PathCheck } from './capabilities/fs/path-check.js';
export { createFilesystem } from './capabilities/fs/filesystem.js';
export { wasiPreview1, WasiExit, WASI_P1_FILESYSTEM_IMPORTS, WASI_P1_MODULE, ERRNO as WASI_P1_ERRNO, type WasiP1Options, type WasiPreview1 } from './wasi-p1/index.js';
export {
  DEFAULT_NET_LIMITS,
  type NetContext,
  type NetLimits,
  type HttpBackend,
  type HttpBackendRequest,
  type HttpBackendResponse,
  type HttpErrorCode,
} from './capabilities/net/types.js';
export {
  canonicalAddress,
  checkAddress,
  classifyAddress,
  describeAddressClass,
  policyForHost,
  PUBLIC_ONLY,
  type AddressClass,
  type AddressPolicy,
  type AddressVerdict,
} from './capabilities/net/address.js';
export { describeRequest, originOf, parseRequestUrl, permitRequest, type NetPermission } from './capabilities/net/policy.js';
export type { ConfigContext } from './capabilities/config/types.js';
export { redactSecrets, MIN_SECRET_LENGTH } from './capabilities/config/redact.js';
export type { KvContext, KvBackend } from './capabilities/kv/types.js';
export { createMemoryKvBackend } from './capabilities/kv/memory-backend.js';
export { parseOriginPattern, formatOriginPattern, originMatches, patternCovers, type OriginPattern } from './capabilities/net/pattern.js';
export { excessGrants, noGrants, type Grants, type MountAccess, type MountGrant } from './grants/grants.js';
export { mountsFromGrants, refusedMounts, type MountRefusal } from './grants/mounts.js';
export {
  CREDENTIAL_PLACES,
  isNormalisedPath,
  isWithin,
  mountRootRefusal,
  overlappingPairs,
  PSEUDO_FILE_SYSTEMS,
  sensitiveMountWarnings,
  type ProtectedRoot,
} from './capabilities/fs/mount-policy.js';
export * from './consent/index.js';
export {
  CAPABILITY_NAMES,
  checkSpec,
  grantsFromChoices,
  mergeGrants,
  parseMountChoice,
  requestedGrants,
  selectCapabilities,
  withoutCapability,
  type GrantChoices,
  type MountChoice,
} from './grants/narrow.js';
export { comparePins, pinsDiffer, pinTools, toolPin, type PinDifference, type ToolPins } from './pins/tool-pins.js';
export { ToolWithheld, withheldMessage, withheldReason, type WithheldReason } from './pins/withheld.js';
export { listLive, type ListingStore, type ServletListing } from './servlet/listing.js';
export type { WitTool } from './servlet/wit-types.js';
export type { AuditEvent, AuditSink, CallOutcome } from './audit/audit.js';

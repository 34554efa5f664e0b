/**
 * Where the graph lives: one value in the servlet's own storage (`wasi:keyvalue`), holding the
 * whole graph as JSON Lines in the very format of server-memory's `memory.jsonl`, so a graph can be
 * moved between the native server and this servlet by copying that text.
 *
 * Why one value rather than one key per entity plus a relations index: the host persists the
 * servlet's namespace atomically at each write (packages/node/src/kv-backend.ts), so one write per
 * tool call makes every call all-or-nothing. With a key per entity, a `create_entities` of ten
 * entities would be ten separate durable writes, and a kill half-way (or the quota refusing the
 * sixth) would leave half a batch and an index that disagrees with the entities. The cost, a
 * rewrite of the whole graph per change, is what server-memory pays too, and the quota (2 MiB
 * requested) keeps it small. The host checks the quota before writing: a refused write leaves the
 * previous graph as it was, and the call fails with the host's message (how to raise the quota).
 */
import * as storage from '@mcp-wasm/sdk/storage';
import type { Entity, KnowledgeGraph, Relation } from './graph.js';

/** The storage key of the graph. */
export const GRAPH_KEY = 'memory.jsonl';

/** One line of the file: an entity or a relation, tagged like server-memory's. */
type Line = ({ type: 'entity' } & Entity) | ({ type: 'relation' } & Relation);

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Reads the graph; an empty graph when nothing is stored yet. */
export function loadGraph(): KnowledgeGraph {
  const text = storage.getText(GRAPH_KEY) ?? '';
  const graph: KnowledgeGraph = { entities: [], relations: [] };
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let line: Partial<Line> & Record<string, unknown>;
    try {
      line = JSON.parse(raw);
    } catch {
      throw new Error(`the stored knowledge graph is damaged at line ${index + 1} (not JSON); delete the entities concerned or reinstall the servlet`);
    }
    if (line.type === 'entity' && typeof line.name === 'string' && typeof line.entityType === 'string' && isStringArray(line.observations)) {
      graph.entities.push({ name: line.name, entityType: line.entityType, observations: line.observations });
    } else if (line.type === 'relation' && typeof line.from === 'string' && typeof line.to === 'string' && typeof line.relationType === 'string') {
      graph.relations.push({ from: line.from, to: line.to, relationType: line.relationType });
    }
    // Like server-memory, a line of another type is skipped.
  });
  return graph;
}

/** Writes the whole graph in one storage write (see the module comment for why). */
export function saveGraph(graph: KnowledgeGraph): void {
  const lines = [
    ...graph.entities.map((entity) => JSON.stringify({ type: 'entity', name: entity.name, entityType: entity.entityType, observations: entity.observations })),
    ...graph.relations.map((relation) => JSON.stringify({ type: 'relation', from: relation.from, to: relation.to, relationType: relation.relationType })),
  ];
  storage.set(GRAPH_KEY, lines.join('\n'));
}

/** Loads the graph, lets `change` edit it, and saves it only if `change` returned (did not throw). */
export function updateGraph<T>(change: (graph: KnowledgeGraph) => T): T {
  const graph = loadGraph();
  const result = change(graph);
  saveGraph(graph);
  return result;
}

/**
 * memory: a knowledge graph of entities, relations and observations, with the tools of
 * `@modelcontextprotocol/server-memory` (same names, schemas, results and errors), kept in the
 * servlet's own storage instead of a file anywhere on the disk. It needs storage and nothing else.
 */
import { defineServlet, resource, text, tool, z, type ToolResult } from '@mcp-wasm/sdk';
import * as graph from './graph.js';
import {
  AddedObservationsSchema,
  EntitySchema,
  GraphSchema,
  ObservationAdditionSchema,
  ObservationDeletionSchema,
  RelationSchema,
  SuccessSchema,
} from './schemas.js';
import { loadGraph, updateGraph } from './store.js';

/**
 * A result with server-memory's exact text (pretty-printed `shown`) beside the structured content.
 * The SDK would render structured output as compact JSON of the whole object; returning a complete
 * result keeps the text identical to the native server's, which is what the parity tests compare.
 * The cast is sound: the SDK passes a `ToolResult` through unchanged.
 */
function reply<T>(structured: T, shown: unknown = structured): T {
  const result: ToolResult = { content: [text(JSON.stringify(shown, null, 2))], structuredContent: structured };
  return result as unknown as T;
}

/** The result of the delete tools: a message, as text and as structured content. */
function done(message: string): z.infer<typeof SuccessSchema> {
  const result: ToolResult = { content: [text(message)], structuredContent: { success: true, message } };
  return result as unknown as z.infer<typeof SuccessSchema>;
}

const writes = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
const deletes = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false };
const reads = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export default defineServlet({
  tools: [
    tool({
      name: 'create_entities',
      title: 'Create Entities',
      description: 'Create multiple new entities in the knowledge graph',
      input: z.object({ entities: z.array(EntitySchema) }),
      output: z.object({ entities: z.array(EntitySchema) }),
      annotations: writes,
      run: ({ entities }) => {
        const added = updateGraph((g) => graph.createEntities(g, entities));
        return reply({ entities: added }, added);
      },
    }),
    tool({
      name: 'create_relations',
      title: 'Create Relations',
      description: 'Create multiple new relations between entities in the knowledge graph. Relations should be in active voice',
      input: z.object({ relations: z.array(RelationSchema) }),
      output: z.object({ relations: z.array(RelationSchema) }),
      annotations: writes,
      run: ({ relations }) => {
        const added = updateGraph((g) => graph.createRelations(g, relations));
        return reply({ relations: added }, added);
      },
    }),
    tool({
      name: 'add_observations',
      title: 'Add Observations',
      description: 'Add new observations to existing entities in the knowledge graph',
      input: z.object({ observations: z.array(ObservationAdditionSchema) }),
      output: AddedObservationsSchema,
      annotations: writes,
      run: ({ observations }) => {
        const results = updateGraph((g) => graph.addObservations(g, observations));
        return reply({ results }, results);
      },
    }),
    tool({
      name: 'delete_entities',
      title: 'Delete Entities',
      description: 'Delete multiple entities and their associated relations from the knowledge graph',
      input: z.object({ entityNames: z.array(z.string()).describe('An array of entity names to delete') }),
      output: SuccessSchema,
      annotations: deletes,
      run: ({ entityNames }) => {
        updateGraph((g) => graph.deleteEntities(g, entityNames));
        return done('Entities deleted successfully');
      },
    }),
    tool({
      name: 'delete_observations',
      title: 'Delete Observations',
      description: 'Delete specific observations from entities in the knowledge graph',
      input: z.object({ deletions: z.array(ObservationDeletionSchema) }),
      output: SuccessSchema,
      annotations: deletes,
      run: ({ deletions }) => {
        updateGraph((g) => graph.deleteObservations(g, deletions));
        return done('Observations deleted successfully');
      },
    }),
    tool({
      name: 'delete_relations',
      title: 'Delete Relations',
      description: 'Delete multiple relations from the knowledge graph',
      input: z.object({ relations: z.array(RelationSchema).describe('An array of relations to delete') }),
      output: SuccessSchema,
      annotations: deletes,
      run: ({ relations }) => {
        updateGraph((g) => graph.deleteRelations(g, relations));
        return done('Relations deleted successfully');
      },
    }),
    tool({
      name: 'read_graph',
      title: 'Read Graph',
      description: 'Read the entire knowledge graph',
      input: z.object({}),
      output: GraphSchema,
      annotations: reads,
      run: () => reply(loadGraph()),
    }),
    tool({
      name: 'search_nodes',
      title: 'Search Nodes',
      description: 'Search for nodes in the knowledge graph based on a query',
      input: z.object({ query: z.string().describe('The search query to match against entity names, types, and observation content') }),
      output: GraphSchema,
      annotations: reads,
      run: ({ query }) => reply(graph.searchNodes(loadGraph(), query)),
    }),
    tool({
      name: 'open_nodes',
      title: 'Open Nodes',
      description: 'Open specific nodes in the knowledge graph by their names',
      input: z.object({ names: z.array(z.string()).describe('An array of entity names to retrieve') }),
      output: GraphSchema,
      annotations: reads,
      run: ({ names }) => reply(graph.openNodes(loadGraph(), names)),
    }),
  ],
  resources: [
    resource({
      uri: 'memory://knowledge-graph',
      name: 'knowledge-graph',
      title: 'Knowledge Graph',
      description: 'The full knowledge graph with all entities and relations',
      mimeType: 'application/json',
      read: () => JSON.stringify(loadGraph(), null, 2),
    }),
  ],
});

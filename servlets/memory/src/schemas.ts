/**
 * The tools' input and output schemas, word for word those of server-memory (names, descriptions,
 * required fields), so that clients and models see the same contract.
 */
import { z } from '@mcp-wasm/sdk';

export const EntitySchema = z.object({
  name: z.string().describe('The name of the entity'),
  entityType: z.string().describe('The type of the entity'),
  observations: z.array(z.string()).describe('An array of observation contents associated with the entity'),
});

export const RelationSchema = z.object({
  from: z.string().describe('The name of the entity where the relation starts'),
  to: z.string().describe('The name of the entity where the relation ends'),
  relationType: z.string().describe('The type of the relation'),
});

/** What read_graph, search_nodes and open_nodes return. */
export const GraphSchema = z.object({
  entities: z.array(EntitySchema),
  relations: z.array(RelationSchema),
});

/** What the delete tools return. */
export const SuccessSchema = z.object({
  success: z.boolean(),
  message: z.string(),
});

export const ObservationAdditionSchema = z.object({
  entityName: z.string().describe('The name of the entity to add the observations to'),
  contents: z.array(z.string()).describe('An array of observation contents to add'),
});

export const ObservationDeletionSchema = z.object({
  entityName: z.string().describe('The name of the entity containing the observations'),
  observations: z.array(z.string()).describe('An array of observations to delete'),
});

export const AddedObservationsSchema = z.object({
  results: z.array(z.object({ entityName: z.string(), addedObservations: z.array(z.string()) })),
});

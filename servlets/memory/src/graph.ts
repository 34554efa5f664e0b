/**
 * The knowledge graph and its operations, with the semantics of `@modelcontextprotocol/server-memory`
 * (2026.8.31) kept exactly, so a model that learnt that server finds the same behaviour here:
 * - entities are unique by name and relations by (from, to, relationType), checked against what
 *   the graph already holds (like the native server, not within one request's own list);
 * - observations are added only when the entity does not hold them yet;
 * - adding observations to a missing entity fails the whole call and changes nothing;
 * - deleting what is not there is no error; deleting an entity deletes its relations;
 * - search matches names, types and observations case-insensitively; search and open return the
 *   relations with at least one end among the entities found.
 * Every operation works on a graph in memory; src/store.ts loads and saves it.
 */

/** A node of the graph. */
export interface Entity {
  name: string;
  entityType: string;
  observations: string[];
}

/** A directed, typed edge between two entities (by name). */
export interface Relation {
  from: string;
  to: string;
  relationType: string;
}

/** The whole graph. */
export interface KnowledgeGraph {
  entities: Entity[];
  relations: Relation[];
}

/** Observations to add to one entity. */
export interface ObservationAddition {
  entityName: string;
  contents: string[];
}

/** Observations to remove from one entity. */
export interface ObservationDeletion {
  entityName: string;
  observations: string[];
}

/** What `addObservations` added to one entity. */
export interface AddedObservations {
  entityName: string;
  addedObservations: string[];
}

function sameRelation(a: Relation, b: Relation): boolean {
  return a.from === b.from && a.to === b.to && a.relationType === b.relationType;
}

/** Adds the entities whose names are new; returns those added. */
export function createEntities(graph: KnowledgeGraph, entities: Entity[]): Entity[] {
  const added = entities.filter((entity) => !graph.entities.some((existing) => existing.name === entity.name));
  graph.entities.push(...added);
  return added;
}

/** Adds the relations not already in the graph; returns those added. */
export function createRelations(graph: KnowledgeGraph, relations: Relation[]): Relation[] {
  const added = relations.filter((relation) => !graph.relations.some((existing) => sameRelation(existing, relation)));
  graph.relations.push(...added);
  return added;
}

/**
 * Adds observations the entities do not hold yet. Throws, before anything is saved, when an entity
 * is missing (the caller saves only when this returns).
 */
export function addObservations(graph: KnowledgeGraph, additions: ObservationAddition[]): AddedObservations[] {
  return additions.map((addition) => {
    const entity = graph.entities.find((candidate) => candidate.name === addition.entityName);
    if (!entity) throw new Error(`Entity with name ${addition.entityName} not found`);
    const added = addition.contents.filter((content) => !entity.observations.includes(content));
    entity.observations.push(...added);
    return { entityName: addition.entityName, addedObservations: added };
  });
}

/** Removes the named entities and every relation that starts or ends at one of them. */
export function deleteEntities(graph: KnowledgeGraph, names: string[]): void {
  graph.entities = graph.entities.filter((entity) => !names.includes(entity.name));
  graph.relations = graph.relations.filter((relation) => !names.includes(relation.from) && !names.includes(relation.to));
}

/** Removes the given observations; unknown entities and observations are ignored. */
export function deleteObservations(graph: KnowledgeGraph, deletions: ObservationDeletion[]): void {
  for (const deletion of deletions) {
    const entity = graph.entities.find((candidate) => candidate.name === deletion.entityName);
    if (entity) entity.observations = entity.observations.filter((observation) => !deletion.observations.includes(observation));
  }
}

/** Removes the given relations; unknown ones are ignored. */
export function deleteRelations(graph: KnowledgeGraph, relations: Relation[]): void {
  graph.relations = graph.relations.filter((relation) => !relations.some((doomed) => sameRelation(relation, doomed)));
}

/** The entities found and the relations touching at least one of them. */
function subgraph(graph: KnowledgeGraph, entities: Entity[]): KnowledgeGraph {
  const names = new Set(entities.map((entity) => entity.name));
  return { entities, relations: graph.relations.filter((relation) => names.has(relation.from) || names.has(relation.to)) };
}

/** Entities whose name, type or an observation contains `query` (case-insensitive), with their relations. */
export function searchNodes(graph: KnowledgeGraph, query: string): KnowledgeGraph {
  const needle = query.toLowerCase();
  const matches = (text: string) => text.toLowerCase().includes(needle);
  return subgraph(
    graph,
    graph.entities.filter((entity) => matches(entity.name) || matches(entity.entityType) || entity.observations.some(matches)),
  );
}

/** The named entities (those that exist), with their relations. */
export function openNodes(graph: KnowledgeGraph, names: string[]): KnowledgeGraph {
  return subgraph(
    graph,
    graph.entities.filter((entity) => names.includes(entity.name)),
  );
}

/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A new incident. */
export type DeclareIncidentInput = {
  /** Defaults to the declarer. */
  commanderId?: string | number | null | undefined;
  /** When the problem was first noticed; defaults to now. */
  detectedAt?: string | null | undefined;
  /** A retry with the same key and input returns the first result and creates nothing; the same key with other input is a CONFLICT. */
  idempotencyKey?: string | null | undefined;
  /** Affected products. */
  productIds?: Array<string | number> | null | undefined;
  /** How bad: a severity level (1 is worst). */
  severityLevel: number;
  /** More about it (Markdown). */
  summary?: string | null | undefined;
  /** What is wrong, 1 to 200 characters. */
  title: string;
  /** Defaults to PUBLIC. */
  visibility?: Visibility | null | undefined;
};

/** Which incidents to list; every condition must hold. */
export type IncidentFilter = {
  /** Declared at or after this time. */
  declaredAfter?: string | null | undefined;
  /** Declared before this time. */
  declaredBefore?: string | null | undefined;
  /** Incidents affecting any of these products. */
  productIds?: Array<string | number> | null | undefined;
  /** Full-text search over title, summary and update bodies (web-search syntax: words, "phrases", -exclusions, or). */
  query?: string | null | undefined;
  /** Only these severity levels. */
  severityLevels?: Array<number> | null | undefined;
  /** Only these statuses. */
  statuses?: Array<IncidentStatus> | null | undefined;
  /** Only public or only private ones. */
  visibility?: Visibility | null | undefined;
};

/** Where an incident stands: INVESTIGATING → IDENTIFIED → MONITORING → RESOLVED → CLOSED, moving back among the first three, reopening from RESOLVED, CANCELED from any open status. */
export type IncidentStatus =
  /** A false alarm. */
  | 'CANCELED'
  /** Done, retrospective published where the severity requires one. */
  | 'CLOSED'
  /** The cause is known; a fix is under way. */
  | 'IDENTIFIED'
  /** Declared; the cause is not known yet. */
  | 'INVESTIGATING'
  /** A fix is in; watching that it holds. */
  | 'MONITORING'
  /** Service is restored. */
  | 'RESOLVED';

/** A status update to post. */
export type PostIncidentUpdateInput = {
  /** What is happening (Markdown). */
  body: string;
  /** A retry with the same key and input returns the first result and creates nothing; the same key with other input is a CONFLICT. */
  idempotencyKey?: string | null | undefined;
  /** The incident. */
  incidentId: string | number;
  /** Show it on the public status page once the incident is published (default false: internal). */
  public?: boolean | null | undefined;
  /** Optionally change the severity at the same time. */
  severityLevel?: number | null | undefined;
  /** Optionally move the incident to this status at the same time. */
  status?: IncidentStatus | null | undefined;
};

/** What a timeline event records. */
export type TimelineEventKind =
  /** A follow-up was added. */
  | 'ACTION_ITEM_CREATED'
  /** A follow-up was edited or moved. */
  | 'ACTION_ITEM_UPDATED'
  /** An alert of the incident's alert group fired (first, or again). */
  | 'ALERT_FIRING'
  /** An alert of the incident's alert group resolved (or all of them did). */
  | 'ALERT_RESOLVED'
  /** The incident was declared. */
  | 'DECLARED'
  /** Title, summary or detection time changed. */
  | 'DETAILS_CHANGED'
  /** A note someone added. */
  | 'NOTE'
  /** The affected products changed. */
  | 'PRODUCTS_CHANGED'
  /** A status update was overdue and its commander and communications lead were reminded. */
  | 'REMINDER_SENT'
  /** The next reminder was moved. */
  | 'REMINDER_SNOOZED'
  /** A retrospective was opened. */
  | 'RETROSPECTIVE_CREATED'
  /** The retrospective was published. */
  | 'RETROSPECTIVE_PUBLISHED'
  /** The retrospective moved between draft and review. */
  | 'RETROSPECTIVE_STATUS_CHANGED'
  /** The retrospective was edited. */
  | 'RETROSPECTIVE_UPDATED'
  /** Someone was given a role. */
  | 'ROLE_ASSIGNED'
  /** A role was left empty. */
  | 'ROLE_UNASSIGNED'
  /** The severity changed. */
  | 'SEVERITY_CHANGED'
  /** The status changed. */
  | 'STATUS_CHANGED'
  /** A status update was posted. */
  | 'UPDATE_POSTED';

/** What a person may do. Every API key acts as its user's role. */
export type UserRole =
  /** Also manages severities, products, users and keys. */
  | 'ADMIN'
  /** Also declares incidents and runs them. */
  | 'RESPONDER'
  /** Reads everything they may see. */
  | 'VIEWER';

/** Who may see an incident. */
export type Visibility =
  /** Security and personal-data incidents: only admins, the declarer and role holders. */
  | 'PRIVATE'
  /** Everyone with a key. */
  | 'PUBLIC';

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, name: string, role: UserRole } };

export type DeclareProductsQueryVariables = Exact<{ [key: string]: never; }>;


export type DeclareProductsQuery = { products: Array<{ id: string, name: string }> };

export type DeclareIncidentMutationVariables = Exact<{
  input: DeclareIncidentInput;
}>;


export type DeclareIncidentMutation = { declareIncident: { incident: { id: string, number: number } } | null };

export type IncidentRoomQueryVariables = Exact<{
  number: number;
  last: number;
}>;


export type IncidentRoomQuery = { incident: { id: string, number: number, title: string, summary: string, status: IncidentStatus, visibility: Visibility, version: number, responseChannel: string, nextUpdateDueAt: string | null, chatChannel: { name: string, url: string } | null, severity: { id: string, level: number, name: string, description: string, color: string }, products: Array<{ id: string, name: string }>, commander: { id: string, name: string } | null, latestUpdate: { id: string, body: string, createdAt: string, author: { name: string } } | null, timeline: { pageInfo: { hasPreviousPage: boolean }, edges: Array<{ cursor: string, node: { id: string, cursor: string, sequence: number, kind: TimelineEventKind, message: string, occurredAt: string, data: unknown, actor: { name: string } | null } }> } } | null };

export type PostIncidentUpdateMutationVariables = Exact<{
  input: PostIncidentUpdateInput;
}>;


export type PostIncidentUpdateMutation = { postIncidentUpdate: { incident: { id: string, status: IncidentStatus, version: number, nextUpdateDueAt: string | null, severity: { id: string, level: number, name: string, description: string, color: string }, latestUpdate: { id: string, body: string, createdAt: string, author: { name: string } } | null } } | null };

export type IncidentListQueryVariables = Exact<{
  filter?: IncidentFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type IncidentListQuery = { incidents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, number: number, title: string, status: IncidentStatus, visibility: Visibility, declaredAt: string, severity: { id: string, name: string, color: string }, commander: { id: string, name: string } | null }> } };

export type IncidentListChangesSubscriptionVariables = Exact<{
  filter?: IncidentFilter | null | undefined;
}>;


export type IncidentListChangesSubscription = { incidentChanges: { id: string, version: number } };

export type SeveritiesQueryVariables = Exact<{ [key: string]: never; }>;


export type SeveritiesQuery = { severities: Array<{ id: string, level: number, name: string, description: string, color: string, updateIntervalMinutes: number, retrospectiveRequired: boolean }> };

export type IncidentEventsSubscriptionVariables = Exact<{
  incidentId: string | number;
  after?: string | null | undefined;
}>;


export type IncidentEventsSubscription = { incidentEvents: { id: string, cursor: string, sequence: number, kind: TimelineEventKind, message: string, occurredAt: string, data: unknown, actor: { name: string } | null } };


export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const DeclareProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeclareProducts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<DeclareProductsQuery, DeclareProductsQueryVariables>;
export const DeclareIncidentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeclareIncident"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeclareIncidentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"declareIncident"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}}]}}]}}]} as unknown as DocumentNode<DeclareIncidentMutation, DeclareIncidentMutationVariables>;
export const IncidentRoomDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IncidentRoom"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"responseChannel"}},{"kind":"Field","name":{"kind":"Name","value":"chatChannel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"severity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}},{"kind":"Field","name":{"kind":"Name","value":"products"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commander"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestUpdate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextUpdateDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<IncidentRoomQuery, IncidentRoomQueryVariables>;
export const PostIncidentUpdateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PostIncidentUpdate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PostIncidentUpdateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postIncidentUpdate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"severity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestUpdate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextUpdateDueAt"}}]}}]}}]}}]} as unknown as DocumentNode<PostIncidentUpdateMutation, PostIncidentUpdateMutationVariables>;
export const IncidentListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IncidentList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IncidentFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"declaredAt"}},{"kind":"Field","name":{"kind":"Name","value":"severity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commander"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<IncidentListQuery, IncidentListQueryVariables>;
export const IncidentListChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"IncidentListChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IncidentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidentChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<IncidentListChangesSubscription, IncidentListChangesSubscriptionVariables>;
export const SeveritiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Severities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"color"}},{"kind":"Field","name":{"kind":"Name","value":"updateIntervalMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"retrospectiveRequired"}}]}}]}}]} as unknown as DocumentNode<SeveritiesQuery, SeveritiesQueryVariables>;
export const IncidentEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"IncidentEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"incidentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidentEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"incidentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"incidentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<IncidentEventsSubscription, IncidentEventsSubscriptionVariables>;
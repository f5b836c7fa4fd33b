/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Which follow-ups to list. */
export type ActionItemFilter = {
  /** Only this incident's. */
  incidentId?: string | number | null | undefined;
  /** Only items past their due date and not finished. */
  overdue?: boolean | null | undefined;
  /** Only those this person owns. */
  ownerId?: string | number | null | undefined;
  /** Only these statuses. */
  statuses?: Array<ActionItemStatus> | null | undefined;
};

/** Where a follow-up stands. */
export type ActionItemStatus =
  /** Finished. */
  | 'DONE'
  /** Being worked on. */
  | 'IN_PROGRESS'
  /** Not started. */
  | 'OPEN'
  /** Decided against; counts as finished. */
  | 'WONT_DO';

/** A note for the timeline. */
export type AddTimelineNoteInput = {
  /** A retry with the same key and input returns the first result and creates nothing; the same key with other input is a CONFLICT. */
  idempotencyKey?: string | null | undefined;
  /** The incident. */
  incidentId: string | number;
  /** What happened. */
  message: string;
  /** When it happened, for notes about the past; defaults to now. */
  occurredAt?: string | null | undefined;
};

/** The format an alert source posts. */
export type AlertSourceKind =
  /** Prometheus Alertmanager's webhook (version 4), to POST /ingest/alertmanager. */
  | 'ALERTMANAGER'
  /** Firebreak's generic events (modelled on PagerDuty Events v2), to POST /ingest/events. */
  | 'GENERIC'
  /** Grafana's alerting webhook (Alertmanager's format and more), to POST /ingest/grafana. */
  | 'GRAFANA';

/** Which product to archive. */
export type ArchiveProductInput = {
  /** The product to archive. */
  productId: string | number;
};

/** A role to give. */
export type AssignIncidentRoleInput = {
  /** The incident. */
  incidentId: string | number;
  /** The role. */
  role: IncidentRole;
  /** Who gets it. */
  userId: string | number;
};

/** Narrows the audit log; omitted fields match everything. */
export type AuditLogFilter = {
  /** Only changes by this person. */
  actorId?: string | number | null | undefined;
  /** Only changes at or after this time. */
  from?: string | null | undefined;
  /** Only this kind, e.g. severity.updated. */
  kind?: string | null | undefined;
  /** Only changes before this time. */
  to?: string | null | undefined;
};

/** One contributing factor, as written. */
export type ContributingFactorInput = {
  /** An active category's id. */
  categoryId: string | number;
  /** What happened, up to 2,000 characters. */
  description: string;
};

/** Input of createAlertRoute. */
export type CreateAlertRouteInput = {
  /** Declare (default true) or only record. */
  autoDeclare?: boolean | null | undefined;
  /** Resolve the incidents it declares when all their alerts have resolved (default false: a responder resolves). */
  autoResolve?: boolean | null | undefined;
  /** Alertmanager matchers, e.g. severity="critical", team=~"web|api". */
  matchers: string;
  /** Its place (lower first, default 0). */
  position?: number | null | undefined;
  /** Products of the incidents it declares. */
  productIds?: Array<string | number> | null | undefined;
  /** Severity level of the incidents it declares. */
  severityLevel: number;
  /** Go template of the title; default: {{ .Labels.alertname }}: {{ .Annotations.summary }}. */
  titleTemplate?: string | null | undefined;
};

/** Input of createAlertSource. */
export type CreateAlertSourceInput = {
  /** Its format. */
  kind: AlertSourceKind;
  /** What it is (1–100 characters). */
  name: string;
};

/** A new API key. */
export type CreateApiKeyInput = {
  /** When it stops working; omit for never. */
  expiresAt?: string | null | undefined;
  /** What it is for, 1–100 characters. */
  name: string;
  /** A narrower role than the owner's, for a key that should do less. */
  role?: UserRole | null | undefined;
  /** Whose key: omit for your own; admins may make keys for anyone. */
  userId?: string | number | null | undefined;
};

/** A new notification endpoint. */
export type CreateNotificationEndpointInput = {
  /** Only these kinds of event. */
  eventKinds?: Array<TimelineEventKind> | null | undefined;
  /** Deliver PRIVATE incidents too (default false). */
  includePrivate?: boolean | null | undefined;
  /** Webhook or Slack. */
  kind: EndpointKind;
  /** Only incidents of this severity level or worse. */
  minSeverityLevel?: number | null | undefined;
  /** A name for people, unique. */
  name: string;
  /** Only incidents affecting one of these products. */
  productIds?: Array<string | number> | null | undefined;
  /** Signs webhook bodies (16 characters or more); generated when absent. */
  secret?: string | null | undefined;
  /** Must resolve to a public address unless FIREBREAK_ALLOW_PRIVATE_WEBHOOKS=true. */
  url: string;
};

/** A new product for the catalog. */
export type CreateProductInput = {
  /** What it is. */
  description?: string | null | undefined;
  /** The group it is shown under on the status page (at most 100 characters). */
  group?: string | null | undefined;
  /** Display name, 1–100 characters, unique. */
  name: string;
  /** Its place on the status page, 0–10000 (lower first). */
  position?: number | null | undefined;
  /** Show it on the public status page as a component (default false). */
  public?: boolean | null | undefined;
  /** URL-safe identifier; derived from the name when omitted. */
  slug?: string | null | undefined;
};

/** A retrospective to open. */
export type CreateRetrospectiveInput = {
  /** The incident (one retrospective each: CONFLICT if it has one). */
  incidentId: string | number;
  /** Defaults to the incident's commander; must be able to see the incident. */
  ownerId?: string | number | null | undefined;
};

/** A new person. */
export type CreateUserInput = {
  /** E-mail address, unique: how sign-in and chat find them. */
  email: string;
  /** Display name, 1–100 characters. */
  name: string;
  /** What they may do. */
  role: UserRole;
};

/** Which person to deactivate. */
export type DeactivateUserInput = {
  /** The person. The last active admin cannot be deactivated. */
  userId: string | number;
};

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

/** Where a delivery stands. */
export type DeliveryStatus =
  /** The receiver answered 2xx. */
  | 'DELIVERED'
  /** Every attempt failed. */
  | 'FAILED'
  /** Not delivered yet: attempts go on with doubling backoff (9 in about 42 minutes). */
  | 'PENDING';

/** How an endpoint receives events. */
export type EndpointKind =
  /** A Slack incoming webhook: a Block Kit message like the incident bot's. */
  | 'SLACK'
  /** A subscriber of the public status page: signed JSON (as WEBHOOK) of published incidents' public updates and status changes only, with Statuspage's field names; never a private incident. */
  | 'STATUS_WEBHOOK'
  /** Signed JSON: X-Firebreak-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">. */
  | 'WEBHOOK';

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
  /** Only incidents where this person holds a role now (with statuses: their open roles, as the console shows at the top of its list). */
  roleHolderId?: string | number | null | undefined;
  /** Only these severity levels. */
  severityLevels?: Array<number> | null | undefined;
  /** Only these statuses. */
  statuses?: Array<IncidentStatus> | null | undefined;
  /** Only public or only private ones. */
  visibility?: Visibility | null | undefined;
};

/** Which incidents the metrics cover. */
export type IncidentMetricsFilter = {
  /** Incidents declared at or after. */
  from?: string | null | undefined;
  /** Only incidents affecting any of these products. */
  productIds?: Array<string | number> | null | undefined;
  /** Only these severity levels. */
  severityLevels?: Array<number> | null | undefined;
  /** Incidents declared before. */
  to?: string | null | undefined;
};

/** A role in the response; one holder each. */
export type IncidentRole =
  /** Leads the response and decides. */
  | 'COMMANDER'
  /** Keeps everyone informed: status updates. */
  | 'COMMUNICATIONS'
  /** Leads the technical work. */
  | 'OPERATIONS'
  /** Keeps the record: notes and timeline. */
  | 'SCRIBE';

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

/** Follow-up priority: P1 first. */
export type Priority =
  /** Do it now. */
  | 'P1'
  /** Do it soon. */
  | 'P2'
  /** The default. */
  | 'P3'
  /** When there is time. */
  | 'P4';

/** Input of publishIncident. */
export type PublishIncidentInput = {
  /** The incident (public visibility only). */
  incidentId: string | number;
  /** What the public sees instead of the title (1–200 characters); omitted: the title, or the public title it has. */
  publicTitle?: string | null | undefined;
};

/** Which retrospective to publish. */
export type PublishRetrospectiveInput = {
  /** The retrospective. */
  retrospectiveId: string | number;
};

/** Which person to reactivate. */
export type ReactivateUserInput = {
  /** The person. */
  userId: string | number;
};

/** Where a retrospective stands: DRAFT → IN_REVIEW → PUBLISHED. */
export type RetrospectiveStatus =
  /** Being written. */
  | 'DRAFT'
  /** Written, being reviewed; can go back to DRAFT. */
  | 'IN_REVIEW'
  /** Final; the incident can now be closed. */
  | 'PUBLISHED';

/** Which retrospective to return. */
export type ReturnRetrospectiveToDraftInput = {
  /** The retrospective. */
  retrospectiveId: string | number;
};

/** Input of revokeAlertSource. */
export type RevokeAlertSourceInput = {
  /** The source. */
  alertSourceId: string | number;
};

/** Which key to revoke. */
export type RevokeApiKeyInput = {
  /** The key's id. */
  apiKeyId: string | number;
};

/** How long to hold the next reminder. */
export type SnoozeUpdateReminderInput = {
  /** The incident. */
  incidentId: string | number;
  /** The next status update is due this many minutes from now (1 to 1440). */
  minutes: number;
};

/** Which retrospective to submit. */
export type SubmitRetrospectiveForReviewInput = {
  /** The retrospective. */
  retrospectiveId: string | number;
};

/** Which endpoint to test. */
export type TestEndpointInput = {
  /** The endpoint. */
  endpointId: string | number;
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

/** A role to leave empty. */
export type UnassignIncidentRoleInput = {
  /** The incident. */
  incidentId: string | number;
  /** The role. */
  role: IncidentRole;
};

/** Changes to a follow-up; omitted fields stay as they are. */
export type UpdateActionItemInput = {
  /** The follow-up to change. */
  actionItemId: string | number;
  /** New detail. */
  description?: string | null | undefined;
  /** New due date. */
  dueAt?: string | null | undefined;
  /** The version you read; a stale one gets CONFLICT. */
  expectedVersion?: number | null | undefined;
  /** An empty string removes it. */
  externalUrl?: string | null | undefined;
  /** New owner, who must be able to see the incident. */
  ownerId?: string | number | null | undefined;
  /** New priority. */
  priority?: Priority | null | undefined;
  /** New status; DONE and WONT_DO set completedAt. */
  status?: ActionItemStatus | null | undefined;
  /** New title. */
  title?: string | null | undefined;
};

/** Changes to an incident's details; omitted fields stay as they are. */
export type UpdateIncidentInput = {
  /** A corrected detection time. */
  detectedAt?: string | null | undefined;
  /** If given and stale, nothing changes and the error is CONFLICT. */
  expectedVersion?: number | null | undefined;
  /** The incident. */
  incidentId: string | number;
  /** Replaces the affected products. */
  productIds?: Array<string | number> | null | undefined;
  /** New summary. */
  summary?: string | null | undefined;
  /** New title. */
  title?: string | null | undefined;
};

/** Changes to an endpoint; omitted fields stay as they are. */
export type UpdateNotificationEndpointInput = {
  /** Removes the severity filter. */
  clearMinSeverityLevel?: boolean | null | undefined;
  /** Switches deliveries on or off. */
  enabled?: boolean | null | undefined;
  /** The endpoint to change. */
  endpointId: string | number;
  /** New event-kind filter (empty: all). */
  eventKinds?: Array<TimelineEventKind> | null | undefined;
  /** Whether PRIVATE incidents are delivered. */
  includePrivate?: boolean | null | undefined;
  /** New severity filter. */
  minSeverityLevel?: number | null | undefined;
  /** New name. */
  name?: string | null | undefined;
  /** New product filter (empty: all). */
  productIds?: Array<string | number> | null | undefined;
  /** A new signing secret, 16 characters or more: secrets are rotated, never removed. */
  secret?: string | null | undefined;
  /** New URL (checked like a new one). */
  url?: string | null | undefined;
};

/** Changes to a retrospective; omitted fields stay as they are. */
export type UpdateRetrospectiveInput = {
  /** Replaces the list. */
  contributingFactors?: Array<ContributingFactorInput> | null | undefined;
  /** The version you read; a stale one gets CONFLICT. */
  expectedVersion?: number | null | undefined;
  /** Who and what was affected (Markdown). */
  impact?: string | null | undefined;
  /** What to keep and change (Markdown). */
  lessonsLearned?: string | null | undefined;
  /** A new owner, who must be able to see the incident. */
  ownerId?: string | number | null | undefined;
  /** The retrospective to change. */
  retrospectiveId: string | number;
  /** Why it happened (Markdown). */
  rootCause?: string | null | undefined;
  /** What happened, in brief (Markdown). */
  summary?: string | null | undefined;
  /** What got in the way (Markdown). */
  whatWentPoorly?: string | null | undefined;
  /** What helped (Markdown). */
  whatWentWell?: string | null | undefined;
};

/** Changes to a severity level's definition; omitted fields stay as they are. */
export type UpdateSeverityInput = {
  /** New badge color, #RRGGBB. */
  color?: string | null | undefined;
  /** New definition, at most 2,000 characters: the "what's this?" text. */
  description?: string | null | undefined;
  /** The version you read; if the severity changed since, nothing is written and the answer is CONFLICT. */
  expectedVersion?: number | null | undefined;
  /** The level to change (1 is the worst). */
  level: number;
  /** New name, 1–50 characters, unique (SEV-1, …). */
  name?: string | null | undefined;
  /** Days after resolution that the retrospective is due, 1–365. */
  retrospectiveDueDays?: number | null | undefined;
  /** Whether resolving an incident of this level opens a retrospective that must be published before it can close. */
  retrospectiveRequired?: boolean | null | undefined;
  /** New status-update cadence in minutes, 1–10,080 (a week). Re-times the next update of every open incident at this level from its last update. */
  updateIntervalMinutes?: number | null | undefined;
};

/** Changes to a person; omitted fields stay as they are. */
export type UpdateUserInput = {
  /** New e-mail address. */
  email?: string | null | undefined;
  /** New display name. */
  name?: string | null | undefined;
  /** New role. The last active admin cannot be demoted. */
  role?: UserRole | null | undefined;
  /** The person to change. */
  userId: string | number;
};

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

export type FollowUpsQueryVariables = Exact<{
  filter?: ActionItemFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type FollowUpsQuery = { actionItems: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, title: string, status: ActionItemStatus, priority: Priority, dueAt: string | null, overdue: boolean, version: number, owner: { id: string, name: string } | null, incident: { id: string, number: number, title: string } }> } };

export type FollowUpsMeQueryVariables = Exact<{ [key: string]: never; }>;


export type FollowUpsMeQuery = { me: { id: string } };

export type UpdateActionItemMutationVariables = Exact<{
  input: UpdateActionItemInput;
}>;


export type UpdateActionItemMutation = { updateActionItem: { actionItem: { id: string, status: ActionItemStatus, version: number, overdue: boolean } } | null };

export type IncidentRoomQueryVariables = Exact<{
  number: number;
  last: number;
}>;


export type IncidentRoomQuery = { incident: { id: string, number: number, title: string, summary: string, status: IncidentStatus, visibility: Visibility, version: number, responseChannel: string, nextUpdateDueAt: string | null, published: boolean, publicTitle: string | null, chatChannel: { name: string, url: string } | null, severity: { id: string, level: number, name: string, description: string, color: string }, products: Array<{ id: string, name: string }>, commander: { id: string, name: string } | null, latestUpdate: { id: string, body: string, createdAt: string, author: { name: string } } | null, roles: Array<{ role: IncidentRole, assignedAt: string, user: { id: string, name: string } }>, alerts: { nodes: Array<{ fingerprint: string, status: string, labels: unknown, startsAt: string | null }> }, retrospective: { id: string, status: RetrospectiveStatus } | null, actionItems: Array<{ id: string, title: string, status: ActionItemStatus, priority: Priority, dueAt: string | null, overdue: boolean, version: number, owner: { id: string, name: string } | null }>, timeline: { pageInfo: { hasPreviousPage: boolean }, edges: Array<{ cursor: string, node: { id: string, cursor: string, sequence: number, kind: TimelineEventKind, message: string, occurredAt: string, data: unknown, actor: { name: string } | null } }> } } | null };

export type PostIncidentUpdateMutationVariables = Exact<{
  input: PostIncidentUpdateInput;
}>;


export type PostIncidentUpdateMutation = { postIncidentUpdate: { incident: { id: string, status: IncidentStatus, version: number, nextUpdateDueAt: string | null, severity: { id: string, level: number, name: string, description: string, color: string }, latestUpdate: { id: string, body: string, createdAt: string, author: { name: string } } | null } } | null };

export type AssignRoleMutationVariables = Exact<{
  input: AssignIncidentRoleInput;
}>;


export type AssignRoleMutation = { assignIncidentRole: { incident: { id: string, version: number, roles: Array<{ role: IncidentRole, assignedAt: string, user: { id: string, name: string } }>, commander: { id: string, name: string } | null } } | null };

export type UnassignRoleMutationVariables = Exact<{
  input: UnassignIncidentRoleInput;
}>;


export type UnassignRoleMutation = { unassignIncidentRole: { incident: { id: string, version: number, roles: Array<{ role: IncidentRole, assignedAt: string, user: { id: string, name: string } }>, commander: { id: string, name: string } | null } } | null };

export type AddNoteMutationVariables = Exact<{
  input: AddTimelineNoteInput;
}>;


export type AddNoteMutation = { addTimelineNote: { event: { id: string } } | null };

export type SnoozeMutationVariables = Exact<{
  input: SnoozeUpdateReminderInput;
}>;


export type SnoozeMutation = { snoozeUpdateReminder: { incident: { id: string, nextUpdateDueAt: string | null } } | null };

export type PublishIncidentMutationVariables = Exact<{
  input: PublishIncidentInput;
}>;


export type PublishIncidentMutation = { publishIncident: { incident: { id: string, published: boolean, publicTitle: string | null } } | null };

export type UpdateIncidentDetailsMutationVariables = Exact<{
  input: UpdateIncidentInput;
}>;


export type UpdateIncidentDetailsMutation = { updateIncident: { incident: { id: string, title: string, summary: string, version: number } } | null };

export type CurrentDetailsQueryVariables = Exact<{
  id: string | number;
}>;


export type CurrentDetailsQuery = { node:
    | { id: string, title: string, summary: string, version: number }
    | Record<PropertyKey, never>
   | null };

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

export type MyWorkQueryVariables = Exact<{ [key: string]: never; }>;


export type MyWorkQuery = { me: { id: string } };

export type MyOpenRolesQueryVariables = Exact<{
  me: string | number;
}>;


export type MyOpenRolesQuery = { incidents: { totalCount: number, nodes: Array<{ id: string, number: number, title: string, roles: Array<{ role: IncidentRole, user: { id: string } }> }> }, actionItems: { totalCount: number, nodes: Array<{ id: string, title: string, dueAt: string | null, incident: { id: string, number: number } }> } };

export type NumbersQueryVariables = Exact<{
  filter?: IncidentMetricsFilter | null | undefined;
}>;


export type NumbersQuery = { incidentMetrics: { count: number, openActionItems: number, overdueActionItems: number, timeToAcknowledge: { median: number | null, p90: number | null }, timeToMitigate: { median: number | null, p90: number | null }, timeToResolve: { median: number | null, p90: number | null }, weekly: Array<{ weekStart: string, count: number, medianTimeToResolve: number | null }>, bySeverity: Array<{ count: number, severity: { id: string, name: string }, timeToAcknowledge: { median: number | null }, timeToMitigate: { median: number | null }, timeToResolve: { median: number | null } }>, byProduct: Array<{ count: number, product: { id: string, name: string }, timeToAcknowledge: { median: number | null }, timeToMitigate: { median: number | null }, timeToResolve: { median: number | null } }> } };

export type RetrospectiveFieldsFragment = { id: string, status: RetrospectiveStatus, version: number, summary: string, impact: string, rootCause: string, whatWentWell: string, whatWentPoorly: string, lessonsLearned: string, dueAt: string | null, publishedAt: string | null, contributingFactors: Array<{ description: string, category: { id: string, name: string } }>, owner: { id: string, name: string } | null };

export type RetrospectivePageQueryVariables = Exact<{
  number: number;
}>;


export type RetrospectivePageQuery = { incident: { id: string, number: number, title: string, status: IncidentStatus, retrospective: { id: string, status: RetrospectiveStatus, version: number, summary: string, impact: string, rootCause: string, whatWentWell: string, whatWentPoorly: string, lessonsLearned: string, dueAt: string | null, publishedAt: string | null, contributingFactors: Array<{ description: string, category: { id: string, name: string } }>, owner: { id: string, name: string } | null } | null } | null };

export type CreateRetrospectiveMutationVariables = Exact<{
  input: CreateRetrospectiveInput;
}>;


export type CreateRetrospectiveMutation = { createRetrospective: { retrospective: { id: string, status: RetrospectiveStatus, version: number, summary: string, impact: string, rootCause: string, whatWentWell: string, whatWentPoorly: string, lessonsLearned: string, dueAt: string | null, publishedAt: string | null, contributingFactors: Array<{ description: string, category: { id: string, name: string } }>, owner: { id: string, name: string } | null } } | null };

export type UpdateRetrospectiveMutationVariables = Exact<{
  input: UpdateRetrospectiveInput;
}>;


export type UpdateRetrospectiveMutation = { updateRetrospective: { retrospective: { id: string, status: RetrospectiveStatus, version: number, summary: string, impact: string, rootCause: string, whatWentWell: string, whatWentPoorly: string, lessonsLearned: string, dueAt: string | null, publishedAt: string | null, contributingFactors: Array<{ description: string, category: { id: string, name: string } }>, owner: { id: string, name: string } | null } } | null };

export type SubmitRetrospectiveMutationVariables = Exact<{
  input: SubmitRetrospectiveForReviewInput;
}>;


export type SubmitRetrospectiveMutation = { submitRetrospectiveForReview: { retrospective: { id: string, status: RetrospectiveStatus, version: number, summary: string, impact: string, rootCause: string, whatWentWell: string, whatWentPoorly: string, lessonsLearned: string, dueAt: string | null, publishedAt: string | null, contributingFactors: Array<{ description: string, category: { id: string, name: string } }>, owner: { id: string, name: string } | null } } | null };

export type ReturnRetrospectiveMutationVariables = Exact<{
  input: ReturnRetrospectiveToDraftInput;
}>;


export type ReturnRetrospectiveMutation = { returnRetrospectiveToDraft: { retrospective: { id: string, status: RetrospectiveStatus, version: number, summary: string, impact: string, rootCause: string, whatWentWell: string, whatWentPoorly: string, lessonsLearned: string, dueAt: string | null, publishedAt: string | null, contributingFactors: Array<{ description: string, category: { id: string, name: string } }>, owner: { id: string, name: string } | null } } | null };

export type PublishRetrospectiveMutationVariables = Exact<{
  input: PublishRetrospectiveInput;
}>;


export type PublishRetrospectiveMutation = { publishRetrospective: { retrospective: { id: string, status: RetrospectiveStatus, version: number, summary: string, impact: string, rootCause: string, whatWentWell: string, whatWentPoorly: string, lessonsLearned: string, dueAt: string | null, publishedAt: string | null, contributingFactors: Array<{ description: string, category: { id: string, name: string } }>, owner: { id: string, name: string } | null } } | null };

export type FactorCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type FactorCategoriesQuery = { contributingFactorCategories: Array<{ id: string, name: string, archived: boolean }> };

export type SeveritiesQueryVariables = Exact<{ [key: string]: never; }>;


export type SeveritiesQuery = { severities: Array<{ id: string, level: number, name: string, description: string, color: string, updateIntervalMinutes: number, retrospectiveRequired: boolean }> };

export type ManageAuditQueryVariables = Exact<{
  filter?: AuditLogFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ManageAuditQuery = { auditLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, occurredAt: string, kind: string, subjectType: string, subjectId: string, before: unknown, after: unknown, actor: { id: string, name: string } | null }> } };

export type ManageSeveritiesQueryVariables = Exact<{ [key: string]: never; }>;


export type ManageSeveritiesQuery = { severities: Array<{ id: string, level: number, name: string, description: string, color: string, updateIntervalMinutes: number, retrospectiveRequired: boolean, retrospectiveDueDays: number, version: number }> };

export type ManageUpdateSeverityMutationVariables = Exact<{
  input: UpdateSeverityInput;
}>;


export type ManageUpdateSeverityMutation = { updateSeverity: { severity: { id: string, description: string, updateIntervalMinutes: number, retrospectiveRequired: boolean, retrospectiveDueDays: number, version: number } } | null };

export type ManageProductsQueryVariables = Exact<{ [key: string]: never; }>;


export type ManageProductsQuery = { products: Array<{ id: string, name: string, slug: string, description: string, public: boolean, group: string, openIncidents: number }> };

export type ManageCreateProductMutationVariables = Exact<{
  input: CreateProductInput;
}>;


export type ManageCreateProductMutation = { createProduct: { product: { id: string } } | null };

export type ManageArchiveProductMutationVariables = Exact<{
  input: ArchiveProductInput;
}>;


export type ManageArchiveProductMutation = { archiveProduct: { product: { id: string, archived: boolean } } | null };

export type ManageEndpointsQueryVariables = Exact<{ [key: string]: never; }>;


export type ManageEndpointsQuery = { notificationEndpoints: Array<{ id: string, name: string, kind: EndpointKind, url: string, enabled: boolean, includePrivate: boolean, minSeverityLevel: number | null, deliveries: { totalCount: number, nodes: Array<{ id: string, status: DeliveryStatus, attemptCount: number, createdAt: string, attempts: Array<{ number: number, statusCode: number | null, error: string | null, durationMs: number }> }> } }> };

export type ManageCreateEndpointMutationVariables = Exact<{
  input: CreateNotificationEndpointInput;
}>;


export type ManageCreateEndpointMutation = { createNotificationEndpoint: { secret: string | null, endpoint: { id: string } } | null };

export type ManageUpdateEndpointMutationVariables = Exact<{
  input: UpdateNotificationEndpointInput;
}>;


export type ManageUpdateEndpointMutation = { updateNotificationEndpoint: { endpoint: { id: string, enabled: boolean } } | null };

export type ManageTestEndpointMutationVariables = Exact<{
  input: TestEndpointInput;
}>;


export type ManageTestEndpointMutation = { testEndpoint: { delivery: { id: string, status: DeliveryStatus } } | null };

export type ManageAlertingQueryVariables = Exact<{ [key: string]: never; }>;


export type ManageAlertingQuery = { alertSources: Array<{ id: string, name: string, kind: AlertSourceKind, ingestUrl: string, tokenPrefix: string, createdAt: string, revokedAt: string | null }>, alertRoutes: Array<{ id: string, matchers: string, position: number, severityLevel: number, autoDeclare: boolean, autoResolve: boolean, titleTemplate: string }> };

export type ManageCreateSourceMutationVariables = Exact<{
  input: CreateAlertSourceInput;
}>;


export type ManageCreateSourceMutation = { createAlertSource: { token: string, source: { id: string } } | null };

export type ManageRevokeSourceMutationVariables = Exact<{
  input: RevokeAlertSourceInput;
}>;


export type ManageRevokeSourceMutation = { revokeAlertSource: { source: { id: string, revokedAt: string | null } } | null };

export type ManageCreateRouteMutationVariables = Exact<{
  input: CreateAlertRouteInput;
}>;


export type ManageCreateRouteMutation = { createAlertRoute: { route: { id: string } } | null };

export type ManagePeopleQueryVariables = Exact<{
  query?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ManagePeopleQuery = { users: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, email: string | null, role: UserRole, active: boolean }> } };

export type ManageCreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type ManageCreateUserMutation = { createUser: { user: { id: string } } | null };

export type ManageUpdateUserMutationVariables = Exact<{
  input: UpdateUserInput;
}>;


export type ManageUpdateUserMutation = { updateUser: { user: { id: string, role: UserRole } } | null };

export type ManageDeactivateUserMutationVariables = Exact<{
  input: DeactivateUserInput;
}>;


export type ManageDeactivateUserMutation = { deactivateUser: { user: { id: string, active: boolean } } | null };

export type ManageReactivateUserMutationVariables = Exact<{
  input: ReactivateUserInput;
}>;


export type ManageReactivateUserMutation = { reactivateUser: { user: { id: string, active: boolean } } | null };

export type ManageKeysQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ManageKeysQuery = { apiKeys: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, prefix: string, name: string, role: UserRole, createdAt: string, lastUsedAt: string | null, expiresAt: string | null, revokedAt: string | null, owner: { id: string, name: string } }> } };

export type ManageCreateKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type ManageCreateKeyMutation = { createApiKey: { secret: string, apiKey: { id: string, prefix: string } } | null };

export type ManageRevokeKeyMutationVariables = Exact<{
  input: RevokeApiKeyInput;
}>;


export type ManageRevokeKeyMutation = { revokeApiKey: { apiKey: { id: string } } | null };

export type ManageSlackQueryVariables = Exact<{ [key: string]: never; }>;


export type ManageSlackQuery = { slackSettings: { enabled: boolean, announceChannel: string | null, unknownRole: UserRole | null, pinReaction: string | null } };

export type PeoplePickerQueryVariables = Exact<{
  query?: string | null | undefined;
}>;


export type PeoplePickerQuery = { users: { nodes: Array<{ id: string, name: string, email: string | null, role: UserRole }> } };

export type IncidentEventsSubscriptionVariables = Exact<{
  incidentId: string | number;
  after?: string | null | undefined;
}>;


export type IncidentEventsSubscription = { incidentEvents: { id: string, cursor: string, sequence: number, kind: TimelineEventKind, message: string, occurredAt: string, data: unknown, actor: { name: string } | null } };

export const RetrospectiveFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RetrospectiveFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Retrospective"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}},{"kind":"Field","name":{"kind":"Name","value":"rootCause"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentWell"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentPoorly"}},{"kind":"Field","name":{"kind":"Name","value":"lessonsLearned"}},{"kind":"Field","name":{"kind":"Name","value":"contributingFactors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RetrospectiveFieldsFragment, unknown>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const DeclareProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeclareProducts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<DeclareProductsQuery, DeclareProductsQueryVariables>;
export const DeclareIncidentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeclareIncident"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeclareIncidentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"declareIncident"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}}]}}]}}]} as unknown as DocumentNode<DeclareIncidentMutation, DeclareIncidentMutationVariables>;
export const FollowUpsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FollowUps"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ActionItemFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actionItems"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FollowUpsQuery, FollowUpsQueryVariables>;
export const FollowUpsMeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FollowUpsMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<FollowUpsMeQuery, FollowUpsMeQueryVariables>;
export const UpdateActionItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateActionItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateActionItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateActionItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actionItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateActionItemMutation, UpdateActionItemMutationVariables>;
export const IncidentRoomDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IncidentRoom"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"responseChannel"}},{"kind":"Field","name":{"kind":"Name","value":"chatChannel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}},{"kind":"Field","name":{"kind":"Name","value":"severity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}},{"kind":"Field","name":{"kind":"Name","value":"products"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commander"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestUpdate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextUpdateDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"publicTitle"}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"assignedAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"alerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fingerprint"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"labels"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"retrospective"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actionItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<IncidentRoomQuery, IncidentRoomQueryVariables>;
export const PostIncidentUpdateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PostIncidentUpdate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PostIncidentUpdateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postIncidentUpdate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"severity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}},{"kind":"Field","name":{"kind":"Name","value":"latestUpdate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"nextUpdateDueAt"}}]}}]}}]}}]} as unknown as DocumentNode<PostIncidentUpdateMutation, PostIncidentUpdateMutationVariables>;
export const AssignRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssignIncidentRoleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignIncidentRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"assignedAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"commander"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AssignRoleMutation, AssignRoleMutationVariables>;
export const UnassignRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnassignRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UnassignIncidentRoleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unassignIncidentRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"assignedAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"commander"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<UnassignRoleMutation, UnassignRoleMutationVariables>;
export const AddNoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddNote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddTimelineNoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addTimelineNote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<AddNoteMutation, AddNoteMutationVariables>;
export const SnoozeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Snooze"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SnoozeUpdateReminderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"snoozeUpdateReminder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"nextUpdateDueAt"}}]}}]}}]}}]} as unknown as DocumentNode<SnoozeMutation, SnoozeMutationVariables>;
export const PublishIncidentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishIncident"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PublishIncidentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishIncident"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"publicTitle"}}]}}]}}]}}]} as unknown as DocumentNode<PublishIncidentMutation, PublishIncidentMutationVariables>;
export const UpdateIncidentDetailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateIncidentDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateIncidentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateIncident"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateIncidentDetailsMutation, UpdateIncidentDetailsMutationVariables>;
export const CurrentDetailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CurrentDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Incident"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<CurrentDetailsQuery, CurrentDetailsQueryVariables>;
export const IncidentListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IncidentList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IncidentFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"visibility"}},{"kind":"Field","name":{"kind":"Name","value":"declaredAt"}},{"kind":"Field","name":{"kind":"Name","value":"severity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"color"}}]}},{"kind":"Field","name":{"kind":"Name","value":"commander"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<IncidentListQuery, IncidentListQueryVariables>;
export const IncidentListChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"IncidentListChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IncidentFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidentChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<IncidentListChangesSubscription, IncidentListChangesSubscriptionVariables>;
export const MyWorkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyWork"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<MyWorkQuery, MyWorkQueryVariables>;
export const MyOpenRolesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyOpenRoles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"me"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"roleHolderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"me"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"statuses"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"INVESTIGATING"},{"kind":"EnumValue","value":"IDENTIFIED"},{"kind":"EnumValue","value":"MONITORING"}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"roles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"actionItems"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"ownerId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"me"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"overdue"},"value":{"kind":"BooleanValue","value":true}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"incident"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyOpenRolesQuery, MyOpenRolesQueryVariables>;
export const NumbersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Numbers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IncidentMetricsFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidentMetrics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"openActionItems"}},{"kind":"Field","name":{"kind":"Name","value":"overdueActionItems"}},{"kind":"Field","name":{"kind":"Name","value":"timeToAcknowledge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"median"}},{"kind":"Field","name":{"kind":"Name","value":"p90"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeToMitigate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"median"}},{"kind":"Field","name":{"kind":"Name","value":"p90"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeToResolve"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"median"}},{"kind":"Field","name":{"kind":"Name","value":"p90"}}]}},{"kind":"Field","name":{"kind":"Name","value":"weekly"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weekStart"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"medianTimeToResolve"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bySeverity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"timeToAcknowledge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"median"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeToMitigate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"median"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeToResolve"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"median"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"byProduct"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"timeToAcknowledge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"median"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeToMitigate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"median"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeToResolve"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"median"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NumbersQuery, NumbersQueryVariables>;
export const RetrospectivePageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RetrospectivePage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"number"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incident"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"number"},"value":{"kind":"Variable","name":{"kind":"Name","value":"number"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"retrospective"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RetrospectiveFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RetrospectiveFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Retrospective"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}},{"kind":"Field","name":{"kind":"Name","value":"rootCause"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentWell"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentPoorly"}},{"kind":"Field","name":{"kind":"Name","value":"lessonsLearned"}},{"kind":"Field","name":{"kind":"Name","value":"contributingFactors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RetrospectivePageQuery, RetrospectivePageQueryVariables>;
export const CreateRetrospectiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateRetrospective"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRetrospectiveInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRetrospective"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retrospective"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RetrospectiveFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RetrospectiveFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Retrospective"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}},{"kind":"Field","name":{"kind":"Name","value":"rootCause"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentWell"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentPoorly"}},{"kind":"Field","name":{"kind":"Name","value":"lessonsLearned"}},{"kind":"Field","name":{"kind":"Name","value":"contributingFactors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateRetrospectiveMutation, CreateRetrospectiveMutationVariables>;
export const UpdateRetrospectiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateRetrospective"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateRetrospectiveInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateRetrospective"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retrospective"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RetrospectiveFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RetrospectiveFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Retrospective"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}},{"kind":"Field","name":{"kind":"Name","value":"rootCause"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentWell"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentPoorly"}},{"kind":"Field","name":{"kind":"Name","value":"lessonsLearned"}},{"kind":"Field","name":{"kind":"Name","value":"contributingFactors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<UpdateRetrospectiveMutation, UpdateRetrospectiveMutationVariables>;
export const SubmitRetrospectiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SubmitRetrospective"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SubmitRetrospectiveForReviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitRetrospectiveForReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retrospective"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RetrospectiveFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RetrospectiveFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Retrospective"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}},{"kind":"Field","name":{"kind":"Name","value":"rootCause"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentWell"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentPoorly"}},{"kind":"Field","name":{"kind":"Name","value":"lessonsLearned"}},{"kind":"Field","name":{"kind":"Name","value":"contributingFactors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SubmitRetrospectiveMutation, SubmitRetrospectiveMutationVariables>;
export const ReturnRetrospectiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReturnRetrospective"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReturnRetrospectiveToDraftInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"returnRetrospectiveToDraft"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retrospective"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RetrospectiveFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RetrospectiveFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Retrospective"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}},{"kind":"Field","name":{"kind":"Name","value":"rootCause"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentWell"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentPoorly"}},{"kind":"Field","name":{"kind":"Name","value":"lessonsLearned"}},{"kind":"Field","name":{"kind":"Name","value":"contributingFactors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ReturnRetrospectiveMutation, ReturnRetrospectiveMutationVariables>;
export const PublishRetrospectiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishRetrospective"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PublishRetrospectiveInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishRetrospective"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retrospective"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"RetrospectiveFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"RetrospectiveFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Retrospective"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}},{"kind":"Field","name":{"kind":"Name","value":"rootCause"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentWell"}},{"kind":"Field","name":{"kind":"Name","value":"whatWentPoorly"}},{"kind":"Field","name":{"kind":"Name","value":"lessonsLearned"}},{"kind":"Field","name":{"kind":"Name","value":"contributingFactors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<PublishRetrospectiveMutation, PublishRetrospectiveMutationVariables>;
export const FactorCategoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FactorCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"contributingFactorCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"archived"}}]}}]}}]} as unknown as DocumentNode<FactorCategoriesQuery, FactorCategoriesQueryVariables>;
export const SeveritiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Severities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"color"}},{"kind":"Field","name":{"kind":"Name","value":"updateIntervalMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"retrospectiveRequired"}}]}}]}}]} as unknown as DocumentNode<SeveritiesQuery, SeveritiesQueryVariables>;
export const ManageAuditDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManageAudit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditLogFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ManageAuditQuery, ManageAuditQueryVariables>;
export const ManageSeveritiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManageSeverities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"color"}},{"kind":"Field","name":{"kind":"Name","value":"updateIntervalMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"retrospectiveRequired"}},{"kind":"Field","name":{"kind":"Name","value":"retrospectiveDueDays"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<ManageSeveritiesQuery, ManageSeveritiesQueryVariables>;
export const ManageUpdateSeverityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageUpdateSeverity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSeverityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSeverity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"updateIntervalMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"retrospectiveRequired"}},{"kind":"Field","name":{"kind":"Name","value":"retrospectiveDueDays"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]}}]} as unknown as DocumentNode<ManageUpdateSeverityMutation, ManageUpdateSeverityMutationVariables>;
export const ManageProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManageProducts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"public"}},{"kind":"Field","name":{"kind":"Name","value":"group"}},{"kind":"Field","name":{"kind":"Name","value":"openIncidents"}}]}}]}}]} as unknown as DocumentNode<ManageProductsQuery, ManageProductsQueryVariables>;
export const ManageCreateProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageCreateProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProductInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ManageCreateProductMutation, ManageCreateProductMutationVariables>;
export const ManageArchiveProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageArchiveProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ArchiveProductInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archiveProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"archived"}}]}}]}}]}}]} as unknown as DocumentNode<ManageArchiveProductMutation, ManageArchiveProductMutationVariables>;
export const ManageEndpointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManageEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notificationEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"includePrivate"}},{"kind":"Field","name":{"kind":"Name","value":"minSeverityLevel"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attemptCount"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"statusCode"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ManageEndpointsQuery, ManageEndpointsQueryVariables>;
export const ManageCreateEndpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageCreateEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateNotificationEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createNotificationEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ManageCreateEndpointMutation, ManageCreateEndpointMutationVariables>;
export const ManageUpdateEndpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageUpdateEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateNotificationEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateNotificationEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}}]}}]}}]} as unknown as DocumentNode<ManageUpdateEndpointMutation, ManageUpdateEndpointMutationVariables>;
export const ManageTestEndpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageTestEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TestEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"delivery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ManageTestEndpointMutation, ManageTestEndpointMutationVariables>;
export const ManageAlertingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManageAlerting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertSources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"ingestUrl"}},{"kind":"Field","name":{"kind":"Name","value":"tokenPrefix"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"alertRoutes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"matchers"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"severityLevel"}},{"kind":"Field","name":{"kind":"Name","value":"autoDeclare"}},{"kind":"Field","name":{"kind":"Name","value":"autoResolve"}},{"kind":"Field","name":{"kind":"Name","value":"titleTemplate"}}]}}]}}]} as unknown as DocumentNode<ManageAlertingQuery, ManageAlertingQueryVariables>;
export const ManageCreateSourceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageCreateSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAlertSourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAlertSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ManageCreateSourceMutation, ManageCreateSourceMutationVariables>;
export const ManageRevokeSourceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageRevokeSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeAlertSourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeAlertSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]}}]} as unknown as DocumentNode<ManageRevokeSourceMutation, ManageRevokeSourceMutationVariables>;
export const ManageCreateRouteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageCreateRoute"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateAlertRouteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAlertRoute"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"route"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ManageCreateRouteMutation, ManageCreateRouteMutationVariables>;
export const ManagePeopleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManagePeople"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]} as unknown as DocumentNode<ManagePeopleQuery, ManagePeopleQueryVariables>;
export const ManageCreateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageCreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ManageCreateUserMutation, ManageCreateUserMutationVariables>;
export const ManageUpdateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageUpdateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<ManageUpdateUserMutation, ManageUpdateUserMutationVariables>;
export const ManageDeactivateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageDeactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeactivateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]} as unknown as DocumentNode<ManageDeactivateUserMutation, ManageDeactivateUserMutationVariables>;
export const ManageReactivateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageReactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReactivateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]}}]} as unknown as DocumentNode<ManageReactivateUserMutation, ManageReactivateUserMutationVariables>;
export const ManageKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManageKeys"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeys"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ManageKeysQuery, ManageKeysQueryVariables>;
export const ManageCreateKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageCreateKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}}]}}]}}]}}]} as unknown as DocumentNode<ManageCreateKeyMutation, ManageCreateKeyMutationVariables>;
export const ManageRevokeKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ManageRevokeKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ManageRevokeKeyMutation, ManageRevokeKeyMutationVariables>;
export const ManageSlackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManageSlack"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slackSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"announceChannel"}},{"kind":"Field","name":{"kind":"Name","value":"unknownRole"}},{"kind":"Field","name":{"kind":"Name","value":"pinReaction"}}]}}]}}]} as unknown as DocumentNode<ManageSlackQuery, ManageSlackQueryVariables>;
export const PeoplePickerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PeoplePicker"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"active"},"value":{"kind":"BooleanValue","value":true}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<PeoplePickerQuery, PeoplePickerQueryVariables>;
export const IncidentEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"IncidentEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"incidentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"incidentEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"incidentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"incidentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"data"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<IncidentEventsSubscription, IncidentEventsSubscriptionVariables>;
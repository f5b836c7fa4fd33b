/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      id\n      name\n      role\n    }\n  }\n": typeof types.MeDocument,
    "\n  query DeclareProducts {\n    products {\n      id\n      name\n    }\n  }\n": typeof types.DeclareProductsDocument,
    "\n  mutation DeclareIncident($input: DeclareIncidentInput!) {\n    declareIncident(input: $input) {\n      incident {\n        id\n        number\n      }\n    }\n  }\n": typeof types.DeclareIncidentDocument,
    "\n  query IncidentRoom($number: Int!, $last: Int!) {\n    incident(number: $number) {\n      id\n      number\n      title\n      summary\n      status\n      visibility\n      version\n      responseChannel\n      chatChannel {\n        name\n        url\n      }\n      severity {\n        id\n        level\n        name\n        description\n        color\n      }\n      products {\n        id\n        name\n      }\n      commander {\n        id\n        name\n      }\n      latestUpdate {\n        id\n        body\n        createdAt\n        author {\n          name\n        }\n      }\n      nextUpdateDueAt\n      timeline(last: $last) {\n        pageInfo {\n          hasPreviousPage\n        }\n        edges {\n          cursor\n          node {\n            id\n            cursor\n            sequence\n            kind\n            message\n            occurredAt\n            data\n            actor {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.IncidentRoomDocument,
    "\n  mutation PostIncidentUpdate($input: PostIncidentUpdateInput!) {\n    postIncidentUpdate(input: $input) {\n      incident {\n        id\n        status\n        version\n        severity {\n          id\n          level\n          name\n          description\n          color\n        }\n        latestUpdate {\n          id\n          body\n          createdAt\n          author {\n            name\n          }\n        }\n        nextUpdateDueAt\n      }\n    }\n  }\n": typeof types.PostIncidentUpdateDocument,
    "\n  query IncidentList($filter: IncidentFilter, $first: Int, $after: String) {\n    incidents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        number\n        title\n        status\n        visibility\n        declaredAt\n        severity {\n          id\n          name\n          color\n        }\n        commander {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.IncidentListDocument,
    "\n  subscription IncidentListChanges($filter: IncidentFilter) {\n    incidentChanges(filter: $filter) {\n      id\n      version\n    }\n  }\n": typeof types.IncidentListChangesDocument,
    "\n  query Severities {\n    severities {\n      id\n      level\n      name\n      description\n      color\n      updateIntervalMinutes\n      retrospectiveRequired\n    }\n  }\n": typeof types.SeveritiesDocument,
    "\n    subscription IncidentEvents($incidentId: ID!, $after: String) {\n      incidentEvents(incidentId: $incidentId, after: $after) {\n        id\n        cursor\n        sequence\n        kind\n        message\n        occurredAt\n        data\n        actor {\n          name\n        }\n      }\n    }\n  ": typeof types.IncidentEventsDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      id\n      name\n      role\n    }\n  }\n": types.MeDocument,
    "\n  query DeclareProducts {\n    products {\n      id\n      name\n    }\n  }\n": types.DeclareProductsDocument,
    "\n  mutation DeclareIncident($input: DeclareIncidentInput!) {\n    declareIncident(input: $input) {\n      incident {\n        id\n        number\n      }\n    }\n  }\n": types.DeclareIncidentDocument,
    "\n  query IncidentRoom($number: Int!, $last: Int!) {\n    incident(number: $number) {\n      id\n      number\n      title\n      summary\n      status\n      visibility\n      version\n      responseChannel\n      chatChannel {\n        name\n        url\n      }\n      severity {\n        id\n        level\n        name\n        description\n        color\n      }\n      products {\n        id\n        name\n      }\n      commander {\n        id\n        name\n      }\n      latestUpdate {\n        id\n        body\n        createdAt\n        author {\n          name\n        }\n      }\n      nextUpdateDueAt\n      timeline(last: $last) {\n        pageInfo {\n          hasPreviousPage\n        }\n        edges {\n          cursor\n          node {\n            id\n            cursor\n            sequence\n            kind\n            message\n            occurredAt\n            data\n            actor {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.IncidentRoomDocument,
    "\n  mutation PostIncidentUpdate($input: PostIncidentUpdateInput!) {\n    postIncidentUpdate(input: $input) {\n      incident {\n        id\n        status\n        version\n        severity {\n          id\n          level\n          name\n          description\n          color\n        }\n        latestUpdate {\n          id\n          body\n          createdAt\n          author {\n            name\n          }\n        }\n        nextUpdateDueAt\n      }\n    }\n  }\n": types.PostIncidentUpdateDocument,
    "\n  query IncidentList($filter: IncidentFilter, $first: Int, $after: String) {\n    incidents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        number\n        title\n        status\n        visibility\n        declaredAt\n        severity {\n          id\n          name\n          color\n        }\n        commander {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.IncidentListDocument,
    "\n  subscription IncidentListChanges($filter: IncidentFilter) {\n    incidentChanges(filter: $filter) {\n      id\n      version\n    }\n  }\n": types.IncidentListChangesDocument,
    "\n  query Severities {\n    severities {\n      id\n      level\n      name\n      description\n      color\n      updateIntervalMinutes\n      retrospectiveRequired\n    }\n  }\n": types.SeveritiesDocument,
    "\n    subscription IncidentEvents($incidentId: ID!, $after: String) {\n      incidentEvents(incidentId: $incidentId, after: $after) {\n        id\n        cursor\n        sequence\n        kind\n        message\n        occurredAt\n        data\n        actor {\n          name\n        }\n      }\n    }\n  ": types.IncidentEventsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      name\n      role\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      name\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeclareProducts {\n    products {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query DeclareProducts {\n    products {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclareIncident($input: DeclareIncidentInput!) {\n    declareIncident(input: $input) {\n      incident {\n        id\n        number\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeclareIncident($input: DeclareIncidentInput!) {\n    declareIncident(input: $input) {\n      incident {\n        id\n        number\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IncidentRoom($number: Int!, $last: Int!) {\n    incident(number: $number) {\n      id\n      number\n      title\n      summary\n      status\n      visibility\n      version\n      responseChannel\n      chatChannel {\n        name\n        url\n      }\n      severity {\n        id\n        level\n        name\n        description\n        color\n      }\n      products {\n        id\n        name\n      }\n      commander {\n        id\n        name\n      }\n      latestUpdate {\n        id\n        body\n        createdAt\n        author {\n          name\n        }\n      }\n      nextUpdateDueAt\n      timeline(last: $last) {\n        pageInfo {\n          hasPreviousPage\n        }\n        edges {\n          cursor\n          node {\n            id\n            cursor\n            sequence\n            kind\n            message\n            occurredAt\n            data\n            actor {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IncidentRoom($number: Int!, $last: Int!) {\n    incident(number: $number) {\n      id\n      number\n      title\n      summary\n      status\n      visibility\n      version\n      responseChannel\n      chatChannel {\n        name\n        url\n      }\n      severity {\n        id\n        level\n        name\n        description\n        color\n      }\n      products {\n        id\n        name\n      }\n      commander {\n        id\n        name\n      }\n      latestUpdate {\n        id\n        body\n        createdAt\n        author {\n          name\n        }\n      }\n      nextUpdateDueAt\n      timeline(last: $last) {\n        pageInfo {\n          hasPreviousPage\n        }\n        edges {\n          cursor\n          node {\n            id\n            cursor\n            sequence\n            kind\n            message\n            occurredAt\n            data\n            actor {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostIncidentUpdate($input: PostIncidentUpdateInput!) {\n    postIncidentUpdate(input: $input) {\n      incident {\n        id\n        status\n        version\n        severity {\n          id\n          level\n          name\n          description\n          color\n        }\n        latestUpdate {\n          id\n          body\n          createdAt\n          author {\n            name\n          }\n        }\n        nextUpdateDueAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PostIncidentUpdate($input: PostIncidentUpdateInput!) {\n    postIncidentUpdate(input: $input) {\n      incident {\n        id\n        status\n        version\n        severity {\n          id\n          level\n          name\n          description\n          color\n        }\n        latestUpdate {\n          id\n          body\n          createdAt\n          author {\n            name\n          }\n        }\n        nextUpdateDueAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IncidentList($filter: IncidentFilter, $first: Int, $after: String) {\n    incidents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        number\n        title\n        status\n        visibility\n        declaredAt\n        severity {\n          id\n          name\n          color\n        }\n        commander {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IncidentList($filter: IncidentFilter, $first: Int, $after: String) {\n    incidents(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        number\n        title\n        status\n        visibility\n        declaredAt\n        severity {\n          id\n          name\n          color\n        }\n        commander {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription IncidentListChanges($filter: IncidentFilter) {\n    incidentChanges(filter: $filter) {\n      id\n      version\n    }\n  }\n"): (typeof documents)["\n  subscription IncidentListChanges($filter: IncidentFilter) {\n    incidentChanges(filter: $filter) {\n      id\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Severities {\n    severities {\n      id\n      level\n      name\n      description\n      color\n      updateIntervalMinutes\n      retrospectiveRequired\n    }\n  }\n"): (typeof documents)["\n  query Severities {\n    severities {\n      id\n      level\n      name\n      description\n      color\n      updateIntervalMinutes\n      retrospectiveRequired\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription IncidentEvents($incidentId: ID!, $after: String) {\n      incidentEvents(incidentId: $incidentId, after: $after) {\n        id\n        cursor\n        sequence\n        kind\n        message\n        occurredAt\n        data\n        actor {\n          name\n        }\n      }\n    }\n  "): (typeof documents)["\n    subscription IncidentEvents($incidentId: ID!, $after: String) {\n      incidentEvents(incidentId: $incidentId, after: $after) {\n        id\n        cursor\n        sequence\n        kind\n        message\n        occurredAt\n        data\n        actor {\n          name\n        }\n      }\n    }\n  "];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Pager, Problem, ShownOnce, useCursors } from '../../components';
import { graphql } from '../../gql';
import type { UserRole } from '../../gql/graphql';
import { when } from '../Incidents';

const pageSize = 25;
const roles: UserRole[] = ['VIEWER', 'RESPONDER', 'ADMIN'];

function RoleOptions() {
  return (
    <>
      {roles.map((r) => (
        <option key={r} value={r}>
          {r.toLowerCase()}
        </option>
      ))}
    </>
  );
}

const peopleQuery = graphql(`
  query ManagePeople($query: String, $first: Int, $after: String) {
    users(filter: { query: $query }, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        email
        role
        active
      }
    }
  }
`);

const createUser = graphql(`
  mutation ManageCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      user {
        id
      }
    }
  }
`);

const updateUser = graphql(`
  mutation ManageUpdateUser($input: UpdateUserInput!) {
    updateUser(input: $input) {
      user {
        id
        role
      }
    }
  }
`);

const deactivateUser = graphql(`
  mutation ManageDeactivateUser($input: DeactivateUserInput!) {
    deactivateUser(input: $input) {
      user {
        id
        active
      }
    }
  }
`);

const reactivateUser = graphql(`
  mutation ManageReactivateUser($input: ReactivateUserInput!) {
    reactivateUser(input: $input) {
      user {
        id
        active
      }
    }
  }
`);

export function PeopleSection() {
  const id = useId();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const pages = useCursors();
  const [{ data, error }] = useQuery({ query: peopleQuery, variables: { query: query || null, first: pageSize, after: pages.after } });
  const [changed, update] = useMutation(updateUser);
  const [deactivated, deactivate] = useMutation(deactivateUser);
  const [reactivated, reactivate] = useMutation(reactivateUser);
  const [created, create] = useMutation(createUser);
  const [person, setPerson] = useState({ name: '', email: '', role: 'RESPONDER' as UserRole });
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>People and roles</h2>
      <form
        role="search"
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(search.trim());
          pages.reset();
        }}
      >
        <label>
          Find <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <button type="submit">Search</button>
      </form>
      <Problem error={error ?? changed.error ?? deactivated.error ?? reactivated.error} />
      {data && (
        <>
          <table className="numbers">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Active</th>
              </tr>
            </thead>
            <tbody>
              {data.users.nodes.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.name}</th>
                  <td>{u.email ?? '—'}</td>
                  <td>
                    <select aria-label={`Role of ${u.name}`} value={u.role} onChange={(e) => void update({ input: { userId: u.id, role: e.target.value as UserRole } })}>
                      <RoleOptions />
                    </select>
                  </td>
                  <td>
                    {u.active ? (
                      <button type="button" onClick={() => void deactivate({ input: { userId: u.id } })}>
                        Deactivate {u.name}
                      </button>
                    ) : (
                      <button type="button" onClick={() => void reactivate({ input: { userId: u.id } })}>
                        Reactivate {u.name}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="Pages of people" pages={pages} pageInfo={data.users.pageInfo} />
        </>
      )}
      <form
        className="row"
        aria-label="Add a person"
        onSubmit={async (e) => {
          e.preventDefault();
          const res = await create({ input: person });
          if (res.data?.createUser) setPerson({ name: '', email: '', role: 'RESPONDER' });
        }}
      >
        <label>
          Name <input required value={person.name} onChange={(e) => setPerson({ ...person, name: e.target.value })} />
        </label>
        <label>
          E-mail <input type="email" required value={person.email} onChange={(e) => setPerson({ ...person, email: e.target.value })} />
        </label>
        <label>
          Role{' '}
          <select value={person.role} onChange={(e) => setPerson({ ...person, role: e.target.value as UserRole })}>
            <RoleOptions />
          </select>
        </label>
        <button type="submit">Add person</button>
        <Problem error={created.error} />
      </form>
    </section>
  );
}

const keysQuery = graphql(`
  query ManageKeys($first: Int, $after: String) {
    apiKeys(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        prefix
        name
        role
        createdAt
        lastUsedAt
        expiresAt
        revokedAt
        owner {
          id
          name
        }
      }
    }
  }
`);

const createKey = graphql(`
  mutation ManageCreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        prefix
      }
    }
  }
`);

const revokeKey = graphql(`
  mutation ManageRevokeKey($input: RevokeApiKeyInput!) {
    revokeApiKey(input: $input) {
      apiKey {
        id
      }
    }
  }
`);

export function KeysSection() {
  const id = useId();
  const pages = useCursors();
  const [{ data, error }, refetch] = useQuery({ query: keysQuery, variables: { first: pageSize, after: pages.after } });
  const [created, create] = useMutation(createKey);
  const [revoked, revoke] = useMutation(revokeKey);
  const [name, setName] = useState('');
  const [role, setRole] = useState<UserRole>('VIEWER');
  // The secret is shown once, from the mutation's answer; never stored.
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>API keys</h2>
      <form
        className="row"
        aria-label="Create an API key"
        onSubmit={async (e) => {
          e.preventDefault();
          const res = await create({ input: { name, role } });
          if (res.data?.createApiKey) {
            setSecret(res.data.createApiKey.secret);
            setName('');
            refetch({ requestPolicy: 'network-only' });
          }
        }}
      >
        <label>
          Name <input required value={name} onChange={(e) => setName(e.target.value)} placeholder="what uses it" />
        </label>
        <label>
          Role{' '}
          <select value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
            <RoleOptions />
          </select>
        </label>
        <button type="submit">Create key</button>
      </form>
      {secret && <ShownOnce what="The new key" secret={secret} testId="new-key" onDone={() => setSecret(null)} />}
      <Problem error={error ?? created.error ?? revoked.error} />
      {data && (
        <>
          <table className="numbers">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Name</th>
                <th scope="col">Owner</th>
                <th scope="col">Role</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Revoke</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.apiKeys.nodes.map((k) => (
                <tr key={k.id}>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{k.name}</td>
                  <td>{k.owner.name}</td>
                  <td>{k.role.toLowerCase()}</td>
                  <td>{k.lastUsedAt ? when(k.lastUsedAt) : 'never'}</td>
                  <td>
                    {k.revokedAt ? (
                      <span className="muted">revoked {when(k.revokedAt)}</span>
                    ) : (
                      <button type="button" onClick={() => void revoke({ input: { apiKeyId: k.id } }).then(() => refetch({ requestPolicy: 'network-only' }))}>
                        Revoke {k.prefix}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="Pages of keys" pages={pages} pageInfo={data.apiKeys.pageInfo} />
        </>
      )}
    </section>
  );
}

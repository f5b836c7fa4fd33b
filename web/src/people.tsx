import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from './gql';

const peopleQuery = graphql(`
  query PeoplePicker($query: String) {
    users(filter: { query: $query, active: true }, first: 10) {
      nodes {
        id
        name
        email
        role
      }
    }
  }
`);

/**
 * Finds a person by name or e-mail (the users query, ten at a time) and
 * picks one: a search box and the matches as a select, both labelled.
 */
export function PersonPicker({ label, value, onChange, required }: { label: string; value: string; onChange: (id: string) => void; required?: boolean }) {
  const [search, setSearch] = useState('');
  const [{ data }] = useQuery({ query: peopleQuery, variables: { query: search || null } });
  return (
    <>
      <label>
        Find a person <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <label>
        {label}{' '}
        <select value={value} onChange={(e) => onChange(e.target.value)} required={required}>
          <option value="">{required ? 'choose…' : 'me'}</option>
          {data?.users.nodes.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email ?? u.role.toLowerCase()})
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

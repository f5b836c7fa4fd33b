import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { Problem } from '../../components';
import { graphql } from '../../gql';

const severitiesQuery = graphql(`
  query ManageSeverities {
    severities {
      id
      level
      name
      description
      color
      updateIntervalMinutes
      retrospectiveRequired
      retrospectiveDueDays
      version
    }
  }
`);

const updateSeverity = graphql(`
  mutation ManageUpdateSeverity($input: UpdateSeverityInput!) {
    updateSeverity(input: $input) {
      severity {
        id
        description
        updateIntervalMinutes
        retrospectiveRequired
        retrospectiveDueDays
        version
      }
    }
  }
`);

interface Severity {
  id: string;
  level: number;
  name: string;
  description: string;
  updateIntervalMinutes: number;
  retrospectiveRequired: boolean;
  retrospectiveDueDays: number;
  version: number;
}

export function SeveritiesSection() {
  const id = useId();
  const [{ data, error }] = useQuery({ query: severitiesQuery });
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Severities and cadences</h2>
      <Problem error={error} />
      {data?.severities.map((s) => <SeverityForm key={s.id} severity={s} />)}
    </section>
  );
}

function SeverityForm({ severity }: { severity: Severity }) {
  const id = useId();
  const [form, setForm] = useState({
    description: severity.description,
    updateIntervalMinutes: severity.updateIntervalMinutes,
    retrospectiveRequired: severity.retrospectiveRequired,
    retrospectiveDueDays: severity.retrospectiveDueDays,
  });
  const [result, save] = useMutation(updateSeverity);
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="stack severity-form"
      aria-labelledby={`${id}-h`}
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        const res = await save({ input: { level: severity.level, expectedVersion: severity.version, ...form } });
        setSaved(!!res.data?.updateSeverity);
      }}
    >
      <h3 id={`${id}-h`}>{severity.name}</h3>
      <label htmlFor={`${id}-d`}>Definition</label>
      <textarea id={`${id}-d`} rows={2} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
      <div className="row">
        <label>
          Update every{' '}
          <input
            type="number"
            min={1}
            name="updateIntervalMinutes"
            value={form.updateIntervalMinutes}
            onChange={(e) => setForm({ ...form, updateIntervalMinutes: Number(e.target.value) })}
          />{' '}
          minutes
        </label>
        <label>
          <input type="checkbox" checked={form.retrospectiveRequired} onChange={(e) => setForm({ ...form, retrospectiveRequired: e.target.checked })} /> Retrospective
          required
        </label>
        <label>
          due in <input type="number" min={1} value={form.retrospectiveDueDays} onChange={(e) => setForm({ ...form, retrospectiveDueDays: Number(e.target.value) })} /> days
        </label>
      </div>
      <Problem error={result.error} />
      <div className="row">
        <button type="submit">Save {severity.name}</button>
        {saved && <span role="status">Saved.</span>}
      </div>
    </form>
  );
}

const productsQuery = graphql(`
  query ManageProducts {
    products {
      id
      name
      slug
      description
      public
      group
      openIncidents
    }
  }
`);

const createProduct = graphql(`
  mutation ManageCreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      product {
        id
      }
    }
  }
`);

const archiveProduct = graphql(`
  mutation ManageArchiveProduct($input: ArchiveProductInput!) {
    archiveProduct(input: $input) {
      product {
        id
        archived
      }
    }
  }
`);

export function ProductsSection() {
  const id = useId();
  const [{ data, error }, refetch] = useQuery({ query: productsQuery });
  const [created, create] = useMutation(createProduct);
  const [archived, archive] = useMutation(archiveProduct);
  const [p, setP] = useState({ name: '', description: '', group: '', public: true });
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Products and status-page components</h2>
      <Problem error={error ?? archived.error} />
      {data && (
        <table className="numbers">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Group</th>
              <th scope="col">On the status page</th>
              <th scope="col">Open incidents</th>
              <th scope="col">
                <span className="visually-hidden">Archive</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.products.map((x) => (
              <tr key={x.id}>
                <th scope="row">{x.name}</th>
                <td>{x.group || '—'}</td>
                <td>{x.public ? 'yes' : 'no'}</td>
                <td>{x.openIncidents}</td>
                <td>
                  <button type="button" onClick={() => void archive({ input: { productId: x.id } }).then(() => refetch({ requestPolicy: 'network-only' }))}>
                    Archive {x.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="row"
        aria-label="Add a product"
        onSubmit={async (e) => {
          e.preventDefault();
          const res = await create({ input: { name: p.name, description: p.description, group: p.group, public: p.public } });
          if (res.data?.createProduct) {
            setP({ name: '', description: '', group: '', public: true });
            refetch({ requestPolicy: 'network-only' });
          }
        }}
      >
        <label>
          Name <input required name="product-name" value={p.name} onChange={(e) => setP({ ...p, name: e.target.value })} />
        </label>
        <label>
          Description <input value={p.description} onChange={(e) => setP({ ...p, description: e.target.value })} />
        </label>
        <label>
          Group <input value={p.group} onChange={(e) => setP({ ...p, group: e.target.value })} />
        </label>
        <label>
          <input type="checkbox" checked={p.public} onChange={(e) => setP({ ...p, public: e.target.checked })} /> on the status page
        </label>
        <button type="submit">Add product</button>
        <Problem error={created.error} />
      </form>
    </section>
  );
}

import { useEffect } from 'react';
import { Link } from 'wouter';
import { useRole } from '../live';
import { AuditSection } from './manage/Audit';
import { ProductsSection, SeveritiesSection } from './manage/Catalog';
import { AlertingSection, EndpointsSection } from './manage/Integrations';
import { KeysSection, PeopleSection } from './manage/People';
import { SlackSection } from './manage/Slack';

const sections = {
  people: { title: 'People', Section: PeopleSection },
  keys: { title: 'API keys', Section: KeysSection },
  severities: { title: 'Severities', Section: SeveritiesSection },
  products: { title: 'Products', Section: ProductsSection },
  endpoints: { title: 'Endpoints', Section: EndpointsSection },
  alerting: { title: 'Alerts', Section: AlertingSection },
  slack: { title: 'Slack', Section: SlackSection },
  audit: { title: 'Audit log', Section: AuditSection },
} as const;

type Name = keyof typeof sections;

export function ManagePage({ section }: { section: string }) {
  const role = useRole();
  const name: Name = section in sections ? (section as Name) : 'people';
  const { title, Section } = sections[name];
  useEffect(() => {
    document.title = `${title} · Administration · Firebreak`;
  }, [title]);
  if (role !== 'ADMIN') {
    return (
      <section>
        <h1>Administration</h1>
        <p>Only admins manage Firebreak. Ask one of them to change settings for you.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="manage-heading">
      <h1 id="manage-heading">Administration</h1>
      <nav aria-label="Administration" className="subnav">
        {(Object.keys(sections) as Name[]).map((n) => (
          <Link key={n} href={`/manage/${n}`} aria-current={n === name ? 'page' : undefined}>
            {sections[n].title}
          </Link>
        ))}
      </nav>
      <Section />
    </section>
  );
}

import { useId } from 'react';
import { useQuery } from 'urql';
import { Problem } from '../../components';
import { graphql } from '../../gql';

const slackQuery = graphql(`
  query ManageSlack {
    slackSettings {
      enabled
      announceChannel
      unknownRole
      pinReaction
    }
  }
`);

export function SlackSection() {
  const id = useId();
  const [{ data, error }] = useQuery({ query: slackQuery });
  const s = data?.slackSettings;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Slack</h2>
      <p className="muted">Set by the environment (FIREBREAK_SLACK_*, docs/operations.md); the token and signing secret are never shown.</p>
      <Problem error={error} />
      {s && (
        <dl className="headline">
          <dt>Bot</dt>
          <dd data-testid="slack-enabled">{s.enabled ? 'on' : 'off (no FIREBREAK_SLACK_BOT_TOKEN)'}</dd>
          <dt>Announcements channel</dt>
          <dd>{s.announceChannel ?? 'none'}</dd>
          <dt>Slack members Firebreak does not know</dt>
          <dd>{s.unknownRole ? `join as ${s.unknownRole.toLowerCase()}` : 'are refused'}</dd>
          <dt>Pin to the timeline with</dt>
          <dd>{s.pinReaction ? `:${s.pinReaction}:` : 'the default reaction'}</dd>
        </dl>
      )}
    </section>
  );
}

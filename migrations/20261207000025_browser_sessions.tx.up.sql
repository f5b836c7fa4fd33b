-- Issue 28: people sign in to the console in a browser. What the browser
-- holds is an opaque session secret in an HttpOnly cookie; only its hash is
-- stored. A session ends when the person signs out, when it expires (an
-- absolute limit and an idle one), when the person is deactivated, or when
-- their role changes (role_at_start no longer matches).
CREATE TABLE browser_sessions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    secret_hash   bytea NOT NULL UNIQUE,
    -- csrf_token is sent by the console in a header on every request the
    -- cookie authenticates; a page on another site cannot read it.
    csrf_token    text NOT NULL,
    user_id       bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role_at_start text NOT NULL,
    method        text NOT NULL CHECK (method IN ('LINK', 'OIDC')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    ended_at      timestamptz
);
CREATE INDEX browser_sessions_user ON browser_sessions (user_id) WHERE ended_at IS NULL;

-- A one-time sign-in link (firebreak signin-link, or printed by make run):
-- the token is in the link's fragment, so it reaches neither server logs
-- nor chat unfurlers; redeeming it starts a session, once.
CREATE TABLE signin_links (
    token_hash bytea PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

-- An authorization-code sign-in under way: the state the identity
-- provider echoes back (its hash), the PKCE verifier and the nonce the ID
-- token must carry. Consumed once by the callback.
CREATE TABLE oidc_signin_attempts (
    state_hash    bytea PRIMARY KEY,
    code_verifier text NOT NULL,
    nonce         text NOT NULL,
    return_to     text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz
);

-- Issue 26: a person signing in with OpenID Connect is known by their
-- identity at the provider — (issuer, subject), which the provider never
-- reassigns — not by an e-mail address the person may be able to edit
-- there. E-mail links a first sign-in to an existing person only when the
-- provider says it verified it.
CREATE TABLE user_identities (
    issuer     text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 2000),
    subject    text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- email is what the provider said when the identity was linked.
    email      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user ON user_identities (user_id, issuer);

DROP TABLE IF EXISTS oidc_signin_attempts;
DROP TABLE IF EXISTS signin_links;
DROP TABLE IF EXISTS browser_sessions;

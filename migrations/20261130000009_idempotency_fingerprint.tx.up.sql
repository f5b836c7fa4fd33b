-- What a creating mutation was asked, so that a retry with the same key but
-- different input is refused instead of silently answered with the first
-- result. NULL for keys claimed before this column existed.
ALTER TABLE idempotency_keys ADD COLUMN fingerprint bytea;

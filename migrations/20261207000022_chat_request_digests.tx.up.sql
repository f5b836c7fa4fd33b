-- Issue 26: a Slack request is remembered by what Slack signed (its
-- timestamp and body), not by the signature header's spelling: the same
-- request with its signature's hex in upper case verifies too, and was
-- acted on twice. Rows older than the accepted window are worthless.
DELETE FROM chat_requests;
ALTER TABLE chat_requests RENAME COLUMN signature TO signed_digest;

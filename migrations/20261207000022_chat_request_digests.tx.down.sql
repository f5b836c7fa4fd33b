DELETE FROM chat_requests;
ALTER TABLE chat_requests RENAME COLUMN signed_digest TO signature;

DROP TABLE IF EXISTS chat_requests;
DROP TABLE IF EXISTS chat_notes;
DROP TABLE IF EXISTS chat_headlines;
DROP TABLE IF EXISTS chat_channels;

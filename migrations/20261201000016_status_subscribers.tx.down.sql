DROP TABLE IF EXISTS subscriber_messages;
DROP TABLE IF EXISTS status_subscribers;

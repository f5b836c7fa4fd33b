DELETE FROM notification_endpoints WHERE kind = 'STATUS_WEBHOOK';
ALTER TABLE notification_endpoints DROP CONSTRAINT notification_endpoints_status_webhook_public;
ALTER TABLE notification_endpoints DROP CONSTRAINT notification_endpoints_kind_check;
ALTER TABLE notification_endpoints ADD CONSTRAINT notification_endpoints_kind_check CHECK (kind IN ('WEBHOOK', 'SLACK'));

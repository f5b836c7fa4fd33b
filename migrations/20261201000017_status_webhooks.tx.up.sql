-- Webhook subscribers of the status page (issue 17): notification endpoints
-- of kind STATUS_WEBHOOK get only what the status page shows — published
-- incidents' public updates and status changes — never a private incident.
ALTER TABLE notification_endpoints DROP CONSTRAINT notification_endpoints_kind_check;
ALTER TABLE notification_endpoints ADD CONSTRAINT notification_endpoints_kind_check
    CHECK (kind IN ('WEBHOOK', 'SLACK', 'STATUS_WEBHOOK'));
ALTER TABLE notification_endpoints ADD CONSTRAINT notification_endpoints_status_webhook_public
    CHECK (kind <> 'STATUS_WEBHOOK' OR NOT include_private);

DELETE FROM severities WHERE level IN (1, 2, 3)
    AND NOT EXISTS (SELECT 1 FROM incidents WHERE incidents.severity_id = severities.id);

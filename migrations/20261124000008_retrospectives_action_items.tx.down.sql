DROP INDEX IF EXISTS incidents_metrics_idx;
DROP TABLE IF EXISTS action_items;
DROP TABLE IF EXISTS retrospectives;
DROP TABLE IF EXISTS contributing_factor_categories;

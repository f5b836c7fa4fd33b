DROP TRIGGER products_changed ON products;
DROP TRIGGER severities_changed ON severities;
DROP TRIGGER users_changed ON users;
DROP TRIGGER api_keys_changed ON api_keys;
DROP FUNCTION firebreak_reference_changed();

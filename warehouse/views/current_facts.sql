-- Facts of the current version of every article name (older versions' facts are left out).
CREATE OR REPLACE VIEW current_facts AS
SELECT c.name AS article, f.*
FROM facts f
JOIN current_articles c USING (article_id);

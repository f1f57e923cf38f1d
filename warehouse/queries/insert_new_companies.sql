-- Given records whose canonical name is not in companies yet.
INSERT INTO companies (canonical, company_group, kind, entity_kind, aliases, updated_at)
SELECT canonical, company_group, kind, entity_kind, aliases, $updated_at
FROM given_companies
WHERE canonical NOT IN (SELECT canonical FROM companies);

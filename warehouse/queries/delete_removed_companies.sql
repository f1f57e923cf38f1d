-- Companies no longer among the given records ($given_companies, registered by sync_companies).
DELETE FROM companies
WHERE canonical NOT IN (SELECT canonical FROM given_companies);

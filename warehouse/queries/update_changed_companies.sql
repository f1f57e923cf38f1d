-- Companies whose group, kind, entity kind or aliases differ from the given record.
UPDATE companies
SET company_group = g.company_group, kind = g.kind, entity_kind = g.entity_kind, aliases = g.aliases,
    updated_at = $updated_at
FROM given_companies g
WHERE companies.canonical = g.canonical
  AND (companies.company_group <> g.company_group OR companies.kind <> g.kind
       OR companies.entity_kind <> g.entity_kind OR companies.aliases <> g.aliases);

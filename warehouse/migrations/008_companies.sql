-- Issue 15: the companies behind the subject names, so that views can put AWS and Amazon in one group.
-- One row per canonical name of extractors/data/entities.jsonl (companies, analyst firms, media), brought in step
-- by every run (warehouse.companies.sync_companies: new names inserted, changed ones updated, removed ones
-- deleted). A subject name missing here (a company found in the text, extractors/company_names.py) is its own
-- group in the views.
CREATE TABLE companies (
    canonical     VARCHAR PRIMARY KEY,  -- the name facts.subject holds
    company_group VARCHAR NOT NULL,     -- FACTS.md's group: AWS and Amazon are both 'Amazon'
    kind          VARCHAR NOT NULL,     -- what it does: cloud_provider, analyst_firm, chip_maker, data_centre_operator,
                                        -- software, it_services, telecom, hardware, internet, ai_lab, media, investor, other
    entity_kind   VARCHAR NOT NULL,     -- company, analyst or media (what the extractor uses it as)
    aliases       VARCHAR[] NOT NULL,   -- the names the text may use for it
    updated_at    TIMESTAMP NOT NULL    -- when a run last inserted or changed the row
);

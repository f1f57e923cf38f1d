-- Issue 15: periods that line up and one currency to compare.
-- period_start / period_end: the first and last day of the fact's period (fiscal periods through the subject's
-- fiscal calendar); NULL when the fact has no period or the period has no dates.
-- conversion_of: the fact_id of the figure a bracketed conversion translates ("€2 billion ($2.2 billion)"), so sums
-- can skip the conversion.
-- value_usd / usd_basis / usd_rate_date: a money fact's value in US dollars; usd_basis says where it comes from
-- ('article' when the article gives the US dollar figure itself, 'reference_rate' for a published reference rate)
-- and usd_rate_date the day of that rate. NULL for facts that are not money, or when no rate is known.
-- Facts stored before this migration have NULL in all of them: re-extract to fill them.
ALTER TABLE facts ADD COLUMN period_start DATE;
ALTER TABLE facts ADD COLUMN period_end DATE;
ALTER TABLE facts ADD COLUMN conversion_of VARCHAR;
ALTER TABLE facts ADD COLUMN value_usd DOUBLE;
ALTER TABLE facts ADD COLUMN usd_basis VARCHAR;
ALTER TABLE facts ADD COLUMN usd_rate_date DATE;

-- FACTS.md `segment` (the market a market figure is about) and `growth_of` (the metric whose change a growth
-- rate is). Facts stored before this migration have NULL in both: re-extract to fill them.
-- The runner applies every unapplied file in version order, so the gap before 006 (004 and 005 are other
-- changes) is no obstacle.
ALTER TABLE facts ADD COLUMN segment VARCHAR;
ALTER TABLE facts ADD COLUMN growth_of VARCHAR;

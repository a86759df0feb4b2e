-- Rapport schema, version 6: a deal's next scheduled activity in one index
-- search.
--
-- The pipeline board shows each card's next scheduled activity (the open
-- one due soonest).  Without this index that read visits every activity of
-- the deal; with it, the first entry of the deal's range is the answer.
-- Only open, scheduled, live activities are in it (about a fifth of them).
CREATE INDEX activity_next ON activity (subject_kind, subject_id, due)
  WHERE done = 0 AND due > 0 AND deleted = 0;

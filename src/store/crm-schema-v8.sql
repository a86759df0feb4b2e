-- Rapport schema, version 8: filtered inbox lists without a lookup of
-- every ticket.
--
-- The All folder (and Breaching SLA) reads its ordered ids from the order
-- indexes of schema v7.  With a filter (channel, priority, B2B/B2C or the
-- subject's text) SQLite had to look each of a million tickets up in the
-- table to test it: most of a second, or seconds in creation order.  The
-- same indexes now carry the columns those filters test after the order's
-- columns, so the folder's ids are read from the index alone ("USING
-- COVERING INDEX"), with or without a filter, in the same order.  (Not the
-- status: with it SQLite would walk all of ticket_sla for a status folder
-- rather than that status's range of ticket_status_sla.)
-- tests/core/test-inbox.c checks the plans.
DROP INDEX ticket_sla;
CREATE INDEX ticket_sla ON ticket (deleted, sla_due = 0, sla_due, id,
  channel, priority, organization_id, subject);

DROP INDEX ticket_created_order;
CREATE INDEX ticket_created_order ON ticket (deleted, created, id,
  channel, priority, organization_id, subject);

DROP INDEX ticket_updated_order;
CREATE INDEX ticket_updated_order ON ticket (deleted, updated, id,
  channel, priority, organization_id, subject);

DROP INDEX ticket_priority_sla;
CREATE INDEX ticket_priority_sla ON ticket (deleted,
  CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 WHEN 'low' THEN 3 ELSE 4 END,
  sla_due = 0, sla_due, id,
  channel, priority, organization_id, subject);

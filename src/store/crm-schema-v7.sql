-- Rapport schema, version 7: the ticket inbox.
--
-- ticket.sla_due is the SLA deadline that runs now: the first-response due
-- time until the first reply (when the policy sets one), then the resolution
-- due time; 0 when the ticket is resolved or closed or no target applies.
-- While the ticket waits on the customer it keeps the due time as it stood
-- (the clock is paused; the due times move on when the wait ends).  It is
-- kept by the ticket flow (src/models/crm-ticket-flow*.c,
-- crm_ticket_sla_due()); here it is filled in for the tickets there are.
ALTER TABLE ticket ADD COLUMN sla_due INTEGER NOT NULL DEFAULT 0;

UPDATE ticket SET sla_due =
  CASE WHEN status IN ('resolved', 'closed') THEN 0
       WHEN first_response = 0 AND first_response_due != 0 THEN first_response_due
       ELSE resolution_due END;

-- The inbox folders list tickets by deadline, soonest first and those
-- without one (0) last: ORDER BY sla_due = 0, sla_due, id.  Each folder's
-- ordered ids are read from one of these indexes, without a sort:
--   all tickets             WHERE deleted = 0
--   a status                WHERE deleted = 0 AND status = ?
--   one assignee's status   WHERE deleted = 0 AND assignee_id = ? AND status = ?
--                           (assignee_id IS NULL: unassigned)
--   one assignee's tickets  WHERE deleted = 0 AND assignee_id = ?
--   breaching               WHERE deleted = 0 AND (sla_due = 0) = 0 AND sla_due < ?now
--                           ORDER BY sla_due, id (no zeros there: the same order;
--                           the term (sla_due = 0) = 0 lets SQLite search the index)
-- Other filters (channel, priority, text) are tested on the way along the
-- folder's index.  ORDER BY must be written exactly so to use them.
CREATE INDEX ticket_sla ON ticket (deleted, sla_due = 0, sla_due, id);
CREATE INDEX ticket_status_sla ON ticket (deleted, status, sla_due = 0, sla_due, id);
CREATE INDEX ticket_assignee_status_sla ON ticket (deleted, assignee_id, status, sla_due = 0, sla_due, id);
CREATE INDEX ticket_assignee_sla ON ticket (deleted, assignee_id, sla_due = 0, sla_due, id);

-- New tickets take the next number (max (number) + 1).
CREATE INDEX ticket_number ON ticket (number);

-- Service KPIs (src/models/crm-service-kpi-load.c).  One pass over the
-- tickets of a period reads the columns the numbers need from this index
-- (a year of a million tickets is most of the table: the index's entries are
-- a third of the rows' size, and come in id order like the table's); the
-- waits on the customer of a run of tickets, in ticket order, to take them
-- out of first response times without a pass over every status change; and
-- the self-service resolutions of a span with the columns the KPIs count
-- them by, without a lookup of each row.  (The columns of the WHERE clauses
-- are in the indexes too, or SQLite would not read them as covering.)
CREATE INDEX ticket_kpi
  ON ticket (id, created, status, channel, priority, organization_id, sla_policy_id,
             first_response, first_response_due, resolved, resolution_due, closed,
             csat_score, csat_at, deleted)
  WHERE deleted = 0;
CREATE INDEX ticket_status_change_waiting
  ON ticket_status_change (ticket_id, changed_at, status, deleted)
  WHERE status = 'waiting-on-customer' AND deleted = 0;
CREATE INDEX self_service_resolution_kpi
  ON self_service_resolution (resolved, channel, customer_kind, deleted)
  WHERE deleted = 0;

-- The inbox's other orders for its biggest folder, All (src/models/crm-inbox.c):
-- newest first, recently updated first, and most urgent first (then by
-- deadline), each read from an index instead of sorting every ticket:
--   ORDER BY created DESC, id DESC
--   ORDER BY updated DESC, id DESC
--   ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1
--              WHEN 'normal' THEN 2 WHEN 'low' THEN 3 ELSE 4 END,
--            sla_due = 0, sla_due, id
-- (the CASE must be written exactly so, see crm_query_set_order_rank()).
-- The other folders hold the backlog only and sort it; tests/core/test-inbox.c
-- checks every folder's plan.
CREATE INDEX ticket_created_order ON ticket (deleted, created, id);
CREATE INDEX ticket_updated_order ON ticket (deleted, updated, id);
CREATE INDEX ticket_priority_sla ON ticket (deleted,
  CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 WHEN 'low' THEN 3 ELSE 4 END,
  sla_due = 0, sla_due, id);

-- The knowledge base: how many requests each article resolved (in all, and
-- since a time) is a range of this index.
CREATE INDEX self_service_resolution_article
  ON self_service_resolution (article_id, resolved)
  WHERE deleted = 0;

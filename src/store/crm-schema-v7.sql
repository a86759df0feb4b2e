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

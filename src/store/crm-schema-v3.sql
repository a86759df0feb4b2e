-- Rapport schema, version 3: what lists filter and sort on, and imports.
--
-- Purchase behaviour and engagement are read on every row of a million-person
-- list, so they are kept on the person and organization rows by plain-SQL
-- triggers (whoever writes: the store's jobs, imports, merges, another
-- process), and indexed where a list sorts on them:
--   * person.order_count, total_spend (minor units; paid orders only) and
--     last_purchase (unix seconds; 0 for none), from customer_order;
--   * person.last_activity and organization.last_activity (unix seconds of the
--     newest logged activity), from activity;
--   * organization.open_deal_count and open_deal_value (minor units), from deal;
--   * person.rfm_recency, rfm_frequency, rfm_monetary (quintiles 1..5, 0 for a
--     person without purchases) and rfm_score (their sum, 3..15), written by the
--     RFM job (src/models/crm-rfm.c), which needs the whole population.
--
-- Names with Han characters sort by pinyin (crm_sort_key, registered by
-- Rapport: "张伟" → "zhang wei 张伟"); earlier versions sorted them by code point.
--
-- import_batch and import_change record what each import added or changed, so
-- that "Undo import" removes exactly that.

ALTER TABLE person ADD COLUMN order_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN total_spend INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN last_purchase INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN last_activity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN rfm_recency INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN rfm_frequency INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN rfm_monetary INTEGER NOT NULL DEFAULT 0;
ALTER TABLE person ADD COLUMN rfm_score INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organization ADD COLUMN open_deal_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organization ADD COLUMN open_deal_value INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organization ADD COLUMN last_activity INTEGER NOT NULL DEFAULT 0;

UPDATE person SET sort_key = crm_sort_key (display_name)
 WHERE display_name GLOB '*[一-鿿]*';
UPDATE organization SET sort_key = crm_sort_key (name)
 WHERE name GLOB '*[一-鿿]*';

-- Back-fill from what an older database already holds.
UPDATE person SET
  order_count = agg.n, total_spend = agg.spend, last_purchase = agg.last
  FROM (SELECT person_id, count(*) AS n, sum(total) AS spend, max(ordered) AS last
          FROM customer_order
         WHERE person_id IS NOT NULL AND deleted = 0 AND status = 'paid'
         GROUP BY person_id) AS agg
 WHERE person.id = agg.person_id;

UPDATE person SET last_activity = agg.last
  FROM (SELECT subject_id, max(occurred) AS last FROM activity
         WHERE subject_kind = 'person' AND deleted = 0 GROUP BY subject_id) AS agg
 WHERE person.id = agg.subject_id;

UPDATE organization SET last_activity = agg.last
  FROM (SELECT subject_id, max(occurred) AS last FROM activity
         WHERE subject_kind = 'organization' AND deleted = 0 GROUP BY subject_id) AS agg
 WHERE organization.id = agg.subject_id;

UPDATE organization SET open_deal_count = agg.n, open_deal_value = agg.value
  FROM (SELECT organization_id, count(*) AS n, sum(amount) AS value FROM deal
         WHERE organization_id IS NOT NULL AND deleted = 0 AND closed = 0
         GROUP BY organization_id) AS agg
 WHERE organization.id = agg.organization_id;

-- Orders → person.
CREATE TRIGGER customer_order_person_ai AFTER INSERT ON customer_order
  WHEN new.person_id IS NOT NULL AND new.deleted = 0 AND new.status = 'paid' BEGIN
  UPDATE person SET order_count = order_count + 1,
                    total_spend = total_spend + new.total,
                    last_purchase = max (last_purchase, new.ordered)
   WHERE id = new.person_id;
END;
CREATE TRIGGER customer_order_person_au AFTER UPDATE ON customer_order
  WHEN old.person_id IS NOT new.person_id OR old.deleted IS NOT new.deleted
    OR old.status IS NOT new.status OR old.total IS NOT new.total
    OR old.ordered IS NOT new.ordered BEGIN
  UPDATE person SET
    order_count = (SELECT count(*) FROM customer_order o
                    WHERE o.person_id = person.id AND o.deleted = 0 AND o.status = 'paid'),
    total_spend = (SELECT coalesce (sum (o.total), 0) FROM customer_order o
                    WHERE o.person_id = person.id AND o.deleted = 0 AND o.status = 'paid'),
    last_purchase = (SELECT coalesce (max (o.ordered), 0) FROM customer_order o
                      WHERE o.person_id = person.id AND o.deleted = 0 AND o.status = 'paid')
   WHERE id IN (old.person_id, new.person_id);
END;
CREATE TRIGGER customer_order_person_ad AFTER DELETE ON customer_order
  WHEN old.person_id IS NOT NULL BEGIN
  UPDATE person SET
    order_count = (SELECT count(*) FROM customer_order o
                    WHERE o.person_id = person.id AND o.deleted = 0 AND o.status = 'paid'),
    total_spend = (SELECT coalesce (sum (o.total), 0) FROM customer_order o
                    WHERE o.person_id = person.id AND o.deleted = 0 AND o.status = 'paid'),
    last_purchase = (SELECT coalesce (max (o.ordered), 0) FROM customer_order o
                      WHERE o.person_id = person.id AND o.deleted = 0 AND o.status = 'paid')
   WHERE id = old.person_id;
END;

-- Activities → last_activity of their person or organization.
CREATE TRIGGER activity_last_ai AFTER INSERT ON activity
  WHEN new.deleted = 0 AND new.occurred != 0 BEGIN
  UPDATE person SET last_activity = new.occurred
   WHERE new.subject_kind = 'person' AND id = new.subject_id AND last_activity < new.occurred;
  UPDATE organization SET last_activity = new.occurred
   WHERE new.subject_kind = 'organization' AND id = new.subject_id AND last_activity < new.occurred;
END;
CREATE TRIGGER activity_last_au AFTER UPDATE ON activity
  WHEN old.deleted IS NOT new.deleted OR old.occurred IS NOT new.occurred
    OR old.subject_id IS NOT new.subject_id OR old.subject_kind IS NOT new.subject_kind BEGIN
  UPDATE person SET last_activity =
      (SELECT coalesce (max (a.occurred), 0) FROM activity a
        WHERE a.subject_kind = 'person' AND a.subject_id = person.id AND a.deleted = 0)
   WHERE id IN (old.subject_id, new.subject_id)
     AND 'person' IN (old.subject_kind, new.subject_kind);
  UPDATE organization SET last_activity =
      (SELECT coalesce (max (a.occurred), 0) FROM activity a
        WHERE a.subject_kind = 'organization' AND a.subject_id = organization.id AND a.deleted = 0)
   WHERE id IN (old.subject_id, new.subject_id)
     AND 'organization' IN (old.subject_kind, new.subject_kind);
END;
CREATE TRIGGER activity_last_ad AFTER DELETE ON activity BEGIN
  UPDATE person SET last_activity =
      (SELECT coalesce (max (a.occurred), 0) FROM activity a
        WHERE a.subject_kind = 'person' AND a.subject_id = person.id AND a.deleted = 0)
   WHERE old.subject_kind = 'person' AND id = old.subject_id;
  UPDATE organization SET last_activity =
      (SELECT coalesce (max (a.occurred), 0) FROM activity a
        WHERE a.subject_kind = 'organization' AND a.subject_id = organization.id AND a.deleted = 0)
   WHERE old.subject_kind = 'organization' AND id = old.subject_id;
END;

-- Deals → open deals of their organization.
CREATE TRIGGER deal_open_ai AFTER INSERT ON deal
  WHEN new.organization_id IS NOT NULL AND new.deleted = 0 AND new.closed = 0 BEGIN
  UPDATE organization SET open_deal_count = open_deal_count + 1,
                          open_deal_value = open_deal_value + new.amount
   WHERE id = new.organization_id;
END;
CREATE TRIGGER deal_open_au AFTER UPDATE ON deal
  WHEN old.organization_id IS NOT new.organization_id OR old.deleted IS NOT new.deleted
    OR old.closed IS NOT new.closed OR old.amount IS NOT new.amount BEGIN
  UPDATE organization SET
    open_deal_count = (SELECT count(*) FROM deal d
                        WHERE d.organization_id = organization.id AND d.deleted = 0 AND d.closed = 0),
    open_deal_value = (SELECT coalesce (sum (d.amount), 0) FROM deal d
                        WHERE d.organization_id = organization.id AND d.deleted = 0 AND d.closed = 0)
   WHERE id IN (old.organization_id, new.organization_id);
END;
CREATE TRIGGER deal_open_ad AFTER DELETE ON deal
  WHEN old.organization_id IS NOT NULL BEGIN
  UPDATE organization SET
    open_deal_count = (SELECT count(*) FROM deal d
                        WHERE d.organization_id = organization.id AND d.deleted = 0 AND d.closed = 0),
    open_deal_value = (SELECT coalesce (sum (d.amount), 0) FROM deal d
                        WHERE d.organization_id = organization.id AND d.deleted = 0 AND d.closed = 0)
   WHERE id = old.organization_id;
END;

-- The sort orders of the people list beyond the name.
CREATE INDEX person_total_spend ON person (deleted, total_spend, id);
CREATE INDEX person_last_purchase ON person (deleted, last_purchase, id);
CREATE INDEX person_rfm_score ON person (deleted, rfm_score, id);
CREATE INDEX person_city ON person (deleted, city, id);

CREATE TABLE import_batch (
  id           INTEGER PRIMARY KEY,
  created      INTEGER NOT NULL,
  updated      INTEGER NOT NULL,
  deleted      INTEGER NOT NULL DEFAULT 0,
  file_name    TEXT NOT NULL DEFAULT '',
  format       TEXT NOT NULL DEFAULT 'csv',     -- key: csv | vcard
  target       TEXT NOT NULL DEFAULT 'person',  -- key: person | organization
  n_imported   INTEGER NOT NULL DEFAULT 0,
  n_updated    INTEGER NOT NULL DEFAULT 0,
  n_skipped    INTEGER NOT NULL DEFAULT 0,
  n_rejected   INTEGER NOT NULL DEFAULT 0,
  report       TEXT NOT NULL DEFAULT '[]',      -- JSON: [{"line": N, "reason": "key"}]
  undone       INTEGER NOT NULL DEFAULT 0       -- when it was undone, 0 while it stands
);

CREATE TABLE import_change (
  id           INTEGER PRIMARY KEY,
  batch_id     INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
  record_kind  TEXT NOT NULL,                   -- key: person | organization | affiliation
  record_id    INTEGER NOT NULL,
  action       TEXT NOT NULL,                   -- key: insert | update
  before       TEXT NOT NULL DEFAULT '{}'       -- JSON of the changed columns' old values
);
CREATE INDEX import_change_batch ON import_change (batch_id);

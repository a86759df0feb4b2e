-- Rapport schema, version 2: the search index.
--
-- Every live (not trashed) person, organization, deal and ticket has one row
-- in search_key holding its folded key: lower case, no diacritics, Han kept,
-- with the pinyin of Han names (syllables, joined, initials) and the digits of
-- phone numbers (see src/search/crm-search-fold.c).  Two indexes read it:
--   * search_fts, an FTS5 trigram index: substrings of 3 characters or more;
--   * search_term, a B-tree of exact terms (words, email parts and every 1- and
--     2-character Han gram): word prefixes and the short Han queries that the
--     trigram index cannot answer (it returns nothing under 3 characters).
--
-- The index is kept current by triggers, so every write path (the store's
-- jobs, imports, merges, the demo generator, undo) keeps it right without
-- having to remember it.  The triggers call functions that Rapport registers on
-- each connection it opens (crm_search_key, crm_search_pinyin,
-- crm_search_digits, crm_search_terms); a connection without them can read
-- but cannot write these four tables.  This migration only creates the tables
-- and marks the index stale: the store fills it right after migrating.

-- doc = (kind << 40) + n, so that each kind is one rowid range of search_fts.
CREATE TABLE search_key (
  doc        INTEGER PRIMARY KEY,
  kind       INTEGER NOT NULL,                -- 1 person, 2 organization, 3 deal, 4 ticket
  record_id  INTEGER NOT NULL,
  key        TEXT NOT NULL
);
CREATE UNIQUE INDEX search_key_record ON search_key (kind, record_id);

CREATE TABLE search_term (
  kind  INTEGER NOT NULL,
  term  TEXT NOT NULL,
  doc   INTEGER NOT NULL,
  PRIMARY KEY (kind, term, doc)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE search_fts USING fts5 (key, content='search_key', content_rowid='doc', tokenize='trigram');

CREATE TRIGGER search_key_ai AFTER INSERT ON search_key BEGIN
  INSERT INTO search_fts (rowid, key) VALUES (new.doc, new.key);
  INSERT OR IGNORE INTO search_term (kind, term, doc)
    SELECT new.kind, value, new.doc FROM json_each (crm_search_terms (new.key));
END;

CREATE TRIGGER search_key_ad AFTER DELETE ON search_key BEGIN
  INSERT INTO search_fts (search_fts, rowid, key) VALUES ('delete', old.doc, old.key);
  DELETE FROM search_term
   WHERE kind = old.kind AND doc = old.doc
     AND term IN (SELECT value FROM json_each (crm_search_terms (old.key)));
END;

-- What each kind contributes to its key.
CREATE VIEW search_source_person AS
  SELECT 1 AS kind, id AS record_id,
         crm_search_key (display_name, given_name, family_name, email,
                         crm_search_pinyin (display_name, family_name || given_name),
                         crm_search_digits (phone)) AS key
    FROM person WHERE deleted = 0;
CREATE VIEW search_source_organization AS
  SELECT 2 AS kind, id AS record_id,
         crm_search_key (name, email, crm_search_pinyin (name), crm_search_digits (phone)) AS key
    FROM organization WHERE deleted = 0;
CREATE VIEW search_source_deal AS
  SELECT 3 AS kind, id AS record_id, crm_search_key (name, crm_search_pinyin (name)) AS key
    FROM deal WHERE deleted = 0;
CREATE VIEW search_source_ticket AS
  SELECT 4 AS kind, id AS record_id, crm_search_key (subject, number) AS key
    FROM ticket WHERE deleted = 0;

-- Per kind: index a new row, re-index an edited or (un)trashed one, drop a
-- deleted one.  An edit that touches no searched column changes nothing.
CREATE TRIGGER person_search_ai AFTER INSERT ON person WHEN new.deleted = 0 BEGIN
  INSERT INTO search_key (doc, kind, record_id, key)
    SELECT (SELECT coalesce (max (doc), 1 << 40) + 1 FROM search_key WHERE doc > 1 << 40 AND doc < 2 << 40),
           kind, record_id, key
      FROM search_source_person WHERE record_id = new.id;
END;
CREATE TRIGGER person_search_au AFTER UPDATE ON person
  WHEN old.deleted IS NOT new.deleted OR old.display_name IS NOT new.display_name
    OR old.given_name IS NOT new.given_name OR old.family_name IS NOT new.family_name
    OR old.email IS NOT new.email OR old.phone IS NOT new.phone BEGIN
  DELETE FROM search_key WHERE kind = 1 AND record_id = old.id;
  INSERT INTO search_key (doc, kind, record_id, key)
    SELECT (SELECT coalesce (max (doc), 1 << 40) + 1 FROM search_key WHERE doc > 1 << 40 AND doc < 2 << 40),
           kind, record_id, key
      FROM search_source_person WHERE record_id = new.id;
END;
CREATE TRIGGER person_search_ad AFTER DELETE ON person BEGIN
  DELETE FROM search_key WHERE kind = 1 AND record_id = old.id;
END;

CREATE TRIGGER organization_search_ai AFTER INSERT ON organization WHEN new.deleted = 0 BEGIN
  INSERT INTO search_key (doc, kind, record_id, key)
    SELECT (SELECT coalesce (max (doc), 2 << 40) + 1 FROM search_key WHERE doc > 2 << 40 AND doc < 3 << 40),
           kind, record_id, key
      FROM search_source_organization WHERE record_id = new.id;
END;
CREATE TRIGGER organization_search_au AFTER UPDATE ON organization
  WHEN old.deleted IS NOT new.deleted OR old.name IS NOT new.name
    OR old.email IS NOT new.email OR old.phone IS NOT new.phone BEGIN
  DELETE FROM search_key WHERE kind = 2 AND record_id = old.id;
  INSERT INTO search_key (doc, kind, record_id, key)
    SELECT (SELECT coalesce (max (doc), 2 << 40) + 1 FROM search_key WHERE doc > 2 << 40 AND doc < 3 << 40),
           kind, record_id, key
      FROM search_source_organization WHERE record_id = new.id;
END;
CREATE TRIGGER organization_search_ad AFTER DELETE ON organization BEGIN
  DELETE FROM search_key WHERE kind = 2 AND record_id = old.id;
END;

CREATE TRIGGER deal_search_ai AFTER INSERT ON deal WHEN new.deleted = 0 BEGIN
  INSERT INTO search_key (doc, kind, record_id, key)
    SELECT (SELECT coalesce (max (doc), 3 << 40) + 1 FROM search_key WHERE doc > 3 << 40 AND doc < 4 << 40),
           kind, record_id, key
      FROM search_source_deal WHERE record_id = new.id;
END;
CREATE TRIGGER deal_search_au AFTER UPDATE ON deal
  WHEN old.deleted IS NOT new.deleted OR old.name IS NOT new.name BEGIN
  DELETE FROM search_key WHERE kind = 3 AND record_id = old.id;
  INSERT INTO search_key (doc, kind, record_id, key)
    SELECT (SELECT coalesce (max (doc), 3 << 40) + 1 FROM search_key WHERE doc > 3 << 40 AND doc < 4 << 40),
           kind, record_id, key
      FROM search_source_deal WHERE record_id = new.id;
END;
CREATE TRIGGER deal_search_ad AFTER DELETE ON deal BEGIN
  DELETE FROM search_key WHERE kind = 3 AND record_id = old.id;
END;

CREATE TRIGGER ticket_search_ai AFTER INSERT ON ticket WHEN new.deleted = 0 BEGIN
  INSERT INTO search_key (doc, kind, record_id, key)
    SELECT (SELECT coalesce (max (doc), 4 << 40) + 1 FROM search_key WHERE doc > 4 << 40 AND doc < 5 << 40),
           kind, record_id, key
      FROM search_source_ticket WHERE record_id = new.id;
END;
CREATE TRIGGER ticket_search_au AFTER UPDATE ON ticket
  WHEN old.deleted IS NOT new.deleted OR old.subject IS NOT new.subject
    OR old.number IS NOT new.number BEGIN
  DELETE FROM search_key WHERE kind = 4 AND record_id = old.id;
  INSERT INTO search_key (doc, kind, record_id, key)
    SELECT (SELECT coalesce (max (doc), 4 << 40) + 1 FROM search_key WHERE doc > 4 << 40 AND doc < 5 << 40),
           kind, record_id, key
      FROM search_source_ticket WHERE record_id = new.id;
END;
CREATE TRIGGER ticket_search_ad AFTER DELETE ON ticket BEGIN
  DELETE FROM search_key WHERE kind = 4 AND record_id = old.id;
END;

-- Filled by the store after this migration (crm-search-index.c).
INSERT OR REPLACE INTO meta (key, value) VALUES ('search-index', 'stale');

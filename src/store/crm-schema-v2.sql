-- Rapport schema, version 2: the search index.
--
-- Every live (not trashed) person, organization, deal and ticket has one row
-- in search_key holding its folded key: lower case, no diacritics, Han kept,
-- with the pinyin of Han names (syllables, joined, initials) and the digits of
-- phone numbers (see src/search/crm-search-fold.c).  Two indexes read it:
--   * search_fts, an FTS5 trigram index: substrings of 3 characters or more;
--   * search_fts_term, a B-tree of exact terms (words, email parts and every 1- and
--     2-character Han gram): word prefixes and the short Han queries that the
--     trigram index cannot answer (it returns nothing under 3 characters).
--
-- The index is kept current through search_dirty: plain-SQL triggers on the
-- four record tables queue every insert, searched-column edit, (un)trash and
-- delete, whoever writes (the store's jobs, imports, merges, undo, another
-- process); the store's worker folds the queue into the index before each
-- search (crm-search-index.c).  Folding needs ICU, so it cannot be SQL: the
-- functions crm_search_key, crm_search_pinyin, crm_search_digits and
-- crm_search_terms used by the views and the search_key triggers are
-- registered by Rapport on its own connection, the only one that writes the
-- index tables.  This migration creates the tables and marks the index stale:
-- the store fills it right after migrating.

-- doc = (kind << 40) + n, so that each kind is one rowid range of search_fts.
CREATE TABLE search_key (
  doc        INTEGER PRIMARY KEY,
  kind       INTEGER NOT NULL,                -- 1 person, 2 organization, 3 deal, 4 ticket
  record_id  INTEGER NOT NULL,
  key        TEXT NOT NULL
);
CREATE UNIQUE INDEX search_key_record ON search_key (kind, record_id);

-- Named like FTS5's own shadow tables: it is part of the full-text index, not
-- a record table.
CREATE TABLE search_fts_term (
  kind  INTEGER NOT NULL,
  term  TEXT NOT NULL,
  doc   INTEGER NOT NULL,
  PRIMARY KEY (kind, term, doc)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE search_fts USING fts5 (key, content='search_key', content_rowid='doc', tokenize='trigram');

CREATE TRIGGER search_key_ai AFTER INSERT ON search_key BEGIN
  INSERT INTO search_fts (rowid, key) VALUES (new.doc, new.key);
  INSERT OR IGNORE INTO search_fts_term (kind, term, doc)
    SELECT new.kind, value, new.doc FROM json_each (crm_search_terms (new.key));
END;

CREATE TRIGGER search_key_ad AFTER DELETE ON search_key BEGIN
  INSERT INTO search_fts (search_fts, rowid, key) VALUES ('delete', old.doc, old.key);
  DELETE FROM search_fts_term
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

-- Per kind: a new row, an edited or (un)trashed one and a deleted one are
-- queued in search_dirty; an edit that touches no searched column is not.
-- These triggers are plain SQL, so any connection may write records (another
-- Rapport process, rapport-cli, the sqlite3 shell); the store folds the queued
-- records into the index on its worker before the next search.
CREATE TABLE search_dirty (
  kind       INTEGER NOT NULL,
  record_id  INTEGER NOT NULL,
  UNIQUE (kind, record_id)
);

CREATE TRIGGER person_search_ai AFTER INSERT ON person WHEN new.deleted = 0 BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (1, new.id);
END;
CREATE TRIGGER person_search_au AFTER UPDATE ON person
  WHEN old.deleted IS NOT new.deleted OR old.display_name IS NOT new.display_name
    OR old.given_name IS NOT new.given_name OR old.family_name IS NOT new.family_name
    OR old.email IS NOT new.email OR old.phone IS NOT new.phone BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (1, new.id);
END;
CREATE TRIGGER person_search_ad AFTER DELETE ON person BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (1, old.id);
END;

CREATE TRIGGER organization_search_ai AFTER INSERT ON organization WHEN new.deleted = 0 BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (2, new.id);
END;
CREATE TRIGGER organization_search_au AFTER UPDATE ON organization
  WHEN old.deleted IS NOT new.deleted OR old.name IS NOT new.name
    OR old.email IS NOT new.email OR old.phone IS NOT new.phone BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (2, new.id);
END;
CREATE TRIGGER organization_search_ad AFTER DELETE ON organization BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (2, old.id);
END;

CREATE TRIGGER deal_search_ai AFTER INSERT ON deal WHEN new.deleted = 0 BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (3, new.id);
END;
CREATE TRIGGER deal_search_au AFTER UPDATE ON deal
  WHEN old.deleted IS NOT new.deleted OR old.name IS NOT new.name BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (3, new.id);
END;
CREATE TRIGGER deal_search_ad AFTER DELETE ON deal BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (3, old.id);
END;

CREATE TRIGGER ticket_search_ai AFTER INSERT ON ticket WHEN new.deleted = 0 BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (4, new.id);
END;
CREATE TRIGGER ticket_search_au AFTER UPDATE ON ticket
  WHEN old.deleted IS NOT new.deleted OR old.subject IS NOT new.subject
    OR old.number IS NOT new.number BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (4, new.id);
END;
CREATE TRIGGER ticket_search_ad AFTER DELETE ON ticket BEGIN
  INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (4, old.id);
END;

-- Filled by the store after this migration (crm-search-index.c).
INSERT OR REPLACE INTO meta (key, value) VALUES ('search-index', 'stale');

-- Rapport schema, version 5: the pairs the duplicate finder was told are not
-- duplicates.
--
-- Pairs of records the user said are not duplicates (the duplicate finder's
-- "Not Duplicates"), one row per two records with a_id < b_id; a cluster
-- whose every pair is here is left out of the next scan.  Earlier versions
-- kept them as JSON in meta ('dedupe-dismissed'): moved here.
CREATE TABLE dedupe_dismissed (
  id       INTEGER PRIMARY KEY,
  created  INTEGER NOT NULL,
  updated  INTEGER NOT NULL,
  deleted  INTEGER NOT NULL DEFAULT 0,
  kind     TEXT NOT NULL,                     -- key: person | organization
  a_id     INTEGER NOT NULL,
  b_id     INTEGER NOT NULL,
  UNIQUE (kind, a_id, b_id)
);

INSERT OR IGNORE INTO dedupe_dismissed (created, updated, kind, a_id, b_id)
  SELECT CAST (strftime ('%s', 'now') AS INTEGER), CAST (strftime ('%s', 'now') AS INTEGER),
         k.key,
         min (json_extract (p.value, '$[0]'), json_extract (p.value, '$[1]')),
         max (json_extract (p.value, '$[0]'), json_extract (p.value, '$[1]'))
    FROM meta m, json_each (m.value) k, json_each (k.value) p
   WHERE m.key = 'dedupe-dismissed' AND json_valid (m.value)
     AND k.key IN ('person', 'organization') AND k.type = 'array'
     AND p.type = 'array' AND json_array_length (p.value) = 2;
DELETE FROM meta WHERE key = 'dedupe-dismissed';

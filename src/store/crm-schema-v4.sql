-- Rapport schema, version 4: photos of people.
--
-- A photo is read only where it is shown (a person's page, a stakeholder map,
-- a vCard export), never with the rows of a list, so it lives in a table of
-- its own rather than as a column of person: a page of a million-row list
-- reads no image bytes.  One photo per person, at most 2 MiB (checked by the
-- writers: src/models/crm-person-photo.c, the importer), any image type the
-- desktop can show.  Soft-deleted people keep theirs; purging a person
-- removes it with them.

CREATE TABLE person_photo (
  person_id  INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
  updated    INTEGER NOT NULL,
  mime       TEXT NOT NULL DEFAULT '',   -- image/jpeg, image/png, ...
  data       BLOB NOT NULL
);

/* crm-import-worker.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmImport: the jobs on the store's worker thread.  One loop reads
 * the file row by row, turns each draft into the target's column values,
 * classifies it (within the file first, then against the database through
 * the person_email, person_phone and organization_sort indexes and the
 * affiliations of the organization) and, when writing, inserts or updates
 * with statements prepared once, in one bulk-mode transaction, recording
 * every change in import_change for undo.
 */

#define G_LOG_DOMAIN "CrmImport"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "crm-csv.h"
#include "crm-dedupe.h"
#include "crm-email.h"
#include "crm-import-private.h"
#include "crm-io-custom-private.h"
#include "crm-person-photo.h"
#include "crm-phone.h"
#include "crm-search-fold.h"
#include "crm-vcard.h"

#define MAX_COLUMNS CRM_IMPORT_MAX_COLUMNS
#define CANCEL_CHECK_ROWS 1024
#define PROGRESS_INTERVAL_US (100 * 1000)
/* Rows (estimated from the size of the file) from which the emails and
 * phone numbers of the database may be read at once: see load_keys(). */
#define KEYS_MIN_ROWS 10000

static const char *reason_keys[] = {
  NULL, "invalid-email", "invalid-phone", "no-name", "bad-encoding", "too-long",
  "malformed-row", "malformed-card", "invalid-value",
};

static const char *person_columns[] = {
  "given_name", "family_name", "display_name", "email", "phone", "birth_date", "gender",
  "language", "city", "region", "country", "address", "notes", NULL
};

static const char *org_columns[] = {
  "name", "industry", "size_band", "website", "email", "phone", "city", "region", "country",
  "address", "tier", "notes", NULL
};

const char *
_crm_import_reason_key (guint index)
{
  return index < G_N_ELEMENTS (reason_keys) ? reason_keys[index] : NULL;
}

const char * const *
_crm_import_target_columns (CrmImportTarget target)
{
  return target == CRM_IMPORT_TARGET_ORGANIZATION ? org_columns : person_columns;
}

void
_crm_import_plan_clear (gpointer data)
{
  CrmImportPlan *plan = data;

  g_clear_pointer (&plan->summary, g_free);
}

void
_crm_import_progress_clear (gpointer data)
{
  CrmImportProgress *progress = data;

  g_weak_ref_clear (&progress->import);
  g_main_context_unref (progress->context);
}

void
_crm_import_job_free (gpointer data)
{
  CrmImportJob *job = data;

  g_free (job->path);
  g_free (job->file_name);
  g_clear_pointer (&job->mapping, crm_csv_mapping_free);
  g_clear_pointer (&job->plans, g_array_unref);
  g_clear_pointer (&job->out_plans, g_array_unref);
  g_clear_pointer (&job->out_mapping, crm_csv_mapping_free);
  g_clear_pointer (&job->samples, g_ptr_array_unref);
  g_clear_pointer (&job->rejections, g_array_unref);
  g_clear_pointer (&job->out_custom_labels, g_strfreev);
  if (job->progress != NULL)
    g_atomic_rc_box_release_full (job->progress, _crm_import_progress_clear);
  g_free (job);
}

/* --- progress --- */

typedef struct
{
  CrmImportProgress *progress;
  double             fraction;
} ProgressReport;

static gboolean
report_progress_cb (gpointer data)
{
  ProgressReport *report = data;
  g_autoptr(CrmImport) import = g_weak_ref_get (&report->progress->import);

  if (import != NULL)
    _crm_import_set_fraction (import, report->fraction);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer data)
{
  ProgressReport *report = data;

  g_atomic_rc_box_release_full (report->progress, _crm_import_progress_clear);
  g_free (report);
}

static void
report_progress (CrmImportProgress *progress,
                 double             fraction,
                 gboolean           force)
{
  gint64 now = g_get_monotonic_time ();
  ProgressReport *report;
  GSource *source;

  if (!force && now - progress->last_report < PROGRESS_INTERVAL_US)
    return;
  progress->last_report = now;
  report = g_new0 (ProgressReport, 1);
  report->progress = g_atomic_rc_box_acquire (progress);
  report->fraction = CLAMP (fraction, 0.0, 1.0);
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, report_progress_cb, report, report_free);
  g_source_set_static_name (source, "[rapport] import progress");
  g_source_attach (source, progress->context);
  g_source_unref (source);
}

/* --- the pass --- */

typedef struct
{
  CrmStoreWorker  *worker;
  GTask           *task;
  CrmImportJob    *job;
  CrmImportTarget  target;
  const char * const *columns;
  guint            n_columns;
  char            *region;
  gint64           now;
  gint64           batch_id;

  CrmImportKeys   *seen;        /* 64-bit key hashes of earlier rows */
  CrmImportKeys   *emails;      /* people in the database: email hash → id; may be NULL */
  CrmImportKeys   *phones;      /* phone hash → id; NULL with emails */
  GHashTable      *orgs;        /* name as written → gint64* id (0: none) */
  GHashTable      *org_people;  /* gint64* org id → GHashTable name key → gint64* person */
  GPtrArray       *custom;      /* CrmIoCustomField of the target */
  GHashTable      *sort_keys;   /* text with non-ASCII → its sort key (a bounded cache) */

  sqlite3_stmt    *by_email;
  sqlite3_stmt    *by_phone;
  sqlite3_stmt    *by_email_key;
  sqlite3_stmt    *by_phone_key;
  sqlite3_stmt    *org_by_key;
  sqlite3_stmt    *org_members;
  sqlite3_stmt    *read_row;
  sqlite3_stmt    *insert_row;
  sqlite3_stmt    *insert_org;
  sqlite3_stmt    *insert_affiliation;
  sqlite3_stmt    *has_affiliation;
  sqlite3_stmt    *queue_search;
  CrmImportPending *persons;      /* new people (write, person target) */
  CrmImportPending *changes;      /* import_change rows (write) */
  CrmImportPending *affiliations; /* new people's affiliations (write) */
  CrmImportTags    *tags;         /* the rows' tags (write) */

  /* The search triggers are set aside for the write transaction: see
   * quiet_triggers(). */
  gboolean         quiet;

  GArray          *plans;       /* out (read) */
  guint            plan_index;  /* run with a preview: next plan */
} Pass;

static void
pass_clear (Pass *pass)
{
  g_free (pass->region);
  g_clear_pointer (&pass->tags, _crm_import_tags_free);
  g_clear_pointer (&pass->persons, _crm_import_pending_free);
  g_clear_pointer (&pass->changes, _crm_import_pending_free);
  g_clear_pointer (&pass->affiliations, _crm_import_pending_free);
  g_clear_pointer (&pass->seen, _crm_import_keys_free);
  g_clear_pointer (&pass->emails, _crm_import_keys_free);
  g_clear_pointer (&pass->phones, _crm_import_keys_free);
  g_clear_pointer (&pass->orgs, g_hash_table_unref);
  g_clear_pointer (&pass->org_people, g_hash_table_unref);
  g_clear_pointer (&pass->custom, g_ptr_array_unref);
  g_clear_pointer (&pass->sort_keys, g_hash_table_unref);
}

static sqlite3 *
pass_db (Pass *pass)
{
  return _crm_store_worker_get_db (pass->worker);
}

/* transfer full */
static char *
sort_key (Pass       *pass,
          const char *text)
{
  return _crm_import_sort_key (&pass->sort_keys, text);
}

static gboolean
step_error (Pass          *pass,
            sqlite3_stmt  *stmt,
            int            rc,
            GError       **error)
{
  _crm_store_set_error (error, pass_db (pass), rc, "import");
  sqlite3_reset (stmt);
  return FALSE;
}

/* Runs @stmt, which selects one id; 0 when there is no row.  (The lookups
 * write "+deleted" so that the planner, without statistics, does not pick an
 * index on deleted over the email or phone index.) */
static gboolean
select_id (Pass          *pass,
           sqlite3_stmt  *stmt,
           gint64        *id,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return step_error (pass, stmt, rc, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Writes the new people that wait: before anything reads the person table. */
static gboolean
flush_persons (Pass     *pass,
               GError  **error)
{
  return pass->persons == NULL || _crm_import_pending_flush (pass->persons, TRUE, error);
}

/* Writes the new people, their affiliations and the new records' tags
 * that wait: before anything reads those tables.  (The import_change rows
 * wait until the end: only undo reads them.) */
static gboolean
flush_pending (Pass     *pass,
               GError  **error)
{
  return pass->changes == NULL ||
         (flush_persons (pass, error) &&
          _crm_import_pending_flush (pass->affiliations, TRUE, error) &&
          _crm_import_tags_flush (pass->tags, error));
}

/* Organizations by name as written (the cache spares computing the sort
 * key of the same name on every row), then by sort key in the database. */
static gboolean
find_org (Pass        *pass,
          const char  *name,
          gint64      *org_id,
          GError     **error)
{
  gint64 *cached = g_hash_table_lookup (pass->orgs, name);
  g_autofree char *key = NULL;

  if (cached != NULL)
    {
      *org_id = *cached;
      return TRUE;
    }
  key = sort_key (pass, name);
  sqlite3_bind_text (pass->org_by_key, 1, key, -1, SQLITE_STATIC);
  if (!select_id (pass, pass->org_by_key, org_id, error))
    return FALSE;
  g_hash_table_insert (pass->orgs, g_strdup (name), g_memdup2 (org_id, sizeof *org_id));
  return TRUE;
}

/* Name keys of the people at @org_id, loaded once per organization. */
static GHashTable *
org_people (Pass     *pass,
            gint64    org_id,
            GError  **error)
{
  GHashTable *people = g_hash_table_lookup (pass->org_people, &org_id);
  int rc;

  if (people != NULL)
    return people;
  if (!flush_pending (pass, error))
    return NULL;
  people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (pass->org_people, g_memdup2 (&org_id, sizeof org_id), people);
  sqlite3_bind_int64 (pass->org_members, 1, org_id);
  while ((rc = sqlite3_step (pass->org_members)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (pass->org_members, 0);
      g_auto(GStrv) keys = crm_dedupe_dup_name_keys (
        (const char *) sqlite3_column_text (pass->org_members, 1),
        (const char *) sqlite3_column_text (pass->org_members, 2),
        (const char *) sqlite3_column_text (pass->org_members, 3));

      for (guint i = 0; keys[i] != NULL; i++)
        if (!g_hash_table_contains (people, keys[i]))
          g_hash_table_insert (people, g_strdup (keys[i]), g_memdup2 (&id, sizeof id));
    }
  if (rc != SQLITE_DONE)
    {
      step_error (pass, pass->org_members, rc, error);
      return NULL;
    }
  sqlite3_reset (pass->org_members);
  return people;
}

/* Records the row's keys (see crm-import-rows.c) and tells whether an
 * earlier row of the file had one of them. */
static gboolean
seen_before (Pass         *pass,
             CrmImportItem *row)
{
  gboolean seen = FALSE;

  for (guint i = 0; i < row->n_keys; i++)
    if (!_crm_import_keys_add (pass->seen, row->keys[i], 1))
      seen = TRUE;
  return seen;
}

/* --- the people in the database by email and phone --- */

/* The keys of @sql's rows (id, value) into @keys.  The statements read
 * the covering person_email and person_phone indexes, much smaller than
 * the table: in the order of the values, then of ids, so the first person
 * with a key is the one the index lookup finds.  The indexes have the
 * people in the trash too: find_by() checks every candidate on its row
 * and asks the index when it is not alive. */
static gboolean
load_index_keys (Pass           *pass,
                 const char     *sql,
                 const char     *kind,
                 CrmImportKeys  *keys,
                 GError        **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (pass->worker, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    _crm_import_keys_add (keys, _crm_import_hash_key (kind, (const char *) sqlite3_column_text (stmt, 1),
                                                      NULL),
                          sqlite3_column_int64 (stmt, 0));
  if (rc != SQLITE_DONE)
    return step_error (pass, stmt, rc, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Past a sizeable share of the people in the database, looking up each
 * row's email and phone number in their indexes costs more than reading
 * every person's once into two sets of hashes: a row whose email or phone
 * hashes to none of them has no match, without asking the database. */
static gboolean
load_keys (Pass           *pass,
           CrmImportRows  *rows,
           GError        **error)
{
  guint64 estimated_rows = _crm_import_rows_get_size (rows) / 100;
  sqlite3_stmt *stmt;
  gint64 n_people = 0;

  if (pass->target != CRM_IMPORT_TARGET_PERSON || pass->job->plans != NULL ||
      estimated_rows < KEYS_MIN_ROWS)
    return TRUE;
  stmt = _crm_store_worker_prepare (pass->worker, "SELECT count(*) FROM person", error);
  if (stmt == NULL || !select_id (pass, stmt, &n_people, error))
    return FALSE;
  if (estimated_rows * 4 < (guint64) n_people)
    return TRUE;

  g_debug ("Reading the emails and phone numbers of %" G_GINT64_FORMAT " people at once",
           n_people);
  pass->emails = _crm_import_keys_new (n_people + estimated_rows);
  pass->phones = _crm_import_keys_new (n_people + estimated_rows);
  if (!load_index_keys (pass, "SELECT id, email FROM person WHERE email != ''", "E", pass->emails,
                        error) ||
      !load_index_keys (pass, "SELECT id, phone FROM person WHERE phone != ''", "P", pass->phones,
                        error))
    {
      g_clear_pointer (&pass->emails, _crm_import_keys_free);
      g_clear_pointer (&pass->phones, _crm_import_keys_free);
      return FALSE;
    }
  return TRUE;
}

/* The person whose email (@by_key: by_email_key) or phone number is @value:
 * through the hashes when loaded (a hash found is checked on the row: it
 * may be another value's, or the person's value may have changed), else
 * through the index. */
static gboolean
find_by (Pass           *pass,
         CrmImportKeys  *keys,
         const char     *kind,
         sqlite3_stmt   *by_index,
         sqlite3_stmt   *by_key,
         const char     *value,
         gint64         *id,
         GError        **error)
{
  gint64 candidate, same = 0;

  if (keys == NULL)
    {
      sqlite3_bind_text (by_index, 1, value, -1, SQLITE_STATIC);
      return flush_persons (pass, error) && select_id (pass, by_index, id, error);
    }
  candidate = _crm_import_keys_lookup (keys, _crm_import_hash_key (kind, value, NULL));
  *id = 0;
  if (candidate == 0)
    return TRUE;
  /* The candidate may be one of the people still waiting. */
  if (!flush_persons (pass, error))
    return FALSE;
  sqlite3_bind_int64 (by_key, 1, candidate);
  sqlite3_bind_text (by_key, 2, value, -1, SQLITE_STATIC);
  if (!select_id (pass, by_key, &same, error))
    return FALSE;
  if (same != 0)
    {
      *id = candidate;
      return TRUE;
    }
  sqlite3_bind_text (by_index, 1, value, -1, SQLITE_STATIC);
  return select_id (pass, by_index, id, error);
}

static gboolean
find_match (Pass             *pass,
            CrmImportValues  *values,
            GStrv             names,
            gint64           *id,
            GError          **error)
{
  *id = 0;
  if (pass->target == CRM_IMPORT_TARGET_ORGANIZATION)
    return find_org (pass, values->v[O_NAME], id, error);

  if (values->v[P_EMAIL][0] != '\0')
    {
      g_autofree char *normalized = NULL;
      g_autofree char *lower = NULL;
      const char *forms[] = { values->v[P_EMAIL], NULL, NULL };
      gboolean mixed = FALSE;

      /* Most addresses are lower case already: one form. */
      for (const char *p = values->v[P_EMAIL]; *p != '\0' && !mixed; p++)
        mixed = g_ascii_isupper (*p) || (guchar) *p >= 0x80;
      if (mixed)
        {
          forms[1] = normalized = crm_email_normalize (values->v[P_EMAIL], NULL);
          forms[2] = lower = g_utf8_strdown (values->v[P_EMAIL], -1);
        }

      /* As written, with the domain in lower case, all in lower case: one
       * index seek each, only for forms that differ (an IN list would build
       * a table per row). */
      for (guint i = 0; i < G_N_ELEMENTS (forms) && *id == 0; i++)
        {
          if (forms[i] == NULL || (i > 0 && g_strcmp0 (forms[i], forms[i - 1]) == 0) ||
              (i == 2 && g_strcmp0 (forms[2], forms[0]) == 0))
            continue;
          if (!find_by (pass, pass->emails, "E", pass->by_email, pass->by_email_key, forms[i],
                        id, error))
            return FALSE;
        }
      if (*id != 0)
        return TRUE;
    }
  if (values->v[P_PHONE][0] != '\0')
    {
      if (!find_by (pass, pass->phones, "P", pass->by_phone, pass->by_phone_key,
                    values->v[P_PHONE], id, error))
        return FALSE;
      if (*id != 0)
        return TRUE;
    }
  if (values->organization[0] != '\0')
    {
      gint64 org_id;
      GHashTable *people;

      if (!find_org (pass, values->organization, &org_id, error))
        return FALSE;
      if (org_id == 0)
        return TRUE;
      people = org_people (pass, org_id, error);
      if (people == NULL)
        return FALSE;
      for (guint i = 0; names != NULL && names[i] != NULL && *id == 0; i++)
        {
          gint64 *person = g_hash_table_lookup (people, names[i]);

          if (person != NULL)
            *id = *person;
        }
    }
  return TRUE;
}

static gboolean
same_value (Pass       *pass,
            guint       col,
            const char *a,
            const char *b)
{
  const char *name = pass->columns[col];

  if (g_str_equal (name, "email") || g_str_equal (name, "website"))
    return g_ascii_strcasecmp (a, b) == 0;
  return g_str_equal (a, b);
}

/* Reads the matched record's columns into @old (transfer full each) and
 * returns the mask of columns that both have and that differ. */
static gboolean
compare_record (Pass     *pass,
                gint64    id,
                CrmImportValues   *values,
                char    **old,
                guint32  *diff,
                gint64   *updated,
                GError  **error)
{
  int rc;

  *diff = 0;
  sqlite3_bind_int64 (pass->read_row, 1, id);
  rc = sqlite3_step (pass->read_row);
  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? (sqlite3_reset (pass->read_row), TRUE)
                             : step_error (pass, pass->read_row, rc, error);
  for (guint i = 0; i < pass->n_columns; i++)
    {
      const char *db = (const char *) sqlite3_column_text (pass->read_row, i);

      old[i] = g_strdup (db != NULL ? db : "");
      if ((values->provided & (1u << i)) && old[i][0] != '\0' &&
          !same_value (pass, i, old[i], values->v[i]))
        *diff |= 1u << i;
    }
  if (updated != NULL)
    *updated = sqlite3_column_int64 (pass->read_row, pass->n_columns);
  sqlite3_reset (pass->read_row);
  return TRUE;
}

static char *
make_summary (Pass   *pass,
              CrmImportValues *values)
{
  GString *s = g_string_new (NULL);
  const char *sep = "";

  if (pass->target == CRM_IMPORT_TARGET_ORGANIZATION)
    {
      g_string_append_printf (s, "%s\037", values->v[O_NAME]);
      for (guint i = 0; i < 3; i++)
        {
          const char *part = values->v[(guint[]) { O_WEBSITE, O_EMAIL, O_CITY }[i]];

          if (part[0] != '\0')
            {
              g_string_append_printf (s, "%s%s", sep, part);
              sep = " · ";
            }
        }
      return g_string_free (s, FALSE);
    }
  g_string_append_printf (s, "%s\037", values->v[P_DISPLAY]);
  for (guint i = 0; i < 3; i++)
    {
      const char *part = i == 0 ? values->v[P_EMAIL] : i == 1 ? values->v[P_PHONE]
                                                             : values->organization;

      if (part[0] != '\0')
        {
          g_string_append_printf (s, "%s%s", sep, part);
          sep = " · ";
        }
    }
  return g_string_free (s, FALSE);
}

/* --- the search index queue --- */

/* A trigger runs as a sub-program for every row it fires on: over a million
 * inserted people, queuing each for the search index costs a third of the
 * person insert.  When the search triggers of crm-schema-v2.sql are the only
 * triggers on the tables an import writes, the import switches triggers off
 * for its write transaction (a setting of its own connection, put back
 * after it; other connections keep theirs) and queues the same records
 * itself: the inserted ones in one statement at the end, the updated ones as
 * they are updated, when a searched column changed, as the triggers do.
 * Any other trigger, a later schema's or a temporary one, keeps them on. */
static gboolean
quiet_triggers (Pass     *pass,
                GError  **error)
{
  static const char * const search_triggers[] = {
    "person_search_ai", "person_search_au", "person_search_ad",
    "organization_search_ai", "organization_search_au", "organization_search_ad", NULL
  };
  sqlite3_stmt *stmt;
  int enabled = 0, rc;
  gboolean only_search = TRUE;

  if (sqlite3_db_config (pass_db (pass), SQLITE_DBCONFIG_ENABLE_TRIGGER, -1, &enabled) != SQLITE_OK ||
      !enabled)
    return TRUE;
  stmt = _crm_store_worker_prepare (pass->worker,
                                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                    "tbl_name IN ('person', 'organization', 'affiliation', "
                                    "'custom_value', 'import_batch', 'import_change', "
                                    "'person_photo', 'search_dirty', 'tag', 'record_tag') "
                                    "UNION ALL SELECT name FROM sqlite_temp_master "
                                    "WHERE type = 'trigger'", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && only_search)
    only_search = g_strv_contains (search_triggers, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return step_error (pass, stmt, rc, error);
  sqlite3_reset (stmt);
  if (!only_search)
    return TRUE;
  if (sqlite3_db_config (pass_db (pass), SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL) == SQLITE_OK)
    pass->quiet = TRUE;
  return TRUE;
}

/* What person_search_au and organization_search_au do, for an update that
 * set the columns in @set. */
static gboolean
queue_updated (Pass     *pass,
               gint64    id,
               guint32   set,
               GError  **error)
{
  guint32 searched = pass->target == CRM_IMPORT_TARGET_ORGANIZATION
                       ? (1u << O_NAME) | (1u << O_EMAIL) | (1u << O_PHONE)
                       : (1u << P_GIVEN) | (1u << P_FAMILY) | (1u << P_DISPLAY) |
                         (1u << P_EMAIL) | (1u << P_PHONE);
  int rc;

  if (!pass->quiet || (set & searched) == 0)
    return TRUE;
  sqlite3_bind_int (pass->queue_search, 1, pass->target == CRM_IMPORT_TARGET_ORGANIZATION ? 2 : 1);
  sqlite3_bind_int64 (pass->queue_search, 2, id);
  rc = sqlite3_step (pass->queue_search);
  if (rc != SQLITE_DONE)
    return step_error (pass, pass->queue_search, rc, error);
  sqlite3_reset (pass->queue_search);
  return TRUE;
}

/* What person_search_ai and organization_search_ai do, for every record the
 * import inserted (all of them alive), in one statement. */
static gboolean
queue_inserted (Pass     *pass,
                GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!pass->quiet)
    return TRUE;
  stmt = _crm_store_worker_prepare (pass->worker,
                                    "INSERT OR IGNORE INTO search_dirty (kind, record_id) "
                                    "SELECT CASE record_kind WHEN 'person' THEN 1 ELSE 2 END, "
                                    "record_id FROM import_change WHERE batch_id = ? "
                                    "AND action = 'insert' "
                                    "AND record_kind IN ('person', 'organization')", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pass->batch_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return step_error (pass, stmt, rc, error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* --- writing --- */

/* The import reads import_change only once it is done: the rows wait and
 * go in many at a time. */
static gboolean
record_change (Pass        *pass,
               const char  *kind,
               gint64       id,
               const char  *action,
               const char  *before,
               GError     **error)
{
  return _crm_import_pending_add_change (pass->changes, pass->batch_id, kind, id, action, before,
                                         error);
}

static gboolean
insert_org_named (Pass        *pass,
                  const char  *name,
                  gint64      *org_id,
                  GError     **error)
{
  g_autofree char *key = sort_key (pass, name);
  sqlite3_stmt *stmt = pass->insert_org;
  int rc;

  *org_id = _crm_store_worker_next_id (pass->worker);
  sqlite3_bind_int64 (stmt, 1, *org_id);
  sqlite3_bind_int64 (stmt, 2, pass->now);
  sqlite3_bind_int64 (stmt, 3, pass->now);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return step_error (pass, stmt, rc, error);
  sqlite3_reset (stmt);
  g_hash_table_insert (pass->orgs, g_strdup (name), g_memdup2 (org_id, sizeof *org_id));
  return record_change (pass, "organization", *org_id, "insert", NULL, error);
}

static gboolean
add_affiliation (Pass     *pass,
                 gint64    person_id,
                 CrmImportValues   *values,
                 gboolean  check,
                 GError  **error)
{
  gint64 org_id, id;
  int rc;

  if (values->organization[0] == '\0')
    return TRUE;
  if (!find_org (pass, values->organization, &org_id, error))
    return FALSE;
  if (org_id == 0 && !insert_org_named (pass, values->organization, &org_id, error))
    return FALSE;
  if (check)
    {
      gint64 existing;

      sqlite3_bind_int64 (pass->has_affiliation, 1, person_id);
      sqlite3_bind_int64 (pass->has_affiliation, 2, org_id);
      if (!select_id (pass, pass->has_affiliation, &existing, error))
        return FALSE;
      if (existing != 0)
        return TRUE;
    }
  id = _crm_store_worker_next_id (pass->worker);
  if (!check)
    {
      /* A new person's: nothing reads it before the import flushes. */
      CrmImportPending *p = pass->affiliations;

      _crm_import_pending_add_int (p, id);
      _crm_import_pending_add_int (p, pass->now);
      _crm_import_pending_add_int (p, pass->now);
      _crm_import_pending_add_int (p, person_id);
      _crm_import_pending_add_int (p, org_id);
      _crm_import_pending_add_text (p, values->title);
      _crm_import_pending_add_text (p, values->department);
      _crm_import_pending_add_int (p, TRUE);
      /* It goes with its person (ON DELETE CASCADE): not recorded. */
      return !_crm_import_pending_is_full (p) || _crm_import_pending_flush (p, FALSE, error);
    }
  sqlite3_bind_int64 (pass->insert_affiliation, 1, id);
  sqlite3_bind_int64 (pass->insert_affiliation, 2, pass->now);
  sqlite3_bind_int64 (pass->insert_affiliation, 3, pass->now);
  sqlite3_bind_int64 (pass->insert_affiliation, 4, person_id);
  sqlite3_bind_int64 (pass->insert_affiliation, 5, org_id);
  sqlite3_bind_text (pass->insert_affiliation, 6, values->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (pass->insert_affiliation, 7, values->department, -1, SQLITE_STATIC);
  sqlite3_bind_int (pass->insert_affiliation, 8, FALSE);
  rc = sqlite3_step (pass->insert_affiliation);
  if (rc != SQLITE_DONE)
    return step_error (pass, pass->insert_affiliation, rc, error);
  sqlite3_reset (pass->insert_affiliation);
  /* Only one added to an existing person is recorded. */
  return record_change (pass, "affiliation", id, "insert", NULL, error);
}

static gboolean import_photo (Pass             *pass,
                              gint64            id,
                              CrmImportValues  *values,
                              gboolean          existing,
                              gboolean         *added,
                              GError          **error);

static gboolean
insert_record (Pass          *pass,
               CrmImportItem  *row,
               GError       **error)
{
  CrmImportValues *values = &row->values;
  sqlite3_stmt *stmt = pass->insert_row;
  gint64 id = _crm_store_worker_next_id (pass->worker);
  g_autofree char *computed = NULL;
  const char *key = row->sort_key;
  int rc;

  /* Replaying a preview, a row it did not reject is written as it was read. */
  if (key == NULL)
    key = computed = sort_key (pass, values->v[pass->target == CRM_IMPORT_TARGET_ORGANIZATION
                                                 ? O_NAME : P_DISPLAY]);

  if (pass->persons != NULL)
    {
      /* Many at a time: nothing reads them before flush_persons(). */
      _crm_import_pending_add_int (pass->persons, id);
      _crm_import_pending_add_int (pass->persons, pass->now);
      _crm_import_pending_add_int (pass->persons, pass->now);
      _crm_import_pending_add_text (pass->persons, key);
      for (guint i = 0; i < pass->n_columns; i++)
        _crm_import_pending_add_text (pass->persons, values->v[i]);
      if (_crm_import_pending_is_full (pass->persons) &&
          !_crm_import_pending_flush (pass->persons, FALSE, error))
        return FALSE;
    }
  else
    {
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, pass->now);
      sqlite3_bind_int64 (stmt, 3, pass->now);
      sqlite3_bind_text (stmt, 4, key, -1, SQLITE_STATIC);
      for (guint i = 0; i < pass->n_columns; i++)
        {
          const char *value = values->v[i];

          /* An organization's tier has a default that "" is not. */
          if (pass->target == CRM_IMPORT_TARGET_ORGANIZATION && i == O_TIER && value[0] == '\0')
            value = "standard";
          sqlite3_bind_text (stmt, 5 + i, value, -1, SQLITE_STATIC);
        }
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        return step_error (pass, stmt, rc, error);
      sqlite3_reset (stmt);
    }

  if (values->draft != NULL && pass->custom->len > 0 &&
      !_crm_io_custom_values_insert (pass->worker, pass->custom, id, values->draft, pass->now, error))
    return FALSE;
  if (values->draft != NULL &&
      !_crm_import_tags_add_new (pass->tags, id, values->draft->tags, error))
    return FALSE;
  if (pass->target == CRM_IMPORT_TARGET_ORGANIZATION)
    {
      g_hash_table_insert (pass->orgs, g_strdup (values->v[O_NAME]), g_memdup2 (&id, sizeof id));
      return record_change (pass, "organization", id, "insert", NULL, error);
    }
  /* The database lookups would find this person from now on. */
  if (pass->emails != NULL && values->v[P_EMAIL][0] != '\0')
    _crm_import_keys_add (pass->emails, _crm_import_hash_key ("E", values->v[P_EMAIL], NULL), id);
  if (pass->phones != NULL && values->v[P_PHONE][0] != '\0')
    _crm_import_keys_add (pass->phones, _crm_import_hash_key ("P", values->v[P_PHONE], NULL), id);
  {
    gboolean added;

    return record_change (pass, "person", id, "insert", NULL, error) &&
           add_affiliation (pass, id, values, FALSE, error) &&
           import_photo (pass, id, values, FALSE, &added, error);
  }
}

/* The photo of a vCard (an image Rapport can keep) for person @id: a new
 * person's always; an existing person's only when they have none yet, and
 * then recorded, so that undoing the import removes it.  *@added tells
 * whether it was written. */
static gboolean
import_photo (Pass             *pass,
              gint64            id,
              CrmImportValues  *values,
              gboolean          existing,
              gboolean         *added,
              GError          **error)
{
  g_autofree char *mime = NULL;
  sqlite3_stmt *stmt;
  gconstpointer data;
  gsize size;
  int rc;

  *added = FALSE;
  if (pass->target != CRM_IMPORT_TARGET_PERSON || values->draft == NULL ||
      values->draft->photo == NULL || (mime = crm_person_photo_check (values->draft->photo, NULL)) == NULL)
    return TRUE;

  stmt = _crm_store_worker_prepare (pass->worker,
                                    "INSERT INTO person_photo (person_id, updated, mime, data) "
                                    "VALUES (?, ?, ?, ?) ON CONFLICT (person_id) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (values->draft->photo, &size);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, pass->now);
  sqlite3_bind_text (stmt, 3, mime, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 4, data, size, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return step_error (pass, stmt, rc, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  *added = sqlite3_changes (pass_db (pass)) > 0;
  /* A new person's photo goes with them (ON DELETE CASCADE). */
  if (!existing || !*added)
    return TRUE;
  return record_change (pass, "person_photo", id, "insert", NULL, error);
}

/* The custom values and tags of an existing record: values into fields it
 * has none for (or over differing ones when @overwrite), the tags it lacks;
 * each row written recorded for undo. */
static gboolean
update_extras (Pass                   *pass,
               gint64                  id,
               const CrmContactDraft  *draft,
               gboolean                overwrite,
               gboolean               *changed,
               GError                **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (CrmIoCustomChange));
  gboolean tagged;

  g_array_set_clear_func (values, _crm_io_custom_change_clear);
  *changed = FALSE;
  if (pass->custom->len > 0 &&
      !_crm_io_custom_values_update (pass->worker, pass->custom, id, draft, overwrite, pass->now,
                                     values, error))
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    {
      CrmIoCustomChange *change = &g_array_index (values, CrmIoCustomChange, i);

      if (!record_change (pass, "custom_value", change->value_id,
                          change->before != NULL ? "update" : "insert", change->before, error))
        return FALSE;
    }
  if (!_crm_import_tags_add_existing (pass->tags, id, draft->tags, &tagged, error))
    return FALSE;
  *changed = values->len > 0 || tagged;
  return TRUE;
}

/* Writes the file's values over the record's: all non-empty ones that
 * differ (a conflict) or only into empty columns (a match). */
static gboolean
update_record (Pass     *pass,
               gint64    id,
               CrmImportValues   *values,
               gboolean  overwrite,
               gboolean *changed,
               GError  **error)
{
  char *old[MAX_COLUMNS] = { NULL, };
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(JsonBuilder) before = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *before_text = NULL;
  g_autofree char *new_key = NULL;
  sqlite3_stmt *stmt = NULL;
  guint32 diff, set = 0;
  gint64 old_updated = 0;
  gboolean ok = FALSE;
  int param = 1, rc;
  const char *table = pass->target == CRM_IMPORT_TARGET_ORGANIZATION ? "organization" : "person";
  guint sort_source = pass->target == CRM_IMPORT_TARGET_ORGANIZATION ? O_NAME : P_DISPLAY;

  *changed = FALSE;
  /* What it reads and counts (the affiliations) has what waits. */
  if (!flush_pending (pass, error))
    goto out;
  if (!compare_record (pass, id, values, old, &diff, &old_updated, error))
    goto out;
  if (old[0] == NULL)
    {
      ok = TRUE;   /* gone since the preview: nothing to update */
      goto out;
    }
  for (guint i = 0; i < pass->n_columns; i++)
    if ((values->provided & (1u << i)) && !g_str_equal (old[i], values->v[i]) &&
        (overwrite || old[i][0] == '\0'))
      set |= 1u << i;
  /* A display name that was made from the given and family names follows
   * them when they change (and the file gave none of its own). */
  if (pass->target == CRM_IMPORT_TARGET_PERSON && !(values->provided & (1u << P_DISPLAY)) &&
      (set & ((1u << P_GIVEN) | (1u << P_FAMILY))))
    {
      g_autofree char *composed = _crm_import_compose_name (old[P_GIVEN], old[P_FAMILY]);

      if (g_str_equal (composed, old[P_DISPLAY]) && !g_str_equal (old[P_DISPLAY], values->v[P_DISPLAY]))
        set |= 1u << P_DISPLAY;
    }

  if (set != 0)
    {
      json_builder_begin_object (before);
      json_builder_set_member_name (before, "updated");
      json_builder_add_int_value (before, old_updated);
      g_string_append_printf (sql, "UPDATE %s SET updated = ?", table);
      for (guint i = 0; i < pass->n_columns; i++)
        if (set & (1u << i))
          {
            g_string_append_printf (sql, ", %s = ?", pass->columns[i]);
            json_builder_set_member_name (before, pass->columns[i]);
            json_builder_add_string_value (before, old[i]);
          }
      if (set & (1u << sort_source))
        {
          g_string_append (sql, ", sort_key = ?");
          new_key = sort_key (pass, values->v[sort_source]);
        }
      g_string_append (sql, " WHERE id = ?");
      json_builder_end_object (before);
      root = json_builder_get_root (before);
      before_text = json_to_string (root, FALSE);

      stmt = _crm_store_worker_prepare (pass->worker, sql->str, error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, param++, pass->now);
      for (guint i = 0; i < pass->n_columns; i++)
        if (set & (1u << i))
          sqlite3_bind_text (stmt, param++, values->v[i], -1, SQLITE_STATIC);
      if (new_key != NULL)
        sqlite3_bind_text (stmt, param++, new_key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, param, id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          step_error (pass, stmt, rc, error);
          goto out;
        }
      sqlite3_reset (stmt);
      if (!record_change (pass, table, id, "update", before_text, error) ||
          !queue_updated (pass, id, set, error))
        goto out;
      /* A person's new email or phone number would be missing from the
       * hashes of the database's: the indexes answer from now on. */
      if (pass->target == CRM_IMPORT_TARGET_PERSON && (set & ((1u << P_EMAIL) | (1u << P_PHONE))))
        {
          g_clear_pointer (&pass->emails, _crm_import_keys_free);
          g_clear_pointer (&pass->phones, _crm_import_keys_free);
        }
      *changed = TRUE;
    }
  if (values->draft != NULL)
    {
      gboolean extras_changed;

      if (!update_extras (pass, id, values->draft, overwrite, &extras_changed, error))
        goto out;
      *changed = *changed || extras_changed;
    }
  if (pass->target == CRM_IMPORT_TARGET_PERSON && values->organization[0] != '\0')
    {
      sqlite3_int64 before_changes = sqlite3_total_changes64 (pass_db (pass));

      if (!add_affiliation (pass, id, values, TRUE, error))
        goto out;
      if (sqlite3_total_changes64 (pass_db (pass)) != before_changes)
        *changed = TRUE;
    }
  ok = TRUE;

out:
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_free (old[i]);
  return ok;
}

/* --- preparing --- */

static gboolean
prepare_statements (Pass    *pass,
                    GError **error)
{
  g_autoptr(GString) cols = g_string_new (NULL);
  g_autoptr(GString) params = g_string_new (NULL);
  g_autofree char *read_sql = NULL;
  g_autofree char *insert_sql = NULL;
  const char *table = pass->target == CRM_IMPORT_TARGET_ORGANIZATION ? "organization" : "person";
  CrmStoreWorker *w = pass->worker;

  for (guint i = 0; i < pass->n_columns; i++)
    {
      g_string_append_printf (cols, "%s%s", i > 0 ? ", " : "", pass->columns[i]);
      g_string_append (params, ", ?");
    }
  /* The columns, then "updated" (undo puts it back too). */
  read_sql = g_strdup_printf ("SELECT %s, updated FROM %s WHERE id = ?", cols->str, table);
  insert_sql = g_strdup_printf ("INSERT OR FAIL INTO %s (id, created, updated, sort_key, %s) "
                                "VALUES (?, ?, ?, ?%s)", table, cols->str, params->str);

  /* Prepared once each; the worker's cache owns them.  The inserts say OR
   * FAIL: a failing row fails the whole import (rolled back) anyway, and
   * unlike the default ABORT it spares SQLite a statement journal per row
   * for the person table's triggers (a fifth of the import's CPU time). */
  return (pass->by_email = _crm_store_worker_prepare (w,
            "SELECT id FROM person WHERE email = ? AND email != '' "
            "AND +deleted = 0 LIMIT 1", error)) != NULL &&
         (pass->by_phone = _crm_store_worker_prepare (w,
            "SELECT id FROM person WHERE phone = ? AND phone != '' AND +deleted = 0 LIMIT 1",
            error)) != NULL &&
         (pass->by_email_key = _crm_store_worker_prepare (w,
            "SELECT id FROM person WHERE id = ? AND email = ? AND deleted = 0", error)) != NULL &&
         (pass->by_phone_key = _crm_store_worker_prepare (w,
            "SELECT id FROM person WHERE id = ? AND phone = ? AND deleted = 0", error)) != NULL &&
         (pass->org_by_key = _crm_store_worker_prepare (w,
            "SELECT id FROM organization WHERE deleted = 0 AND sort_key = ? ORDER BY id LIMIT 1",
            error)) != NULL &&
         (pass->org_members = _crm_store_worker_prepare (w,
            "SELECT p.id, p.given_name, p.family_name, p.display_name FROM affiliation a "
            "JOIN person p ON p.id = a.person_id "
            "WHERE a.organization_id = ? AND a.deleted = 0 AND p.deleted = 0 ORDER BY p.id",
            error)) != NULL &&
         (pass->read_row = _crm_store_worker_prepare (w, read_sql, error)) != NULL &&
         (!pass->job->write ||
          ((pass->insert_row = _crm_store_worker_prepare (w, insert_sql, error)) != NULL &&
           (pass->insert_org = _crm_store_worker_prepare (w,
              "INSERT OR FAIL INTO organization (id, created, updated, name, sort_key) "
              "VALUES (?, ?, ?, ?, ?)", error)) != NULL &&
           (pass->insert_affiliation = _crm_store_worker_prepare (w,
              "INSERT OR FAIL INTO affiliation (id, created, updated, person_id, organization_id, "
              "title, department, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)) != NULL &&
           (pass->has_affiliation = _crm_store_worker_prepare (w,
              "SELECT id FROM affiliation WHERE person_id = ? AND organization_id = ? "
              "AND deleted = 0 LIMIT 1", error)) != NULL &&
           (pass->queue_search = _crm_store_worker_prepare (w,
              "INSERT OR IGNORE INTO search_dirty (kind, record_id) VALUES (?, ?)",
              error)) != NULL));
}

/* "INSERT ... (columns) VALUES " of the person target, for pass->persons. */
static char *
person_insert_sql (Pass *pass)
{
  g_autoptr(GString) sql = g_string_new ("INSERT OR FAIL INTO person (id, created, updated, "
                                         "sort_key");

  for (guint i = 0; i < pass->n_columns; i++)
    g_string_append_printf (sql, ", %s", pass->columns[i]);
  g_string_append (sql, ") VALUES ");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* Organizations when the first row is one: a vCard of KIND org, or a row
 * with an organization and no person name (Rapport's organization export). */
static CrmImportTarget
guess_target (CrmImportJob          *job,
              const CrmContactDraft *draft)
{
  const char *kind;

  if (job->target_set || draft == NULL)
    return job->target;
  kind = g_hash_table_lookup (draft->extra, "KIND");
  if (kind != NULL && (g_ascii_strcasecmp (kind, "org") == 0 ||
                       g_ascii_strcasecmp (kind, "organization") == 0))
    return CRM_IMPORT_TARGET_ORGANIZATION;
  if (draft->organization[0] != '\0' && draft->given_name[0] == '\0' &&
      draft->family_name[0] == '\0' && draft->display_name[0] == '\0')
    return CRM_IMPORT_TARGET_ORGANIZATION;
  return CRM_IMPORT_TARGET_PERSON;
}

static void
set_target (Pass            *pass,
            CrmImportTarget  target)
{
  pass->target = target;
  pass->columns = _crm_import_target_columns (target);
  pass->n_columns = g_strv_length ((char **) pass->columns);
}

/* --- one row --- */

static CrmImportDecision
decide (Pass          *pass,
        CrmImportPlan *plan)
{
  CrmImportDecision decision;

  if (plan->status == CRM_IMPORT_STATUS_REJECTED)
    return CRM_IMPORT_DECISION_SKIP;
  decision = plan->decision >= 0 ? plan->decision : pass->job->decisions[plan->status];
  if (decision == CRM_IMPORT_DECISION_UPDATE &&
      (plan->status == CRM_IMPORT_STATUS_NEW || plan->status == CRM_IMPORT_STATUS_DUPLICATE))
    decision = plan->status == CRM_IMPORT_STATUS_NEW ? CRM_IMPORT_DECISION_CREATE
                                                     : CRM_IMPORT_DECISION_SKIP;
  return decision;
}

static void
add_rejection (Pass  *pass,
               guint  line,
               guint  reason)
{
  CrmImportRejection rejection = { line, reason_keys[reason] };

  g_array_append_val (pass->job->rejections, rejection);
}

static gboolean
classify (Pass           *pass,
          CrmImportItem   *row,
          CrmImportPlan  *plan,
          GError        **error)
{
  CrmImportValues *values = &row->values;
  guint reason = row->reason;

  plan->line = row->line;
  plan->decision = -1;
  plan->has_draft = TRUE;
  if (row->draft != NULL)
    {
      reason = reason != R_NONE ? reason : values->reason;
      if (reason == R_NONE && pass->custom->len > 0 &&
          !_crm_io_custom_check (pass->custom, row->draft))
        reason = R_INVALID_VALUE;
    }
  if (reason != R_NONE)
    {
      plan->status = CRM_IMPORT_STATUS_REJECTED;
      plan->reason = reason;
      return TRUE;
    }
  if (seen_before (pass, row))
    {
      plan->status = CRM_IMPORT_STATUS_DUPLICATE;
      return TRUE;
    }
  if (!find_match (pass, values, row->names, &plan->matched_id, error))
    return FALSE;
  plan->status = CRM_IMPORT_STATUS_NEW;
  if (plan->matched_id != 0)
    {
      char *old[MAX_COLUMNS] = { NULL, };
      gboolean ok = flush_persons (pass, error) &&
                    compare_record (pass, plan->matched_id, values, old, &plan->diff, NULL,
                                    error);
      guint32 custom_diff = 0;

      for (guint i = 0; i < MAX_COLUMNS; i++)
        g_free (old[i]);
      /* Custom values that differ make a conflict too (the first 16
       * fields: the upper half of the mask, see crm_import_row_get_differing()). */
      ok = ok && (pass->custom->len == 0 || row->draft == NULL ||
                  _crm_io_custom_values_diff (pass->worker, pass->custom, plan->matched_id,
                                              row->draft, &custom_diff, error));
      if (!ok)
        return FALSE;
      plan->diff |= (custom_diff & 0xffff) << CRM_IMPORT_CUSTOM_DIFF_SHIFT;
      plan->status = plan->diff != 0 ? CRM_IMPORT_STATUS_CONFLICT : CRM_IMPORT_STATUS_MATCH;
    }
  return TRUE;
}

static gboolean
apply (Pass           *pass,
       CrmImportPlan  *plan,
       CrmImportItem   *row,
       GError        **error)
{
  CrmImportJob *job = pass->job;
  gboolean changed;

  switch (decide (pass, plan))
    {
    case CRM_IMPORT_DECISION_CREATE:
      if (!insert_record (pass, row, error))
        return FALSE;
      job->n_imported++;
      return TRUE;
    case CRM_IMPORT_DECISION_UPDATE:
      if (!update_record (pass, plan->matched_id, &row->values,
                          plan->status == CRM_IMPORT_STATUS_CONFLICT, &changed, error))
        return FALSE;
      {
        gboolean photo_added;

        if (!import_photo (pass, plan->matched_id, &row->values, TRUE, &photo_added, error))
          return FALSE;
        changed = changed || photo_added;
      }
      if (changed)
        job->n_updated++;
      else
        job->n_skipped++;
      return TRUE;
    case CRM_IMPORT_DECISION_SKIP:
    default:
      if (plan->status != CRM_IMPORT_STATUS_REJECTED)
        job->n_skipped++;
      return TRUE;
    }
}

static gboolean
handle_row (Pass          *pass,
            CrmImportItem  *row,
            GError       **error)
{
  CrmImportJob *job = pass->job;
  CrmImportPlan fresh = { 0, };
  CrmImportPlan *plan = &fresh;

  if (job->write && job->plans != NULL)
    {
      /* Replaying the preview: the same rows, with its decisions. */
      while (pass->plan_index < job->plans->len &&
             !g_array_index (job->plans, CrmImportPlan, pass->plan_index).has_draft)
        pass->plan_index++;
      if (pass->plan_index >= job->plans->len ||
          g_array_index (job->plans, CrmImportPlan, pass->plan_index).line != row->line)
        {
          g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_CHANGED,
                       _("“%s” changed since it was read. Read it again before importing."),
                       job->file_name);
          return FALSE;
        }
      plan = &g_array_index (job->plans, CrmImportPlan, pass->plan_index++);
    }
  else if (!classify (pass, row, plan, error))
    return FALSE;

  job->counts[plan->status]++;
  if (plan->status == CRM_IMPORT_STATUS_REJECTED)
    add_rejection (pass, row->line, plan->reason);

  if (job->write)
    return apply (pass, plan, row, error);
  if (pass->plans->len < CRM_IMPORT_SUMMARY_ROWS && row->draft != NULL)
    plan->summary = make_summary (pass, &row->values);
  g_array_append_val (pass->plans, *plan);
  return TRUE;
}

/* --- the job --- */

static gboolean
begin_batch (Pass     *pass,
             GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  pass->batch_id = _crm_store_worker_next_id (pass->worker);
  stmt = _crm_store_worker_prepare (pass->worker,
                                    "INSERT INTO import_batch (id, created, updated, file_name, "
                                    "format, target) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pass->batch_id);
  sqlite3_bind_int64 (stmt, 2, pass->now);
  sqlite3_bind_int64 (stmt, 3, pass->now);
  sqlite3_bind_text (stmt, 4, pass->job->file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, pass->job->format == CRM_IMPORT_FORMAT_VCARD ? "vcard" : "csv",
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, pass->target == CRM_IMPORT_TARGET_ORGANIZATION ? "organization"
                                                                              : "person",
                     -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return step_error (pass, stmt, rc, error);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
end_batch (Pass     *pass,
           GError  **error)
{
  CrmImportJob *job = pass->job;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *report = NULL;
  sqlite3_stmt *stmt;
  int rc;

  json_builder_begin_array (builder);
  for (guint i = 0; i < job->rejections->len; i++)
    {
      CrmImportRejection *r = &g_array_index (job->rejections, CrmImportRejection, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, r->line);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, r->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  report = json_to_string (root, FALSE);

  stmt = _crm_store_worker_prepare (pass->worker,
                                    "UPDATE import_batch SET n_imported = ?, n_updated = ?, "
                                    "n_skipped = ?, n_rejected = ?, report = ? WHERE id = ?",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->n_imported);
  sqlite3_bind_int64 (stmt, 2, job->n_updated);
  sqlite3_bind_int64 (stmt, 3, job->n_skipped);
  sqlite3_bind_int64 (stmt, 4, job->rejections->len);
  sqlite3_bind_text (stmt, 5, report, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, pass->batch_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    return step_error (pass, stmt, rc, error);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
read_all (Pass           *pass,
          CrmImportRows  *rows,
          GCancellable   *cancellable,
          GError        **error)
{
  CrmImportJob *job = pass->job;
  CrmImportItem *row;
  guint n_rows = 0;
  GError *local_error = NULL;

  /* The first row decides the target of a vCard file. */
  set_target (pass, guess_target (job, _crm_import_rows_get_first (rows)));
  job->out_target = pass->target;
  pass->custom = _crm_io_custom_fields_load (pass->worker,
                                             pass->target == CRM_IMPORT_TARGET_ORGANIZATION
                                               ? "organization" : "person", error);
  if (pass->custom == NULL || !prepare_statements (pass, error))
    return FALSE;
  if (!job->write)
    {
      g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

      for (guint i = 0; i < pass->custom->len; i++)
        g_strv_builder_add (labels, ((CrmIoCustomField *) pass->custom->pdata[i])->label);
      g_clear_pointer (&job->out_custom_labels, g_strfreev);
      job->out_custom_labels = g_strv_builder_end (labels);
    }
  if (job->write && (!begin_batch (pass, error) || !quiet_triggers (pass, error)))
    return FALSE;
  if (job->write)
    {
      pass->changes = _crm_import_pending_new (pass->worker,
                                               "INSERT OR FAIL INTO import_change (batch_id, "
                                               "record_kind, record_id, action, before) VALUES ",
                                               5);
      pass->tags = _crm_import_tags_new (pass->worker,
                                         pass->target == CRM_IMPORT_TARGET_ORGANIZATION
                                           ? "organization" : "person",
                                         pass->now, pass->batch_id, pass->changes);
      pass->affiliations = _crm_import_pending_new (pass->worker,
                                                    "INSERT OR FAIL INTO affiliation (id, created, "
                                                    "updated, person_id, organization_id, title, "
                                                    "department, is_primary) VALUES ", 8);
    }

  /* An email, a phone number and a name at an organization per row, of
   * about 100 bytes. */
  pass->seen = _crm_import_keys_new (_crm_import_rows_get_size (rows) / 100 * 3);
  if (!load_keys (pass, rows, error))
    return FALSE;
  /* With the database's emails and phone numbers in hashes, or the
   * preview's plans to follow, a row rarely reads the person table: new
   * people go in many at a time. */
  if (job->write && pass->target == CRM_IMPORT_TARGET_PERSON &&
      (pass->emails != NULL || job->plans != NULL))
    {
      g_autofree char *insert = person_insert_sql (pass);

      pass->persons = _crm_import_pending_new (pass->worker, insert, 4 + pass->n_columns);
    }
  _crm_import_rows_start (rows, pass->target, pass->region);
  while ((row = _crm_import_rows_next (rows, &local_error)) != NULL)
    {
      if (!handle_row (pass, row, error))
        return FALSE;
      if (++n_rows % CANCEL_CHECK_ROWS == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          report_progress (job->progress, _crm_import_rows_get_fraction (rows), FALSE);
        }
    }
  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, local_error);
      else
        {
          if (g_error_matches (local_error, CRM_VCARD_ERROR, CRM_VCARD_ERROR_NOT_VCARD))
            g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_UNREADABLE,
                         _("“%s” holds no contact cards."), job->file_name);
          else
            g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_UNREADABLE,
                         _("Cannot read “%s”: %s"), job->file_name, local_error->message);
          g_error_free (local_error);
        }
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* Cards the vCard reader skipped. */
  _crm_import_rows_stop (rows);
  {
      g_autoptr(GPtrArray) rejections = _crm_import_rows_take_skipped_cards (rows);

      for (guint i = 0; rejections != NULL && i < rejections->len; i++)
        {
          CrmVcardRejection *r = rejections->pdata[i];
          CrmImportPlan plan = { 0, };

          plan.line = r->line;
          plan.status = CRM_IMPORT_STATUS_REJECTED;
          plan.reason = R_MALFORMED_CARD;
          plan.decision = -1;
          job->counts[plan.status]++;
          add_rejection (pass, r->line, R_MALFORMED_CARD);
          if (!job->write)
            g_array_append_val (pass->plans, plan);
        }
    }
  if (job->write && job->plans != NULL)
    {
      /* Rows the preview had after the last one read now. */
      while (pass->plan_index < job->plans->len &&
             !g_array_index (job->plans, CrmImportPlan, pass->plan_index).has_draft)
        pass->plan_index++;
      if (pass->plan_index != job->plans->len)
        {
          g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_CHANGED,
                       _("“%s” changed since it was read. Read it again before importing."),
                       job->file_name);
          return FALSE;
        }
    }
  if (n_rows == 0 && job->rejections->len == 0)
    {
      g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_UNREADABLE,
                   _("“%s” holds no rows."), job->file_name);
      return FALSE;
    }
  if (job->write)
    return flush_pending (pass, error) &&
           _crm_import_pending_flush (pass->changes, TRUE, error) &&
           queue_inserted (pass, error) && end_batch (pass, error);
  return TRUE;
}

/* PRAGMA @name, or @fallback when it cannot be read. */
static gint64
get_pragma (sqlite3    *db,
            const char *name,
            gint64      fallback)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", name);
  sqlite3_stmt *stmt = NULL;
  gint64 value = fallback;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
set_pragma (sqlite3    *db,
            const char *name,
            gint64      value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT, name, value);

  sqlite3_exec (db, sql, NULL, NULL, NULL);
}

void
_crm_import_read_job (CrmStoreWorker *worker,
                      GTask          *task,
                      gpointer        data)
{
  CrmImportJob *job = data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  CrmImportRows *rows;
  Pass pass = { 0, };
  GError *error = NULL;
  sqlite3 *db = _crm_store_worker_get_db (worker);
  gint64 cache_size = get_pragma (db, "cache_size", -8000);
  gboolean ok;

  pass.worker = worker;
  pass.task = task;
  pass.job = job;
  pass.region = crm_phone_dup_default_region ();
  pass.now = _crm_store_worker_now (worker);
  pass.orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pass.org_people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) g_hash_table_unref);
  job->rejections = g_array_new (FALSE, FALSE, sizeof (CrmImportRejection));
  if (!job->write)
    {
      pass.plans = g_array_new (FALSE, FALSE, sizeof (CrmImportPlan));
      g_array_set_clear_func (pass.plans, _crm_import_plan_clear);
      job->samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
    }

  rows = _crm_import_rows_open (job, job->samples, cancellable, &error);
  ok = rows != NULL;
  if (ok)
    {
      /* A big import writes more index pages than the usual cache holds; a
       * cache that holds them (1 GiB at most, used only as needed) keeps the
       * one transaction from spilling pages to the WAL and rewriting them. */
      set_pragma (db, "cache_size", -1024 * 1024);
      /* The import only inserts rows whose references it just checked or
       * made, and deletes nothing: the per-row foreign key lookups are
       * skipped for its transaction (the pragma only changes outside one). */
      if (job->write)
        sqlite3_exec (_crm_store_worker_get_db (worker), "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
      /* One read transaction for a preview; one write transaction for a run. */
      ok = _crm_store_worker_begin (worker, &error);
      if (ok && job->write)
        _crm_store_worker_set_bulk (worker, TRUE);
      ok = ok && read_all (&pass, rows, cancellable, &error);
      /* The reader stops here when the import failed or was cancelled. */
      _crm_import_rows_stop (rows);
      if (ok && job->write)
        ok = _crm_store_worker_commit (worker, &error);
      else
        _crm_store_worker_rollback (worker);
      if (!ok)
        _crm_store_worker_rollback (worker);
      if (pass.quiet)
        sqlite3_db_config (_crm_store_worker_get_db (worker), SQLITE_DBCONFIG_ENABLE_TRIGGER, 1,
                           NULL);
      set_pragma (db, "cache_size", cache_size);
      if (job->write)
        sqlite3_exec (_crm_store_worker_get_db (worker), "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    }

  if (ok)
    {
      job->out_mapping = _crm_import_rows_take_mapping (rows);
      job->out_plans = g_steal_pointer (&pass.plans);
      report_progress (job->progress, 1.0, TRUE);
      _crm_import_rows_free (rows);
      pass_clear (&pass);
      if (job->write)
        g_task_return_pointer (task, g_memdup2 (&pass.batch_id, sizeof pass.batch_id), g_free);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  g_clear_pointer (&pass.plans, g_array_unref);
  g_clear_pointer (&rows, _crm_import_rows_free);
  pass_clear (&pass);
  g_task_return_error (task, error);
}

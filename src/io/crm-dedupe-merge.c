/* crm-dedupe-merge.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the duplicate finder: merging records and undoing a merge.
 *
 * A merge runs in one transaction on the worker.  Every cell it changes is
 * first read and kept, with its table, row and column, in the undo record,
 * so that unmerging writes the old values back in reverse order and gives
 * exactly the previous state (timestamps included) without knowing what
 * the merge did.
 */

#define G_LOG_DOMAIN "CrmDedupe"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-dedupe.h"
#include "crm-search-fold.h"
#include "crm-store-private.h"

/* A column that points at a person or an organization.  @unique lists the
 * other columns that, with this one, may not repeat (a UNIQUE constraint, or
 * for affiliations one live row per person and organization): a loser's row
 * that would repeat the survivor's is trashed instead of moved. */
typedef struct
{
  const char *table;
  const char *column;
  const char *filter;        /* extra condition, or NULL */
  const char *unique[3];
  gboolean    live_only;     /* conflicts only with rows not in the trash */
} Reference;

static const Reference person_refs[] = {
  { "affiliation", "person_id", NULL, { "organization_id", NULL }, TRUE },
  { "reporting_line", "person_id", NULL, { "organization_id", "manager_id", NULL }, FALSE },
  { "reporting_line", "manager_id", NULL, { "organization_id", "person_id", NULL }, FALSE },
  { "influence_link", "from_person_id", NULL, { NULL }, FALSE },
  { "influence_link", "to_person_id", NULL, { NULL }, FALSE },
  { "map_position", "person_id", NULL, { "scope_kind", "scope_id", NULL }, FALSE },
  { "deal", "person_id", NULL, { NULL }, FALSE },
  { "deal_stakeholder", "person_id", NULL, { "deal_id", NULL }, FALSE },
  { "ticket", "person_id", NULL, { NULL }, FALSE },
  { "ticket_message", "person_id", NULL, { NULL }, FALSE },
  { "self_service_resolution", "person_id", NULL, { NULL }, FALSE },
  { "customer_order", "person_id", NULL, { NULL }, FALSE },
  { "campaign_member", "person_id", NULL, { "campaign_id", NULL }, FALSE },
  { "activity", "subject_id", "subject_kind = 'person'", { NULL }, FALSE },
  { "record_tag", "record_id", "record_kind = 'person'", { "tag_id", "record_kind", NULL }, FALSE },
  { "custom_value", "record_id", "field_id IN (SELECT id FROM custom_field WHERE target = 'person')",
    { "field_id", NULL }, FALSE },
};

static const Reference organization_refs[] = {
  { "affiliation", "organization_id", NULL, { "person_id", NULL }, TRUE },
  { "reporting_line", "organization_id", NULL, { "person_id", "manager_id", NULL }, FALSE },
  { "influence_link", "organization_id", NULL, { NULL }, FALSE },
  { "map_position", "scope_id", "scope_kind = 'organization'", { "scope_kind", "person_id", NULL }, FALSE },
  { "organization", "parent_id", NULL, { NULL }, FALSE },
  { "deal", "organization_id", NULL, { NULL }, FALSE },
  { "ticket", "organization_id", NULL, { NULL }, FALSE },
  { "customer_order", "organization_id", NULL, { NULL }, FALSE },
  { "activity", "subject_id", "subject_kind = 'organization'", { NULL }, FALSE },
  { "record_tag", "record_id", "record_kind = 'organization'", { "tag_id", "record_kind", NULL }, FALSE },
  { "custom_value", "record_id", "field_id IN (SELECT id FROM custom_field WHERE target = 'organization')",
    { "field_id", NULL }, FALSE },
};

/* Columns a merge never copies: the row's identity and bookkeeping, and the
 * figures that triggers or the store derive from other rows or columns. */
static const char * const derived_columns[] = {
  "id", "created", "updated", "deleted", "sort_key", "order_count", "total_spend",
  "last_purchase", "last_activity", "rfm_recency", "rfm_frequency", "rfm_monetary",
  "rfm_score", "open_deal_count", "open_deal_value", NULL
};

/* Affiliation fields a merged affiliation takes from the loser's when the
 * survivor's are empty. */
static const char *affiliation_fill[] = { "title", "department", "stakeholder_role", "started",
                                          "ended", "notes" };

typedef struct
{
  char   *column;
  gint64  source;
} FieldChoice;

typedef struct
{
  CrmDedupeKind    kind;
  gint64           survivor;
  GArray          *losers;      /* gint64 */
  GArray          *choices;     /* FieldChoice */
  GVariant        *undo;        /* for unmerge */

  /* worker state */
  CrmStoreWorker  *worker;
  gint64           now;
  GVariantBuilder *changes;     /* a(sxsv) */
  GHashTable      *touched;     /* "table:id" whose updated was saved */
} MergeData;

static void
merge_data_free (gpointer data)
{
  MergeData *m = data;

  g_array_unref (m->losers);
  if (m->choices != NULL)
    {
      for (guint i = 0; i < m->choices->len; i++)
        g_free (g_array_index (m->choices, FieldChoice, i).column);
      g_array_unref (m->choices);
    }
  g_clear_pointer (&m->undo, g_variant_unref);
  g_clear_pointer (&m->changes, g_variant_builder_unref);
  g_clear_pointer (&m->touched, g_hash_table_unref);
  g_free (m);
}

static const char *
kind_table (CrmDedupeKind kind)
{
  return kind == CRM_DEDUPE_KIND_ORGANIZATION ? "organization" : "person";
}

/* Table names are only ever ones of the references above. */
static gboolean
table_is_known (const char *table)
{
  if (g_str_equal (table, "person") || g_str_equal (table, "organization"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (person_refs); i++)
    if (g_str_equal (table, person_refs[i].table))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (organization_refs); i++)
    if (g_str_equal (table, organization_refs[i].table))
      return TRUE;
  return FALSE;
}

static gboolean
column_exists (CrmStoreWorker *worker,
               const char     *table,
               const char     *column)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
                                                  "SELECT 1 FROM pragma_table_info (?) WHERE name = ?",
                                                  NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static GVariant *
value_to_variant (sqlite3_value *value)
{
  switch (sqlite3_value_type (value))
    {
    case SQLITE_INTEGER:
      return g_variant_new_int64 (sqlite3_value_int64 (value));
    case SQLITE_FLOAT:
      return g_variant_new_double (sqlite3_value_double (value));
    case SQLITE_TEXT:
      return g_variant_new_string ((const char *) sqlite3_value_text (value));
    case SQLITE_BLOB:
      return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, sqlite3_value_blob (value),
                                        sqlite3_value_bytes (value), 1);
    default:
      return g_variant_new ("()");
    }
}

static void
bind_variant (sqlite3_stmt *stmt,
              int           index,
              GVariant     *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    sqlite3_bind_double (stmt, index, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    sqlite3_bind_text (stmt, index, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      gsize len;
      gconstpointer data = g_variant_get_fixed_array (value, &len, 1);

      sqlite3_bind_blob (stmt, index, data, len, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, index);
}

/* Sets one cell, keeping its old value (and, once per row, the old
 * "updated") in the undo record.  @value NULL means SQL NULL. */
static gboolean
set_cell (MergeData   *m,
          const char  *table,
          gint64       row,
          const char  *column,
          GVariant    *value,
          GError     **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", column, table);
  g_autofree char *update = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", table, column);
  g_autoptr(GVariant) owned = value != NULL ? g_variant_ref_sink (value) : NULL;
  sqlite3_stmt *stmt;
  char *row_key;
  int rc;

  stmt = _crm_store_worker_prepare (m->worker, select, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("The record to merge no longer exists."));
      return FALSE;
    }
  g_variant_builder_add (m->changes, "(sxsv)", table, row, column,
                         value_to_variant (sqlite3_column_value (stmt, 0)));
  sqlite3_reset (stmt);

  stmt = _crm_store_worker_prepare (m->worker, update, error);
  if (stmt == NULL)
    return FALSE;
  if (owned != NULL)
    bind_variant (stmt, 1, owned);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, row);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (m->worker), rc, "merge");
      return FALSE;
    }

  row_key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, row);
  if (g_hash_table_add (m->touched, row_key) && !g_str_equal (column, "updated"))
    return set_cell (m, table, row, "updated", g_variant_new_int64 (m->now), error);
  return TRUE;
}

/* The survivor's row that a loser's row (@row) would repeat, or 0. */
static gint64
find_conflict (MergeData        *m,
               const Reference  *ref,
               gint64            row,
               GError          **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gint64 conflict = 0;

  if (ref->unique[0] == NULL)
    return 0;
  g_string_append_printf (sql, "SELECT s.id FROM %s s, %s l WHERE l.id = ? AND s.%s = ? AND s.id != l.id",
                          ref->table, ref->table, ref->column);
  for (guint i = 0; i < G_N_ELEMENTS (ref->unique) && ref->unique[i] != NULL; i++)
    g_string_append_printf (sql, " AND s.%s IS l.%s", ref->unique[i], ref->unique[i]);
  if (ref->live_only)
    g_string_append (sql, " AND s.deleted = 0");
  g_string_append (sql, " LIMIT 1");

  stmt = _crm_store_worker_prepare (m->worker, sql->str, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, row);
  sqlite3_bind_int64 (stmt, 2, m->survivor);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    conflict = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return conflict;
}

/* A loser's affiliation with an organization the survivor already has is
 * folded into the survivor's: empty fields are filled, the loser's goes to
 * the trash. */
static gboolean
fill_affiliation (MergeData  *m,
                  gint64      into,
                  gint64      from,
                  GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (affiliation_fill); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT l.%s FROM affiliation s, affiliation l "
                                              "WHERE s.id = ? AND l.id = ? AND s.%s = '' AND l.%s != ''",
                                              affiliation_fill[i], affiliation_fill[i], affiliation_fill[i]);
      sqlite3_stmt *stmt = _crm_store_worker_prepare (m->worker, sql, error);
      GVariant *value = NULL;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, into);
      sqlite3_bind_int64 (stmt, 2, from);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = value_to_variant (sqlite3_column_value (stmt, 0));
      sqlite3_reset (stmt);
      if (value != NULL && !set_cell (m, "affiliation", into, affiliation_fill[i], value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
move_reference (MergeData        *m,
                const Reference  *ref,
                gint64            loser,
                GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, deleted FROM %s WHERE %s = ?%s%s ORDER BY id",
                                          ref->table, ref->column, ref->filter ? " AND " : "",
                                          ref->filter ? ref->filter : "");
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) deleted = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _crm_store_worker_prepare (m->worker, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, loser);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0), del = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (rows, id);
      g_array_append_val (deleted, del);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 row = g_array_index (rows, gint64, i);
      gint64 conflict = find_conflict (m, ref, row, error);

      if (conflict < 0)
        return FALSE;
      if (conflict == 0)
        {
          if (!set_cell (m, ref->table, row, ref->column, g_variant_new_int64 (m->survivor), error))
            return FALSE;
          continue;
        }
      /* The survivor already has this one: merge, do not duplicate. */
      if (g_str_equal (ref->table, "affiliation") && !fill_affiliation (m, conflict, row, error))
        return FALSE;
      if (g_array_index (deleted, gint64, i) == 0
          && !set_cell (m, ref->table, row, "deleted", g_variant_new_int64 (1), error))
        return FALSE;
    }
  return TRUE;
}

/* After the moves, a person may report to or influence themselves, and an
 * organization may be its own parent: those rows go. */
static gboolean
drop_self_links (MergeData  *m,
                 GError    **error)
{
  static const struct { const char *table, *sql; gboolean person; } loops[] = {
    { "reporting_line", "SELECT id FROM reporting_line WHERE person_id = ?1 AND manager_id = ?1 AND deleted = 0", TRUE },
    { "influence_link", "SELECT id FROM influence_link WHERE from_person_id = ?1 AND to_person_id = ?1 AND deleted = 0", TRUE },
    { "organization", "SELECT id FROM organization WHERE id = ?1 AND parent_id = ?1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (loops); i++)
    {
      g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
      sqlite3_stmt *stmt;

      if (loops[i].person != (m->kind == CRM_DEDUPE_KIND_PERSON))
        continue;
      stmt = _crm_store_worker_prepare (m->worker, loops[i].sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, m->survivor);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (rows, id);
        }
      sqlite3_reset (stmt);
      for (guint r = 0; r < rows->len; r++)
        {
          gint64 id = g_array_index (rows, gint64, r);
          gboolean ok = loops[i].person
            ? set_cell (m, loops[i].table, id, "deleted", g_variant_new_int64 (1), error)
            : set_cell (m, loops[i].table, id, "parent_id", NULL, error);

          if (!ok)
            return FALSE;
        }
    }
  return TRUE;
}

/* The survivor takes each chosen field from its source record. */
static gboolean
copy_fields (MergeData  *m,
             GError    **error)
{
  const char *table = kind_table (m->kind);

  for (guint i = 0; m->choices != NULL && i < m->choices->len; i++)
    {
      FieldChoice *choice = &g_array_index (m->choices, FieldChoice, i);
      g_autofree char *sql = NULL;
      gboolean is_loser = FALSE;
      sqlite3_stmt *stmt;
      GVariant *value = NULL;

      for (guint l = 0; l < m->losers->len; l++)
        is_loser |= g_array_index (m->losers, gint64, l) == choice->source;
      if (!is_loser && choice->source != m->survivor)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       _("A field was to be taken from a record that is not being merged."));
          return FALSE;
        }
      if (g_strv_contains (derived_columns, choice->column)
          || !column_exists (m->worker, table, choice->column))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       /* TRANSLATORS: %s is a field name such as "email" */
                       _("“%s” is not a field that can be merged."), choice->column);
          return FALSE;
        }
      if (choice->source == m->survivor)
        continue;

      sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", choice->column, table);
      stmt = _crm_store_worker_prepare (m->worker, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, choice->source);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = value_to_variant (sqlite3_column_value (stmt, 0));
      sqlite3_reset (stmt);
      if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UNIT))
        {
          g_variant_unref (g_variant_ref_sink (value));
          value = NULL;
          if (!set_cell (m, table, m->survivor, choice->column, NULL, error))
            return FALSE;
        }
      else if (value != NULL)
        {
          g_autofree char *sort_key = NULL;

          /* The list order follows the name, as when the record is saved. */
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
              && g_str_equal (choice->column,
                              m->kind == CRM_DEDUPE_KIND_PERSON ? "display_name" : "name"))
            sort_key = _crm_search_sort_key (g_variant_get_string (value, NULL));
          if (!set_cell (m, table, m->survivor, choice->column, value, error))
            return FALSE;
          if (sort_key != NULL
              && !set_cell (m, table, m->survivor, "sort_key", g_variant_new_string (sort_key), error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_records (MergeData  *m,
               GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM %s WHERE id = ?", kind_table (m->kind));

  for (guint i = 0; i <= m->losers->len; i++)
    {
      gint64 id = i == 0 ? m->survivor : g_array_index (m->losers, gint64, i - 1);
      sqlite3_stmt *stmt = _crm_store_worker_prepare (m->worker, sql, error);
      gboolean live;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      live = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == 0;
      sqlite3_reset (stmt);
      if (!live || (i > 0 && id == m->survivor))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                       _("A record to merge does not exist, is in the trash or is listed twice."));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
merge_all (MergeData  *m,
           GError    **error)
{
  const Reference *refs = m->kind == CRM_DEDUPE_KIND_PERSON ? person_refs : organization_refs;
  guint n_refs = m->kind == CRM_DEDUPE_KIND_PERSON ? G_N_ELEMENTS (person_refs) : G_N_ELEMENTS (organization_refs);

  if (!check_records (m, error) || !copy_fields (m, error))
    return FALSE;
  for (guint l = 0; l < m->losers->len; l++)
    {
      gint64 loser = g_array_index (m->losers, gint64, l);

      for (guint r = 0; r < n_refs; r++)
        if (!move_reference (m, &refs[r], loser, error))
          return FALSE;
      if (!set_cell (m, kind_table (m->kind), loser, "deleted", g_variant_new_int64 (1), error))
        return FALSE;
    }
  return drop_self_links (m, error);
}

static void
merge_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  MergeData *m = data;
  g_autoptr(GError) error = NULL;
  GVariant *undo;

  m->worker = worker;
  m->now = _crm_store_worker_now (worker);
  m->changes = g_variant_builder_new (G_VARIANT_TYPE ("a(sxsv)"));
  m->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!merge_all (m, &error) || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  undo = g_variant_new ("(sx@axa(sxsv))", kind_table (m->kind), m->survivor,
                        g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, m->losers->data,
                                                   m->losers->len, sizeof (gint64)),
                        m->changes);
  g_clear_pointer (&m->changes, g_variant_builder_unref);
  g_task_return_pointer (task, g_variant_ref_sink (undo), (GDestroyNotify) g_variant_unref);
}

void
crm_dedupe_merge_async (CrmStore            *store,
                        CrmDedupeKind        kind,
                        gint64               survivor_id,
                        const gint64        *loser_ids,
                        guint                n_losers,
                        GHashTable          *field_choices,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  MergeData *m;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (kind == CRM_DEDUPE_KIND_PERSON || kind == CRM_DEDUPE_KIND_ORGANIZATION);
  g_return_if_fail (loser_ids != NULL || n_losers == 0);

  /* The worker gets plain copies, never the caller's hash table. */
  m = g_new0 (MergeData, 1);
  m->kind = kind;
  m->survivor = survivor_id;
  m->losers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (m->losers, loser_ids, n_losers);
  m->choices = g_array_new (FALSE, FALSE, sizeof (FieldChoice));
  if (field_choices != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, field_choices);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          FieldChoice choice = { g_strdelimit (g_strdup (key), "-", '_'), *(gint64 *) value };

          g_array_append_val (m->choices, choice);
        }
    }

  _crm_store_run_async (store, merge_job, m, merge_data_free, crm_dedupe_merge_async,
                        "crm-dedupe-merge", cancellable, callback, user_data);
}

GVariant *
crm_dedupe_merge_finish (CrmStore      *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
unmerge_all (CrmStoreWorker  *worker,
             GVariant        *undo,
             GError         **error)
{
  g_autoptr(GVariant) changes = g_variant_get_child_value (undo, 3);
  gsize n = g_variant_n_children (changes);

  /* Backwards: each step restores a state that existed, so no UNIQUE
   * constraint can object. */
  for (gsize i = n; i > 0; i--)
    {
      g_autoptr(GVariant) value = NULL;
      g_autofree char *sql = NULL;
      const char *table, *column;
      sqlite3_stmt *stmt;
      gint64 row;
      int rc;

      g_variant_get_child (changes, i - 1, "(&sx&sv)", &table, &row, &column, &value);
      if (!table_is_known (table) || !column_exists (worker, table, column))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       _("The merge cannot be undone: its record is damaged."));
          return FALSE;
        }
      sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", table, column);
      stmt = _crm_store_worker_prepare (worker, sql, error);
      if (stmt == NULL)
        return FALSE;
      bind_variant (stmt, 1, value);
      sqlite3_bind_int64 (stmt, 2, row);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "unmerge");
          return FALSE;
        }
    }
  return TRUE;
}

static void
unmerge_job (CrmStoreWorker *worker,
             GTask          *task,
             gpointer        data)
{
  MergeData *m = data;
  g_autoptr(GError) error = NULL;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!unmerge_all (worker, m->undo, &error) || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
crm_dedupe_unmerge_async (CrmStore            *store,
                          GVariant            *undo,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  MergeData *m;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (undo != NULL && g_variant_is_of_type (undo, G_VARIANT_TYPE ("(sxaxa(sxsv))")));

  m = g_new0 (MergeData, 1);
  m->losers = g_array_new (FALSE, FALSE, sizeof (gint64));
  m->undo = g_variant_ref_sink (undo);
  _crm_store_run_async (store, unmerge_job, m, merge_data_free, crm_dedupe_unmerge_async,
                        "crm-dedupe-unmerge", cancellable, callback, user_data);
}

gboolean
crm_dedupe_unmerge_finish (CrmStore      *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- what a merge would move --- */

typedef struct
{
  CrmDedupeKind  kind;
  GArray        *ids;   /* gint64 */
} CountData;

static void
count_data_free (gpointer data)
{
  CountData *c = data;

  g_array_unref (c->ids);
  g_free (c);
}

static gboolean
count_reference (CrmStoreWorker   *worker,
                 const Reference  *ref,
                 GArray           *ids,
                 gint64           *count,
                 GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = ? AND deleted = 0%s%s",
                                          ref->table, ref->column, ref->filter ? " AND " : "",
                                          ref->filter ? ref->filter : "");

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        *count += sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static void
count_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  CountData *c = data;
  const Reference *refs = c->kind == CRM_DEDUPE_KIND_PERSON ? person_refs : organization_refs;
  guint n_refs = c->kind == CRM_DEDUPE_KIND_PERSON ? G_N_ELEMENTS (person_refs) : G_N_ELEMENTS (organization_refs);
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sx}"));
  for (guint r = 0; r < n_refs; r++)
    {
      gint64 count = 0;

      /* A table referenced twice (manager and report) is counted once. */
      if (r > 0 && g_str_equal (refs[r].table, refs[r - 1].table))
        continue;
      for (guint s = r; s < n_refs && g_str_equal (refs[s].table, refs[r].table); s++)
        if (!count_reference (worker, &refs[s], c->ids, &count, &error))
          {
            g_variant_builder_clear (&builder);
            g_task_return_error (task, g_steal_pointer (&error));
            return;
          }
      g_variant_builder_add (&builder, "{sx}", refs[r].table, count);
    }
  g_task_return_pointer (task, g_variant_ref_sink (g_variant_builder_end (&builder)),
                         (GDestroyNotify) g_variant_unref);
}

void
crm_dedupe_count_related_async (CrmStore            *store,
                                CrmDedupeKind        kind,
                                const gint64        *ids,
                                guint                n_ids,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  CountData *c;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (kind == CRM_DEDUPE_KIND_PERSON || kind == CRM_DEDUPE_KIND_ORGANIZATION);
  g_return_if_fail (ids != NULL || n_ids == 0);

  c = g_new0 (CountData, 1);
  c->kind = kind;
  c->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (c->ids, ids, n_ids);
  _crm_store_run_async (store, count_job, c, count_data_free, crm_dedupe_count_related_async,
                        "crm-dedupe-count-related", cancellable, callback, user_data);
}

GVariant *
crm_dedupe_count_related_finish (CrmStore      *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

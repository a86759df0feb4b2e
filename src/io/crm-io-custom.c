/* crm-io-custom.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Custom fields in exports and imports, on the store's worker thread, and
 * the record's tags that travel with them.  A
 * field is a column (CSV) or an extra property (vCard) named by its label;
 * values are written in their stable form (crm_custom_value_to_stable():
 * "12.50", "2026-11-23", a choice key), which the importer parses back.
 */

#define G_LOG_DOMAIN "CrmIoCustom"

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm-custom-fields.h"
#include "crm-format.h"
#include "crm-io-custom-private.h"

void
_crm_io_custom_field_free (gpointer data)
{
  CrmIoCustomField *field = data;

  g_free (field->key);
  g_free (field->label);
  g_free (field->type);
  g_free (field->currency);
  g_free (field->choices);
  g_free (field);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text != NULL ? text : "");
}

GPtrArray *
_crm_io_custom_fields_load (CrmStoreWorker  *worker,
                            const char      *target,
                            GError         **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (_crm_io_custom_field_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT id, key, label, field_type, currency, choices "
                                    "FROM custom_field WHERE target = ? AND deleted = 0 "
                                    "ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmIoCustomField *field = g_new0 (CrmIoCustomField, 1);

      field->id = sqlite3_column_int64 (stmt, 0);
      field->key = column_dup (stmt, 1);
      field->label = column_dup (stmt, 2);
      field->type = column_dup (stmt, 3);
      field->currency = column_dup (stmt, 4);
      field->choices = column_dup (stmt, 5);
      if (field->label[0] == '\0')
        {
          g_free (field->label);
          field->label = g_strdup (field->key);
        }
      g_ptr_array_add (fields, field);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "custom fields");
      return NULL;
    }
  return g_steal_pointer (&fields);
}

gboolean
_crm_io_custom_values_to_draft (CrmStoreWorker   *worker,
                                GPtrArray        *fields,
                                gint64            record_id,
                                CrmContactDraft  *draft,
                                GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (fields->len == 0)
    return TRUE;
  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT field_id, text_value, num_value FROM custom_value "
                                    "WHERE record_id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 field_id = sqlite3_column_int64 (stmt, 0);

      for (guint i = 0; i < fields->len; i++)
        {
          CrmIoCustomField *field = fields->pdata[i];

          if (field->id == field_id)
            g_hash_table_insert (draft->extra, g_strdup (field->label),
                                 crm_custom_value_to_stable (field->type, field->currency,
                                                             (const char *) sqlite3_column_text (stmt, 1),
                                                             sqlite3_column_int64 (stmt, 2)));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "custom fields");
      return FALSE;
    }
  return TRUE;
}

gboolean
_crm_io_tags_to_draft (CrmStoreWorker   *worker,
                       const char       *kind,
                       gint64            record_id,
                       CrmContactDraft  *draft,
                       GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT t.name FROM record_tag rt JOIN tag t ON t.id = rt.tag_id "
                                    "WHERE rt.record_kind = ? AND rt.record_id = ? "
                                    "AND rt.deleted = 0 AND t.deleted = 0 ORDER BY t.name", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, record_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (draft->tags, column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "tags");
      return FALSE;
    }
  return TRUE;
}

/* "12.50" in major units → minor units of @currency. */
static gboolean
parse_money (const char *input,
             const char *currency,
             gint64     *number)
{
  guint digits = crm_format_currency_digits (currency[0] != '\0' ? currency : "USD");
  const char *p = input;
  gboolean negative = FALSE;
  gint64 whole = 0, fraction = 0;
  guint n_fraction = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (whole > G_MAXINT64 / 1000)
        return FALSE;
      whole = whole * 10 + (*p - '0');
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      {
        if (n_fraction >= digits)
          return FALSE;
        fraction = fraction * 10 + (*p - '0');
        n_fraction++;
      }
  if (*p != '\0')
    return FALSE;
  for (; n_fraction < digits; n_fraction++)
    fraction *= 10;
  for (guint i = 0; i < digits; i++)
    whole *= 10;
  *number = (whole + fraction) * (negative ? -1 : 1);
  return TRUE;
}

static gboolean
parse_choice (const char  *input,
              const char  *choices,
              char       **text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;

  if (!json_parser_load_from_data (parser, choices, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  array = root != NULL && JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root) : NULL;
  /* A key, or else a label (a file typed by hand). */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
      {
        JsonNode *node = json_array_get_element (array, i);
        JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        const char *key = obj ? json_object_get_string_member_with_default (obj, "key", NULL) : NULL;
        const char *label = obj ? json_object_get_string_member_with_default (obj, "label", NULL) : NULL;

        if (key != NULL && g_strcmp0 (pass == 0 ? key : label, input) == 0)
          {
            *text = g_strdup (key);
            return TRUE;
          }
      }
  return FALSE;
}

gboolean
_crm_io_custom_parse (const CrmIoCustomField  *field,
                      const char              *input,
                      char                   **text,
                      gint64                  *number)
{
  *text = NULL;
  *number = 0;
  if (g_str_equal (field->type, "number"))
    {
      char *end = NULL;

      *number = g_ascii_strtoll (input, &end, 10);
      return end != input && *end == '\0';
    }
  if (g_str_equal (field->type, "money"))
    return parse_money (input, field->currency, number);
  if (g_str_equal (field->type, "date"))
    {
      GDate date;
      int y, m, d;
      char tail;

      if (sscanf (input, "%d-%d-%d%c", &y, &m, &d, &tail) != 3 ||
          !g_date_valid_dmy (d, m, y))
        return FALSE;
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, d, m, y);
      *number = g_date_get_julian (&date);
      return TRUE;
    }
  if (g_str_equal (field->type, "choice"))
    return parse_choice (input, field->choices, text);
  *text = g_strdup (input);
  return TRUE;
}

gboolean
_crm_io_custom_check (GPtrArray             *fields,
                      const CrmContactDraft *draft)
{
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      CrmIoCustomField *field = fields->pdata[i];
      const char *value = g_hash_table_lookup (draft->extra, field->label);
      g_autofree char *text = NULL;
      gint64 number;

      if (value != NULL && value[0] != '\0' && !_crm_io_custom_parse (field, value, &text, &number))
        return FALSE;
    }
  return TRUE;
}

gboolean
_crm_io_custom_values_insert (CrmStoreWorker         *worker,
                              GPtrArray              *fields,
                              gint64                  record_id,
                              const CrmContactDraft  *draft,
                              gint64                  now,
                              GError                **error)
{
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      CrmIoCustomField *field = fields->pdata[i];
      const char *value = g_hash_table_lookup (draft->extra, field->label);
      g_autofree char *text = NULL;
      gint64 number;
      int rc;

      if (value == NULL || value[0] == '\0' || !_crm_io_custom_parse (field, value, &text, &number))
        continue;
      if (stmt == NULL)
        stmt = _crm_store_worker_prepare (worker,
                                          "INSERT INTO custom_value (id, created, updated, field_id, "
                                          "record_id, text_value, num_value) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                          error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, _crm_store_worker_next_id (worker));
      sqlite3_bind_int64 (stmt, 2, now);
      sqlite3_bind_int64 (stmt, 3, now);
      sqlite3_bind_int64 (stmt, 4, field->id);
      sqlite3_bind_int64 (stmt, 5, record_id);
      if (text != NULL)
        {
          sqlite3_bind_text (stmt, 6, text, -1, SQLITE_STATIC);
          sqlite3_bind_null (stmt, 7);
        }
      else
        {
          sqlite3_bind_null (stmt, 6);
          sqlite3_bind_int64 (stmt, 7, number);
        }
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "custom fields");
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
_crm_io_custom_values_delete (CrmStoreWorker  *worker,
                              const char      *target,
                              gint64           record_id,
                              GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker,
                                    "DELETE FROM custom_value WHERE record_id = ? AND field_id IN "
                                    "(SELECT id FROM custom_field WHERE target = ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record_id);
  sqlite3_bind_text (stmt, 2, target, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "custom fields");
      return FALSE;
    }
  return TRUE;
}

/* --- updating an existing record's values --- */

/* A custom_value row as it is. */
typedef struct
{
  gint64    id;          /* 0: no row */
  gboolean  deleted;
  gint64    updated;
  char     *text;        /* NULL for SQL NULL */
  gboolean  has_number;
  gint64    number;
} StoredValue;

static void
stored_value_clear (StoredValue *value)
{
  g_clear_pointer (&value->text, g_free);
}

static gboolean
stored_value_is_empty (const StoredValue *value)
{
  return value->id == 0 || value->deleted ||
         ((value->text == NULL || value->text[0] == '\0') && !value->has_number);
}

static gboolean
stored_value_equals (const StoredValue *value,
                     const char        *text,
                     gint64             number)
{
  if (text != NULL)
    return value->text != NULL && g_str_equal (value->text, text);
  return value->has_number && value->number == number;
}

static gboolean
read_stored (CrmStoreWorker  *worker,
             gint64           field_id,
             gint64           record_id,
             StoredValue     *value,
             GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (value, 0, sizeof *value);
  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT id, deleted, updated, text_value, num_value "
                                    "FROM custom_value WHERE field_id = ? AND record_id = ?",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, field_id);
  sqlite3_bind_int64 (stmt, 2, record_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      value->id = sqlite3_column_int64 (stmt, 0);
      value->deleted = sqlite3_column_int64 (stmt, 1) != 0;
      value->updated = sqlite3_column_int64 (stmt, 2);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        value->text = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      value->has_number = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      value->number = sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "custom fields");
      return FALSE;
    }
  return TRUE;
}

/* The value of @field in @draft, parsed; FALSE when it has none (or one that
 * does not parse, which the importer rejected before). */
static gboolean
draft_value (const CrmIoCustomField  *field,
             const CrmContactDraft   *draft,
             char                   **text,
             gint64                  *number)
{
  const char *value = g_hash_table_lookup (draft->extra, field->label);

  *text = NULL;
  *number = 0;
  return value != NULL && value[0] != '\0' && _crm_io_custom_parse (field, value, text, number);
}

gboolean
_crm_io_custom_values_diff (CrmStoreWorker         *worker,
                            GPtrArray              *fields,
                            gint64                  record_id,
                            const CrmContactDraft  *draft,
                            guint32                *diff,
                            GError                **error)
{
  *diff = 0;
  for (guint i = 0; fields != NULL && i < MIN (fields->len, 32); i++)
    {
      CrmIoCustomField *field = fields->pdata[i];
      g_autofree char *text = NULL;
      StoredValue stored;
      gint64 number;
      gboolean differs;

      if (!draft_value (field, draft, &text, &number))
        continue;
      if (!read_stored (worker, field->id, record_id, &stored, error))
        return FALSE;
      differs = !stored_value_is_empty (&stored) && !stored_value_equals (&stored, text, number);
      stored_value_clear (&stored);
      if (differs)
        *diff |= 1u << i;
    }
  return TRUE;
}

void
_crm_io_custom_change_clear (gpointer data)
{
  CrmIoCustomChange *change = data;

  g_clear_pointer (&change->before, g_free);
}

static char *
stored_value_to_json (const StoredValue *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_int_value (builder, value->deleted);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, value->updated);
  json_builder_set_member_name (builder, "text_value");
  if (value->text != NULL)
    json_builder_add_string_value (builder, value->text);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "num_value");
  if (value->has_number)
    json_builder_add_int_value (builder, value->number);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
bind_value (sqlite3_stmt *stmt,
            int           text_param,
            const char   *text,
            gboolean      has_number,
            gint64        number)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, text_param, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, text_param);
  if (has_number)
    sqlite3_bind_int64 (stmt, text_param + 1, number);
  else
    sqlite3_bind_null (stmt, text_param + 1);
}

static gboolean
step_done (CrmStoreWorker  *worker,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "custom fields");
      return FALSE;
    }
  return TRUE;
}

/* Writes one field's value over what @stored has (or as a new row). */
static gboolean
write_value (CrmStoreWorker          *worker,
             const CrmIoCustomField  *field,
             gint64                   record_id,
             const StoredValue       *stored,
             const char              *text,
             gint64                   number,
             gint64                   now,
             GArray                  *changes,
             GError                 **error)
{
  CrmIoCustomChange change = { 0, NULL };
  sqlite3_stmt *stmt;

  if (stored->id == 0)
    {
      change.value_id = _crm_store_worker_next_id (worker);
      stmt = _crm_store_worker_prepare (worker,
                                        "INSERT INTO custom_value (id, created, updated, field_id, "
                                        "record_id, text_value, num_value) "
                                        "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 3, field->id);
      sqlite3_bind_int64 (stmt, 4, record_id);
    }
  else
    {
      change.value_id = stored->id;
      change.before = stored_value_to_json (stored);
      stmt = _crm_store_worker_prepare (worker,
                                        "UPDATE custom_value SET deleted = 0, updated = ?2, "
                                        "text_value = ?5, num_value = ?6 WHERE id = ?1", error);
      if (stmt == NULL)
        {
          g_free (change.before);
          return FALSE;
        }
    }
  sqlite3_bind_int64 (stmt, 1, change.value_id);
  sqlite3_bind_int64 (stmt, 2, now);
  bind_value (stmt, 5, text, text == NULL, number);
  if (!step_done (worker, stmt, error))
    {
      g_free (change.before);
      return FALSE;
    }
  g_array_append_val (changes, change);
  return TRUE;
}

gboolean
_crm_io_custom_values_update (CrmStoreWorker         *worker,
                              GPtrArray              *fields,
                              gint64                  record_id,
                              const CrmContactDraft  *draft,
                              gboolean                overwrite,
                              gint64                  now,
                              GArray                 *changes,
                              GError                **error)
{
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      CrmIoCustomField *field = fields->pdata[i];
      g_autofree char *text = NULL;
      StoredValue stored;
      gint64 number;
      gboolean ok = TRUE;

      if (!draft_value (field, draft, &text, &number))
        continue;
      if (!read_stored (worker, field->id, record_id, &stored, error))
        return FALSE;
      if (stored_value_is_empty (&stored) ||
          (overwrite && !stored_value_equals (&stored, text, number)))
        ok = write_value (worker, field, record_id, &stored, text, number, now, changes, error);
      stored_value_clear (&stored);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

gboolean
_crm_io_custom_value_restore (CrmStoreWorker  *worker,
                              gint64           value_id,
                              const char      *before,
                              GError         **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonNode *text, *number;
  sqlite3_stmt *stmt;

  if (before == NULL)
    {
      stmt = _crm_store_worker_prepare (worker, "DELETE FROM custom_value WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, value_id);
      return step_done (worker, stmt, error);
    }
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, before, -1, error))
    return FALSE;
  object = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
             ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  if (object == NULL)
    return TRUE;
  text = json_object_get_member (object, "text_value");
  number = json_object_get_member (object, "num_value");
  stmt = _crm_store_worker_prepare (worker,
                                    "UPDATE custom_value SET deleted = ?, updated = ?, "
                                    "text_value = ?, num_value = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, json_object_get_int_member_with_default (object, "deleted", 0));
  sqlite3_bind_int64 (stmt, 2, json_object_get_int_member_with_default (object, "updated", 0));
  bind_value (stmt, 3, text != NULL && !JSON_NODE_HOLDS_NULL (text) ? json_node_get_string (text)
                                                                    : NULL,
              number != NULL && !JSON_NODE_HOLDS_NULL (number),
              number != NULL && !JSON_NODE_HOLDS_NULL (number) ? json_node_get_int (number) : 0);
  sqlite3_bind_int64 (stmt, 5, value_id);
  return step_done (worker, stmt, error);
}

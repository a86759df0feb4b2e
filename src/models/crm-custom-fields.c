/* crm-custom-fields.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmCustomFields"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "crm-custom-fields-private.h"
#include "crm-filter-private.h"
#include "crm-format.h"
#include "crm-models.h"

G_DEFINE_QUARK (crm-custom-field-error-quark, crm_custom_field_error)

static const char * const targets[] = { "organization", "person", "deal", "ticket", NULL };
static const char * const field_types[] = { "text", "number", "money", "date", "choice", NULL };

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, CRM_CUSTOM_FIELD_ERROR, CRM_CUSTOM_FIELD_ERROR_INVALID, message);
  return FALSE;
}

gboolean
crm_custom_field_type_is_valid (const char *field_type)
{
  return field_type != NULL && g_strv_contains (field_types, field_type);
}

char *
crm_custom_field_key_from_label (const char *label)
{
  g_autofree char *ascii = g_str_to_ascii (label ? label : "", "C");
  GString *key = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
      else if (key->len > 0 && key->str[key->len - 1] != '_')
        g_string_append_c (key, '_');
    }
  while (key->len > 0 && key->str[key->len - 1] == '_')
    g_string_truncate (key, key->len - 1);
  if (key->len > 40)
    g_string_truncate (key, 40);
  if (key->len == 0 || g_ascii_isdigit (key->str[0]))
    g_string_prepend (key, key->len ? "field_" : "field");
  return g_string_free (key, FALSE);
}

static JsonArray *
parse_choice_array (const char  *choices,
                    JsonParser  *parser)
{
  JsonNode *root;

  if (choices == NULL || !json_parser_load_from_data (parser, choices, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  return json_node_get_array (root);
}

gboolean
crm_custom_field_check_choices (const char  *choices,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = parse_choice_array (choices, parser);

  if (array == NULL || json_array_get_length (array) == 0)
    return invalid (error, _("A choice field needs at least one choice"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *key = obj ? json_object_get_string_member_with_default (obj, "key", NULL) : NULL;
      const char *label = obj ? json_object_get_string_member_with_default (obj, "label", NULL)
                              : NULL;

      g_autofree char *trimmed = g_strstrip (g_strdup (label ? label : ""));

      if (key == NULL || *key == '\0' || *trimmed == '\0')
        return invalid (error, _("Every choice needs a key and a label"));
      if (!g_hash_table_add (seen, (gpointer) key))
        return invalid (error, _("Two choices have the same key"));
    }
  return TRUE;
}

/* --- Defining fields --- */

typedef struct
{
  char *target, *label, *field_type, *choices, *currency;
} DefineData;

static void
define_data_free (gpointer data)
{
  DefineData *d = data;

  g_free (d->target);
  g_free (d->label);
  g_free (d->field_type);
  g_free (d->choices);
  g_free (d->currency);
  g_free (d);
}

static gboolean
key_taken (CrmStoreWorker  *worker,
           const char      *target,
           const char      *key,
           gboolean        *taken,
           GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
                                                  "SELECT 1 FROM custom_field WHERE target = ? "
                                                  "AND key = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  *taken = rc == SQLITE_ROW;
  return TRUE;
}

static gint64
define_in_transaction (CrmStoreWorker  *worker,
                       DefineData      *d,
                       GError         **error)
{
  g_autofree char *base = crm_custom_field_key_from_label (d->label);
  g_autofree char *key = g_strdup (base);
  gboolean taken = TRUE;
  gint64 id = _crm_store_worker_next_id (worker);
  gint64 now = _crm_store_worker_now (worker);
  sqlite3_stmt *stmt;
  int rc;

  /* trashed fields keep their key: a restored field finds its values again */
  for (guint n = 2; ; n++)
    {
      if (!key_taken (worker, d->target, key, &taken, error))
        return 0;
      if (!taken)
        break;
      g_free (key);
      key = g_strdup_printf ("%s_%u", base, n);
    }

  stmt = _crm_store_worker_prepare (worker,
                                    "INSERT INTO custom_field (id, created, updated, target, key, "
                                    "label, field_type, choices, currency, position) "
                                    "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                                    "(SELECT coalesce (max (position), -1) + 1 FROM custom_field "
                                    " WHERE target = ?3 AND deleted = 0))", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, d->target, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, d->label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, d->field_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, d->choices, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, d->currency, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return 0;
    }
  return id;
}

static void
define_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  GError *error = NULL;
  gint64 id;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if ((id = define_in_transaction (worker, data, &error)) == 0 ||
      !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_memdup2 (&id, sizeof id), g_free);
}

static void
on_defined_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CrmRecord *record = crm_store_load_finish (CRM_STORE (source), result, &error);

  if (record == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, g_object_unref);
}

static void
on_defined_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autofree gint64 *id = g_task_propagate_pointer (G_TASK (result), &error);

  if (id == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  crm_store_load_async (CRM_STORE (source), CRM_TYPE_CUSTOM_FIELD, *id,
                        g_task_get_cancellable (task), on_defined_loaded_cb,
                        g_object_ref (task));
}

static gboolean
check_definition (DefineData  *d,
                  GError     **error)
{
  if (d->target == NULL || !g_strv_contains (targets, d->target))
    return invalid (error, _("Custom fields belong to organizations, people, deals or tickets"));
  g_strstrip (d->label);
  if (*d->label == '\0')
    return invalid (error, _("A custom field needs a name"));
  if (!crm_custom_field_type_is_valid (d->field_type))
    return invalid (error, _("Unknown custom field type"));
  if (!g_str_equal (d->field_type, "money"))
    {
      g_free (d->currency);
      d->currency = g_strdup ("");
    }
  if (g_str_equal (d->field_type, "choice"))
    return crm_custom_field_check_choices (d->choices, error);
  g_free (d->choices);
  d->choices = g_strdup ("[]");
  if (g_str_equal (d->field_type, "money"))
    {
      if (d->currency == NULL || strlen (d->currency) != 3 || !g_ascii_isupper (d->currency[0]) ||
          !g_ascii_isupper (d->currency[1]) || !g_ascii_isupper (d->currency[2]))
        return invalid (error, _("A money field needs a currency code such as USD or CNY"));
    }
  return TRUE;
}

void
crm_custom_fields_define_async (CrmStore            *store,
                                const char          *target,
                                const char          *label,
                                const char          *field_type,
                                const char          *choices,
                                const char          *currency,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  DefineData *d;
  GError *error = NULL;

  g_return_if_fail (CRM_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_custom_fields_define_async);
  d = g_new0 (DefineData, 1);
  d->target = g_strdup (target);
  d->label = g_strdup (label ? label : "");
  d->field_type = g_strdup (field_type);
  d->choices = g_strdup (choices);
  d->currency = g_strdup (currency);
  if (!check_definition (d, &error))
    {
      define_data_free (d);
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  _crm_store_run_async (store, define_job, d, define_data_free, crm_custom_fields_define_async,
                        "crm-custom-fields-define", cancellable, on_defined_cb, task);
}

CrmCustomField *
crm_custom_fields_define_finish (CrmStore      *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
crm_custom_fields_reorder (GListModel *fields)
{
  g_return_if_fail (G_IS_LIST_MODEL (fields));

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(CrmCustomField) field = g_list_model_get_item (fields, i);

      if (crm_custom_field_get_position (field) != i)
        crm_custom_field_set_position (field, i);
    }
}

/* --- Values --- */

static const char *
field_currency (CrmCustomField *field)
{
  const char *currency = crm_custom_field_get_currency (field);

  return currency && *currency ? currency : "USD";
}

static gboolean
parse_money (const char  *input,
             const char  *currency,
             gint64      *number,
             GError     **error)
{
  guint digits = crm_format_currency_digits (currency);
  gboolean negative = *input == '-';
  const char *p = input + (negative || *input == '+');
  guint64 major = 0, minor = 0;
  guint n_minor = 0;

  if (!g_ascii_isdigit (*p))
    return invalid (error, _("Enter an amount such as 1250.00"));
  for (; g_ascii_isdigit (*p); p++)
    {
      major = major * 10 + (guint64) (*p - '0');
      if (major > G_MAXINT64 / 10000)
        return invalid (error, _("The amount is too large"));
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, n_minor++)
      {
        if (n_minor >= digits)
          return invalid (error, _("The amount has too many decimal places"));
        minor = minor * 10 + (guint64) (*p - '0');
      }
  if (*p != '\0')
    return invalid (error, _("Enter an amount such as 1250.00"));
  for (; n_minor < digits; n_minor++)
    minor *= 10;
  for (guint i = 0; i < digits; i++)
    major *= 10;
  *number = (gint64) (major + minor) * (negative ? -1 : 1);
  return TRUE;
}

static const char *
choice_key_for (CrmCustomField *field,
                const char     *input,
                JsonParser     *parser)
{
  JsonArray *array = parse_choice_array (crm_custom_field_get_choices (field), parser);

  for (guint pass = 0; array != NULL && pass < 2; pass++)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonNode *node = json_array_get_element (array, i);
        JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        const char *key = obj ? json_object_get_string_member_with_default (obj, "key", NULL)
                              : NULL;
        const char *label = obj ? json_object_get_string_member_with_default (obj, "label", "")
                                : "";

        if (key == NULL)
          continue;
        /* keys first, then labels, so a label never shadows a key */
        if (pass == 0 ? g_str_equal (key, input) : g_utf8_collate (label, input) == 0)
          return key;
      }
  return NULL;
}

gboolean
crm_custom_value_parse (CrmCustomField  *field,
                        const char      *input,
                        gboolean        *is_empty,
                        char           **text,
                        gint64          *number,
                        GError         **error)
{
  const char *type;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CRM_IS_CUSTOM_FIELD (field), FALSE);
  g_return_val_if_fail (is_empty && text && number, FALSE);

  type = crm_custom_field_get_field_type (field);
  *text = NULL;
  *number = 0;
  if (input == NULL || !g_utf8_validate (input, -1, NULL))
    input = "";
  trimmed = g_strstrip (g_strdup (input));
  *is_empty = *trimmed == '\0';
  if (*is_empty)
    return TRUE;

  if (g_strcmp0 (type, "number") == 0)
    {
      if (!g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, number, NULL))
        return invalid (error, _("Enter a whole number"));
      return TRUE;
    }
  if (g_strcmp0 (type, "money") == 0)
    return parse_money (trimmed, field_currency (field), number, error);
  if (g_strcmp0 (type, "date") == 0)
    {
      GDate date;

      if (!_crm_filter_parse_day (trimmed, &date))
        return invalid (error, _("Enter a date as YYYY-MM-DD"));
      *number = g_date_get_julian (&date);
      return TRUE;
    }
  if (g_strcmp0 (type, "choice") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      const char *key = choice_key_for (field, trimmed, parser);

      if (key == NULL)
        return invalid (error, _("Pick one of the field’s choices"));
      *text = g_strdup (key);
      return TRUE;
    }
  *text = g_strdup (input);
  return TRUE;
}

char *
crm_custom_value_to_stable (const char *field_type,
                            const char *currency,
                            const char *text,
                            gint64      number)
{
  if (g_strcmp0 (field_type, "number") == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, number);
  if (g_strcmp0 (field_type, "money") == 0)
    {
      guint digits = crm_format_currency_digits (currency && *currency ? currency : "USD");
      guint64 scale = 1;
      guint64 abs_value = number < 0 ? -(guint64) number : (guint64) number;

      for (guint i = 0; i < digits; i++)
        scale *= 10;
      if (digits == 0)
        return g_strdup_printf ("%s%" G_GUINT64_FORMAT, number < 0 ? "-" : "", abs_value);
      return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, number < 0 ? "-" : "",
                              abs_value / scale, (int) digits, abs_value % scale);
    }
  if (g_strcmp0 (field_type, "date") == 0)
    {
      GDate date;

      if (number <= 0 || number > G_MAXUINT32)
        return g_strdup ("");
      g_date_clear (&date, 1);
      g_date_set_julian (&date, (guint32) number);
      return _crm_filter_format_day (&date);
    }
  return g_strdup (text ? text : "");
}

char *
crm_custom_value_format (CrmCustomField *field,
                         const char     *text,
                         gint64          number)
{
  const char *type;

  g_return_val_if_fail (CRM_IS_CUSTOM_FIELD (field), NULL);

  type = crm_custom_field_get_field_type (field);
  if (g_strcmp0 (type, "money") == 0)
    return crm_format_money (number, field_currency (field));
  if (g_strcmp0 (type, "number") == 0)
    return crm_format_count (number);
  if (g_strcmp0 (type, "date") == 0)
    {
      g_autofree char *iso = crm_custom_value_to_stable (type, NULL, NULL, number);
      char *formatted = crm_format_iso_date (iso);

      return formatted ? formatted : g_steal_pointer (&iso);
    }
  if (g_strcmp0 (type, "choice") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *array = parse_choice_array (crm_custom_field_get_choices (field), parser);

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

          if (obj && g_strcmp0 (json_object_get_string_member_with_default (obj, "key", NULL),
                                text) == 0)
            return g_strdup (json_object_get_string_member_with_default (obj, "label", text));
        }
    }
  return g_strdup (text ? text : "");
}

typedef struct
{
  gint64    field_id;
  gint64    record_id;
  gboolean  clear;
  gboolean  is_text;
  char     *text;
  gint64    number;
} SetData;

static void
set_data_free (gpointer data)
{
  SetData *d = data;

  g_free (d->text);
  g_free (d);
}

static gboolean
write_value (CrmStoreWorker  *worker,
             SetData         *d,
             GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (d->clear)
    stmt = _crm_store_worker_prepare (worker,
                                      "DELETE FROM custom_value WHERE field_id = ?1 "
                                      "AND record_id = ?2", error);
  else
    stmt = _crm_store_worker_prepare (worker,
                                      "INSERT INTO custom_value (id, created, updated, field_id, "
                                      "record_id, text_value, num_value) "
                                      "VALUES (?3, ?4, ?4, ?1, ?2, ?5, ?6) "
                                      "ON CONFLICT (field_id, record_id) DO UPDATE SET "
                                      "updated = excluded.updated, deleted = 0, "
                                      "text_value = excluded.text_value, "
                                      "num_value = excluded.num_value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->field_id);
  sqlite3_bind_int64 (stmt, 2, d->record_id);
  if (!d->clear)
    {
      sqlite3_bind_int64 (stmt, 3, _crm_store_worker_next_id (worker));
      sqlite3_bind_int64 (stmt, 4, _crm_store_worker_now (worker));
      if (d->is_text)
        sqlite3_bind_text (stmt, 5, d->text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, 6, d->number);
    }
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return FALSE;
    }
  return TRUE;
}

static void
set_job (CrmStoreWorker *worker,
         GTask          *task,
         gpointer        data)
{
  GError *error = NULL;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!write_value (worker, data, &error) || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
crm_custom_value_set_async (CrmStore            *store,
                            CrmCustomField      *field,
                            gint64               record_id,
                            const char          *input,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  SetData *d;
  GError *error = NULL;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (CRM_IS_CUSTOM_FIELD (field));

  d = g_new0 (SetData, 1);
  d->field_id = crm_record_get_id (CRM_RECORD (field));
  d->record_id = record_id;
  if (d->field_id == 0 || record_id == 0)
    invalid (&error, _("The field or the record has not been saved yet"));
  else
    crm_custom_value_parse (field, input, &d->clear, &d->text, &d->number, &error);
  d->is_text = d->text != NULL;
  if (error != NULL)
    {
      g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

      set_data_free (d);
      g_task_set_source_tag (task, crm_custom_value_set_async);
      g_task_return_error (task, error);
      return;
    }
  _crm_store_run_async (store, set_job, d, set_data_free, crm_custom_value_set_async,
                        "crm-custom-value-set", cancellable, callback, user_data);
}

gboolean
crm_custom_value_set_finish (CrmStore      *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
crm_custom_value_entry_free (CrmCustomValueEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->key);
  g_free (entry->field_type);
  g_free (entry->text);
  g_free (entry);
}

typedef struct
{
  char   *target;
  gint64  record_id;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_free (d->target);
  g_free (d);
}

static void
load_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  LoadData *d = data;
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) crm_custom_value_entry_free);
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT f.id, f.key, f.field_type, v.text_value, v.num_value "
                                    "FROM custom_value v JOIN custom_field f ON f.id = v.field_id "
                                    "WHERE v.record_id = ? AND v.deleted = 0 AND f.deleted = 0 "
                                    "AND f.target = ? ORDER BY f.position, f.id", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, d->record_id);
  sqlite3_bind_text (stmt, 2, d->target, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmCustomValueEntry *e = g_new0 (CrmCustomValueEntry, 1);

      e->field_id = sqlite3_column_int64 (stmt, 0);
      e->key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e->field_type = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        e->text = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      e->number = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (entries, e);
    }
  if (rc != SQLITE_DONE)
    _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
  sqlite3_reset (stmt);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&entries), (GDestroyNotify) g_ptr_array_unref);
}

void
crm_custom_values_load_async (CrmStore            *store,
                              const char          *target,
                              gint64               record_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  LoadData *d;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (target != NULL);

  d = g_new0 (LoadData, 1);
  d->target = g_strdup (target);
  d->record_id = record_id;
  _crm_store_run_async (store, load_job, d, load_data_free, crm_custom_values_load_async,
                        "crm-custom-values-load", cancellable, callback, user_data);
}

GPtrArray *
crm_custom_values_load_finish (CrmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Export (worker thread) --- */

void
crm_custom_export_free (CrmCustomExport *export)
{
  if (export == NULL)
    return;
  g_strfreev (export->keys);
  g_strfreev (export->labels);
  g_clear_pointer (&export->values, g_hash_table_unref);
  g_free (export);
}

const char * const *
crm_custom_export_lookup (CrmCustomExport *export,
                          gint64           record_id)
{
  GPtrArray *row;

  g_return_val_if_fail (export != NULL, NULL);

  row = g_hash_table_lookup (export->values, &record_id);
  return row ? (const char * const *) row->pdata : NULL;
}

CrmCustomExport *
crm_custom_values_for_export (CrmStoreWorker  *worker,
                              const char      *target,
                              GError         **error)
{
  g_autoptr(CrmCustomExport) export = g_new0 (CrmCustomExport, 1);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) currencies = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  export->values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT id, key, label, field_type, currency FROM custom_field "
                                    "WHERE target = ? AND deleted = 0 ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (columns, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (keys->len));
      g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (labels, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      g_ptr_array_add (types, g_strdup ((const char *) sqlite3_column_text (stmt, 3)));
      g_ptr_array_add (currencies, g_strdup ((const char *) sqlite3_column_text (stmt, 4)));
    }
  sqlite3_reset (stmt);
  export->n_fields = keys->len;
  g_ptr_array_add (keys, NULL);
  g_ptr_array_add (labels, NULL);
  export->keys = (char **) g_ptr_array_steal (keys, NULL);
  export->labels = (char **) g_ptr_array_steal (labels, NULL);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return NULL;
    }

  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT v.record_id, v.field_id, v.text_value, v.num_value "
                                    "FROM custom_value v JOIN custom_field f ON f.id = v.field_id "
                                    "WHERE f.target = ? AND f.deleted = 0 AND v.deleted = 0",
                                    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, target, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 record = sqlite3_column_int64 (stmt, 0);
      gint64 field = sqlite3_column_int64 (stmt, 1);
      gpointer col_ptr;
      GPtrArray *row;
      guint col;

      if (!g_hash_table_lookup_extended (columns, &field, NULL, &col_ptr))
        continue;
      col = GPOINTER_TO_UINT (col_ptr);
      if (!(row = g_hash_table_lookup (export->values, &record)))
        {
          row = g_ptr_array_new_full (export->n_fields, g_free);
          g_ptr_array_set_size (row, export->n_fields);
          g_hash_table_insert (export->values, g_memdup2 (&record, sizeof record), row);
        }
      g_free (row->pdata[col]);
      row->pdata[col] = crm_custom_value_to_stable (types->pdata[col], currencies->pdata[col],
                                             (const char *) sqlite3_column_text (stmt, 2),
                                             sqlite3_column_int64 (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
      return NULL;
    }
  return g_steal_pointer (&export);
}

/* crm-test-util.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <stdarg.h>

#include "crm-store-private.h"
#include "crm-test-util.h"

#define AWAIT_LIMIT_USEC (120 * G_USEC_PER_SEC)

void
crm_test_store_result (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

GAsyncResult *
crm_test_await (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + AWAIT_LIMIT_USEC;

  while (*result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for an async result");
    }

  return *result;
}

void
crm_test_wait_flag (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + AWAIT_LIMIT_USEC;

  while (!*flag)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for a condition");
    }
}

void
crm_test_spin (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

char *
crm_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("rapport-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
crm_test_assert_strv (GPtrArray  *array,
                      const char *first,
                      ...)
{
  va_list args;
  guint i = 0;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *), i++)
    {
      g_assert_cmpuint (i, <, array->len);
      g_assert_cmpstr (g_ptr_array_index (array, i), ==, s);
    }
  va_end (args);
  g_assert_cmpuint (array->len, ==, i);
}

void
crm_test_assert_extra (CrmContactDraft *draft,
                       const char      *key,
                       const char      *value)
{
  g_assert_cmpstr (g_hash_table_lookup (draft->extra, key), ==, value);
}

void
crm_test_assert_drafts_equal (CrmContactDraft *a,
                              CrmContactDraft *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpstr (a->given_name, ==, b->given_name);
  g_assert_cmpstr (a->family_name, ==, b->family_name);
  g_assert_cmpstr (a->display_name, ==, b->display_name);
  g_assert_cmpstr (a->organization, ==, b->organization);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->department, ==, b->department);
  g_assert_cmpuint (a->emails->len, ==, b->emails->len);
  for (guint i = 0; i < a->emails->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->emails, i), ==, g_ptr_array_index (b->emails, i));
  g_assert_cmpuint (a->phones->len, ==, b->phones->len);
  for (guint i = 0; i < a->phones->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->phones, i), ==, g_ptr_array_index (b->phones, i));
  g_assert_cmpstr (a->street, ==, b->street);
  g_assert_cmpstr (a->city, ==, b->city);
  g_assert_cmpstr (a->region, ==, b->region);
  g_assert_cmpstr (a->postal_code, ==, b->postal_code);
  g_assert_cmpstr (a->country, ==, b->country);
  g_assert_cmpstr (a->birth_date, ==, b->birth_date);
  g_assert_cmpstr (a->gender, ==, b->gender);
  g_assert_cmpstr (a->language, ==, b->language);
  g_assert_cmpstr (a->website, ==, b->website);
  g_assert_cmpstr (a->notes, ==, b->notes);
  g_assert_cmpuint (a->tags->len, ==, b->tags->len);
  for (guint i = 0; i < a->tags->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->tags, i), ==, g_ptr_array_index (b->tags, i));
  g_assert_true ((a->photo == NULL) == (b->photo == NULL));
  if (a->photo != NULL)
    g_assert_true (g_bytes_equal (a->photo, b->photo));
  g_assert_cmpstr (a->photo_mime, ==, b->photo_mime);

  g_assert_cmpuint (g_hash_table_size (a->extra), ==, g_hash_table_size (b->extra));
  g_hash_table_iter_init (&iter, a->extra);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (b->extra, key), ==, value);
}

void
crm_test_free_font_caches (void)
{
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
}

static void
query_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_crm_store_worker_get_db (worker), data, -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s%s", c > 0 ? "|" : "",
                                (const char *) sqlite3_column_text (stmt, c) ?: "∅");
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  g_task_return_pointer (task, g_string_free (out, FALSE), g_free);
}

static char *
query_va (CrmStore   *store,
          const char *format,
          va_list     args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_vprintf (format, args);
  char *text = _crm_store_run_sync (store, query_job, sql, NULL, &error);

  g_assert_no_error (error);
  return text;
}

char *
crm_test_query (CrmStore   *store,
                const char *format,
                ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = query_va (store, format, args);
  va_end (args);
  return text;
}

gint64
crm_test_query_int (CrmStore   *store,
                    const char *format,
                    ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = query_va (store, format, args);
  va_end (args);
  return g_ascii_strtoll (text, NULL, 10);
}

/* crm-test-util.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>

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

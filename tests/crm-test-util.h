/* crm-test-util.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-contact-draft.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Iterates the thread-default main context until an async call completed.
 * Use: crm_test_await (&result); where the callback stored its GAsyncResult
 * with crm_test_store_result.  Aborts the test after 120 s. */
GAsyncResult *crm_test_await        (GAsyncResult **result);
void          crm_test_store_result (GObject       *source,
                                     GAsyncResult  *result,
                                     gpointer       user_data);
/* Iterates until @flag is TRUE (or 120 s pass). */
void          crm_test_wait_flag    (gboolean      *flag);
/* Iterates the main context for @msec milliseconds. */
void          crm_test_spin         (guint          msec);
/* A fresh temporary directory for this test (removed by the caller or left
 * under G_TEST_OPTION_ISOLATE_DIRS); transfer full. */
char         *crm_test_make_tmpdir  (void);
/* Runs the SQL query @format (printf-like) on @store's worker and returns
 * its rows, one line each, the columns joined with "|" (NULL as "∅");
 * asserts that it ran.  Transfer full. */
char         *crm_test_query        (CrmStore      *store,
                                     const char    *format,
                                     ...) G_GNUC_PRINTF (2, 3);
/* The first column of the first row of such a query, as a number. */
gint64        crm_test_query_int    (CrmStore      *store,
                                     const char    *format,
                                     ...) G_GNUC_PRINTF (2, 3);
/* Frees the font and glyph caches Pango and cairo keep for the life of the
 * process, so that the leak checker of the sanitizer run sees real leaks
 * only.  Call at the end of main(), after the last drawing. */
void          crm_test_free_font_caches (void);

/* Asserts that @array holds exactly the strings given, in order. */
void          crm_test_assert_strv  (GPtrArray     *array,
                                     const char    *first,
                                     ...) G_GNUC_NULL_TERMINATED;
/* Asserts draft->extra[@key] == @value (NULL: absent). */
void          crm_test_assert_extra (CrmContactDraft *draft,
                                     const char      *key,
                                     const char      *value);

/* Asserts that two drafts hold the same fields, lists, photo and extras. */
void          crm_test_assert_drafts_equal (CrmContactDraft *a,
                                            CrmContactDraft *b);

G_END_DECLS

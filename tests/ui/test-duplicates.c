/* test-duplicates.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The duplicates window on a real store: find-duplicates from the main
 * window, the scan, the merge page (kept record, a field taken from the
 * other record), the merge in the database, undo, "Not Duplicates" that a
 * new scan remembers, and the empty state.
 */

#define G_LOG_DOMAIN "TestDuplicates"

#include "config.h"

#include <string.h>

#include "crm-ui-test-util.h"
#include "crm-activity.h"
#include "crm-customer-order.h"
#include "crm-duplicate-item.h"
#include "crm-duplicates-window.h"
#include "crm-person.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-test-util.h"

static CrmApplication *app;

typedef struct
{
  gint64 ann;       /* the more complete record: kept by default */
  gint64 annie;     /* the same mailbox, a phone number, another name */
  gint64 activity;  /* Annie's */
  gint64 order;     /* Annie's */
} Planted;

static void
insert (CrmStore  *store,
        CrmRecord *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_insert_async (store, record, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_insert_finish (store, result, &error));
  g_assert_no_error (error);
}

/* Two people with one mailbox, one of them with an activity and an order;
 * and a third person matching nobody. */
static void
plant_duplicates (const char *path,
                  Planted    *planted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autoptr(CrmRecord) ann = NULL;
  g_autoptr(CrmRecord) annie = NULL;
  g_autoptr(CrmRecord) other = NULL;
  g_autoptr(CrmRecord) activity = NULL;
  g_autoptr(CrmRecord) order = NULL;

  g_assert_no_error (error);
  ann = g_object_new (CRM_TYPE_PERSON, "display-name", "Ann Lee", "given-name", "Ann",
                      "family-name", "Lee", "email", "ann.lee@example.com", "city", "Boston", NULL);
  insert (store, ann);
  annie = g_object_new (CRM_TYPE_PERSON, "display-name", "Annie Lee", "email", "Ann.Lee@Example.com",
                        "phone", "+16175550100", NULL);
  insert (store, annie);
  other = g_object_new (CRM_TYPE_PERSON, "display-name", "Bob Stone", "email", "bob@example.com", NULL);
  insert (store, other);
  activity = g_object_new (CRM_TYPE_ACTIVITY, "kind", "call", "subject-kind", "person",
                           "subject-id", crm_record_get_id (annie), "summary", "Called Annie", NULL);
  insert (store, activity);
  order = g_object_new (CRM_TYPE_CUSTOMER_ORDER, "person-id", crm_record_get_id (annie),
                        "ordered", (gint64) 1700000000, "total", (gint64) 1999, NULL);
  insert (store, order);

  planted->ann = crm_record_get_id (ann);
  planted->annie = crm_record_get_id (annie);
  planted->activity = crm_record_get_id (activity);
  planted->order = crm_record_get_id (order);
  crm_store_close (store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static CrmRecord *
load (CrmStore *store,
      GType     type,
      gint64    id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CrmRecord *record;

  crm_store_load_async (store, type, id, NULL, crm_test_store_result, &result);
  record = crm_store_load_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static CrmDuplicatesWindow *
open_duplicates (CrmWindow *window)
{
  GList *windows;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-duplicates", NULL));
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l != NULL; l = l->next)
    if (CRM_IS_DUPLICATES_WINDOW (l->data))
      {
        g_assert_true (gtk_window_get_transient_for (l->data) == GTK_WINDOW (window));
        return l->data;
      }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
scan_done (gpointer data)
{
  const char *state = crm_duplicates_window_get_state (data);

  return g_strcmp0 (state, "scanning") != 0;
}

static gboolean
merge_page_ready (gpointer data)
{
  return g_strcmp0 (crm_duplicates_window_get_state (data), "merge") == 0
         && !crm_duplicates_window_is_busy (data)
         && crm_duplicates_window_get_survivor (data) != 0;
}

static gboolean
undo_offered (gpointer data)
{
  return crm_duplicates_window_can_undo (data) && !crm_duplicates_window_is_busy (data);
}

static gboolean
undo_done (gpointer data)
{
  return !crm_duplicates_window_can_undo (data) && !crm_duplicates_window_is_busy (data);
}

static gboolean
record_trashed (gpointer data)
{
  return crm_record_get_trashed (data);
}

static gboolean
record_live (gpointer data)
{
  return !crm_record_get_trashed (data);
}

typedef struct
{
  CrmRecord *activity;
  gint64     subject;
} ActivityWait;

/* Live records follow the database: the store re-reads them after a commit. */
static gboolean
activity_back (gpointer data)
{
  ActivityWait *wait = data;

  return crm_record_get_int (wait->activity, "subject-id") == wait->subject;
}

static void
open_first_cluster (CrmDuplicatesWindow *dw)
{
  crm_duplicates_window_open_cluster (dw, 0);
  crm_ui_test_wait (merge_page_ready, dw);
}

static void
test_merge_and_undo (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autoptr(CrmDuplicateItem) item = NULL;
  g_autoptr(CrmRecord) ann = NULL;
  g_autoptr(CrmRecord) annie = NULL;
  g_autoptr(CrmRecord) activity = NULL;
  g_autoptr(CrmRecord) order = NULL;
  Planted planted;
  CrmWindow *window;
  CrmDuplicatesWindow *dw;
  CrmStore *store;

  plant_duplicates (path, &planted);
  window = crm_ui_test_open_window (app, path);
  store = crm_context_get_store (crm_window_get_context (window));

  dw = open_duplicates (window);
  crm_ui_test_wait (scan_done, dw);
  g_assert_cmpstr (crm_duplicates_window_get_state (dw), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (crm_duplicates_window_get_clusters (dw)), ==, 1);
  item = g_list_model_get_item (crm_duplicates_window_get_clusters (dw), 0);
  /* Names and reason as the row shows them (in any language). */
  g_assert_nonnull (strstr (crm_duplicate_item_get_title (item), "Ann Lee"));
  g_assert_nonnull (strstr (crm_duplicate_item_get_title (item), "Annie Lee"));
  g_assert_nonnull (strstr (crm_duplicate_item_get_reason (item), "ann.lee@example.com"));

  /* Back (Alt+Left, Escape) returns to the list. */
  open_first_cluster (dw);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dw), "duplicates.back", NULL));
  g_assert_cmpstr (crm_duplicates_window_get_state (dw), ==, "list");
  g_assert_cmpint (crm_duplicates_window_get_survivor (dw), ==, 0);

  /* The more complete record is kept; its empty phone takes Annie's. */
  open_first_cluster (dw);
  g_assert_cmpint (crm_duplicates_window_get_survivor (dw), ==, planted.ann);
  g_assert_cmpint (crm_duplicates_window_get_choice (dw, "display-name"), ==, planted.ann);
  g_assert_cmpint (crm_duplicates_window_get_choice (dw, "phone"), ==, planted.annie);
  g_assert_cmpint (crm_duplicates_window_get_choice (dw, "city"), ==, planted.ann);
  /* Identical fields offer no choice. */
  g_assert_cmpint (crm_duplicates_window_get_choice (dw, "notes"), ==, 0);

  /* The second record's name, picked as the radio button would. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dw), "merge.choose", "(sx)",
                                             "display-name", planted.annie));
  g_assert_cmpint (crm_duplicates_window_get_choice (dw, "display-name"), ==, planted.annie);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dw), "merge.merge", NULL));
  crm_ui_test_wait (undo_offered, dw);
  g_assert_cmpstr (crm_duplicates_window_get_state (dw), ==, "empty");

  ann = load (store, CRM_TYPE_PERSON, planted.ann);
  annie = load (store, CRM_TYPE_PERSON, planted.annie);
  activity = load (store, CRM_TYPE_ACTIVITY, planted.activity);
  order = load (store, CRM_TYPE_CUSTOMER_ORDER, planted.order);
  g_assert_cmpstr (crm_record_get_text (ann, "display-name"), ==, "Annie Lee");
  g_assert_cmpstr (crm_record_get_text (ann, "phone"), ==, "+16175550100");
  g_assert_cmpstr (crm_record_get_text (ann, "city"), ==, "Boston");
  g_assert_true (crm_record_get_trashed (annie));
  g_assert_cmpint (crm_record_get_int (activity, "subject-id"), ==, planted.ann);
  g_assert_cmpint (crm_record_get_int (order, "person-id"), ==, planted.ann);

  /* Ctrl+Z's action puts everything back, and the cluster in the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dw), "duplicates.undo", NULL));
  crm_ui_test_wait (undo_done, dw);
  g_clear_object (&ann);
  g_clear_object (&annie);
  g_clear_object (&activity);
  g_clear_object (&order);
  ann = load (store, CRM_TYPE_PERSON, planted.ann);
  annie = load (store, CRM_TYPE_PERSON, planted.annie);
  activity = load (store, CRM_TYPE_ACTIVITY, planted.activity);
  order = load (store, CRM_TYPE_CUSTOMER_ORDER, planted.order);
  g_assert_cmpstr (crm_record_get_text (ann, "display-name"), ==, "Ann Lee");
  g_assert_cmpstr (crm_record_get_text (ann, "phone"), ==, "");
  g_assert_false (crm_record_get_trashed (annie));
  g_assert_cmpint (crm_record_get_int (activity, "subject-id"), ==, planted.annie);
  g_assert_cmpint (crm_record_get_int (order, "person-id"), ==, planted.annie);
  g_assert_cmpstr (crm_duplicates_window_get_state (dw), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (crm_duplicates_window_get_clusters (dw)), ==, 1);

  /* Keeping Annie instead: the defaults follow the kept record. */
  open_first_cluster (dw);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dw), "merge.keep", "x", planted.annie));
  g_assert_cmpint (crm_duplicates_window_get_survivor (dw), ==, planted.annie);
  g_assert_cmpint (crm_duplicates_window_get_choice (dw, "display-name"), ==, planted.annie);
  g_assert_cmpint (crm_duplicates_window_get_choice (dw, "city"), ==, planted.ann);

  /* "Not Duplicates": gone from the list, and from the next scan. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dw), "merge.not-duplicates", NULL));
  crm_ui_test_wait (undo_offered, dw);
  g_assert_cmpstr (crm_duplicates_window_get_state (dw), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dw), "duplicates.scan", NULL));
  crm_ui_test_wait (scan_done, dw);
  g_assert_cmpstr (crm_duplicates_window_get_state (dw), ==, "empty");

  /* Undoing the dismissal lists them again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dw), "duplicates.undo", NULL));
  crm_ui_test_wait (undo_done, dw);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dw), "duplicates.scan", NULL));
  crm_ui_test_wait (scan_done, dw);
  g_assert_cmpstr (crm_duplicates_window_get_state (dw), ==, "list");

  /* Merged again, then the duplicates window closed: the main window's
   * Ctrl+Z (win.undo) still undoes the merge. */
  open_first_cluster (dw);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dw), "merge.merge", NULL));
  crm_ui_test_wait (undo_offered, dw);
  crm_ui_test_wait (record_trashed, annie);
  crm_ui_test_wait (activity_back, &(ActivityWait) { activity, planted.ann });
  {
    gpointer weak = dw;

    g_object_add_weak_pointer (G_OBJECT (dw), &weak);
    gtk_window_destroy (GTK_WINDOW (dw));
    while (weak != NULL)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  crm_ui_test_wait (record_live, annie);
  crm_ui_test_wait (activity_back, &(ActivityWait) { activity, planted.annie });
  g_assert_cmpstr (crm_record_get_text (ann, "display-name"), ==, "Ann Lee");

  g_clear_object (&ann);
  g_clear_object (&annie);
  g_clear_object (&activity);
  g_clear_object (&order);
  g_clear_object (&item);
  crm_ui_test_close_window (window);
}

static void
test_empty (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  CrmWindow *window = crm_ui_test_open_window (app, path);
  CrmDuplicatesWindow *dw = open_duplicates (window);
  gpointer weak = dw;

  g_object_add_weak_pointer (G_OBJECT (dw), &weak);
  crm_ui_test_wait (scan_done, dw);
  g_assert_cmpstr (crm_duplicates_window_get_state (dw), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (crm_duplicates_window_get_clusters (dw)), ==, 0);
  /* Escape on the list closes the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dw), "duplicates.escape", NULL));
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
  crm_ui_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/duplicates/merge-and-undo", test_merge_and_undo);
  g_test_add_func ("/duplicates/empty", test_empty);

  return g_test_run ();
}

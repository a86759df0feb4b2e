/* test-eml.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Email files in a real window on the sample data: .eml files dropped on
 * the window (through its drop target, as GTK delivers a drop) become a
 * ticket and a threaded reply; the toast counts them, and its button opens
 * the ticket's page.  A dropped file that is no message is reported in the
 * toast; win.import-eml is there and enabled.
 */

#define G_LOG_DOMAIN "TestEml"

#include "config.h"

#include "crm-context.h"
#include "crm-test-util.h"
#include "crm-ui-test-util.h"
#include "crm-window-private.h"

static CrmApplication *app;

static char *
sample (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "core", "data", "eml", name, NULL);
}

/* The first descendant of @widget (itself included) that @match accepts. */
static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  if (match (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_button_for (GtkWidget     *widget,
               gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

typedef struct
{
  CrmWindow  *window;
  const char *text;
} ToastWait;

static gboolean
toast_shown (gpointer data)
{
  ToastWait *wait = data;

  return find_widget (GTK_WIDGET (wait->window), is_label_with, wait->text) != NULL;
}

static gboolean
record_page_shown (gpointer data)
{
  return crm_window_get_record_page (data) != NULL;
}

/* Delivers @paths to the window's file drop target, as a drop does. */
static gboolean
drop_files (CrmWindow          *window,
            const char * const *paths)
{
  g_autoptr(GSList) files = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean dropped = FALSE, found = FALSE;

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free_full (g_steal_pointer (&files), g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller) &&
          gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), NULL) != NULL &&
          gtk_drop_target_get_gtypes (GTK_DROP_TARGET (controller), NULL)[0] == GDK_TYPE_FILE_LIST)
        {
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &dropped);
          found = TRUE;
        }
    }
  g_object_unref (controllers);
  g_assert_true (found);
  return dropped;
}

static void
test_drop (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  g_autofree char *plain = sample ("plain-ascii.eml");
  g_autofree char *reply = sample ("reply-in-reply-to.eml");
  g_autofree char *junk = sample ("not-a-message.eml");
  g_autofree char *gb = sample ("gb2312.eml");
  const char *first[] = { reply, junk, plain, NULL };
  const char *second[] = { gb, NULL };
  g_autofree char *thread = NULL;
  g_autoptr(GFile) plain_file = g_file_new_for_path (plain);
  g_autoptr(GFile) csv_file = g_file_new_for_path ("/tmp/people.csv");
  CrmWindow *window;
  CrmStore *store;
  GtkWidget *button;
  ToastWait wait;
  GAction *action;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  store = crm_context_get_store (crm_window_get_context (window));
  action = g_action_map_lookup_action (G_ACTION_MAP (window), "import-eml");
  g_assert_nonnull (action);
  g_assert_true (g_action_get_enabled (action));
  g_assert_true (_crm_window_is_eml_file (plain_file));
  g_assert_false (_crm_window_is_eml_file (csv_file));

  /* The reply is listed first, and comes after the message it answers:
   * one ticket with both, and the file that is no message counted. */
  g_assert_true (drop_files (window, first));
  wait.window = window;
  wait.text = "1 ticket created, 1 reply threaded, 1 file not imported";
  crm_ui_test_wait (toast_shown, &wait);
  thread = crm_test_query (store, "SELECT count(*) FROM ticket_message m JOIN ticket t ON t.id = m.ticket_id "
                                  "WHERE t.subject = 'Invoice 2041 shows the wrong VAT rate'");
  g_assert_cmpstr (thread, ==, "2\n");

  /* One ticket: the toast's button opens it. */
  g_assert_true (drop_files (window, second));
  wait.text = "1 ticket created";
  crm_ui_test_wait (toast_shown, &wait);
  button = find_widget (GTK_WIDGET (window), is_button_for, "win.show-record");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
  crm_ui_test_wait (record_page_shown, window);

  crm_ui_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/eml/drop", test_drop);

  return g_test_run ();
}

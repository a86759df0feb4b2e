/* test-inbox.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket inbox in a real window on the sample data.  Every expectation
 * is computed here with hand-written SQL, independently of the inbox's own
 * queries (crm-inbox.c): the folder counts, the default order by SLA
 * deadline (no deadline last), the filters, a bulk assignment and its undo
 * (Ctrl+Z, win.undo), opening a ticket from the keyboard, a new ticket from
 * the dialog, and the countdown's words.
 */

#define G_LOG_DOMAIN "TestInbox"

#include "config.h"

#include <string.h>

#include "crm-ui-test-util.h"

#include "crm-inbox-view.h"
#include "crm-new-ticket-dialog.h"
#include "crm-paged-model.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-test-util.h"
#include "crm-ticket-row.h"

static CrmApplication *app;
static char *demo_path;

#define WORKING "('new', 'open', 'waiting-on-customer')"

typedef struct
{
  CrmWindow    *window;
  CrmInboxView *view;
  CrmStore     *store;
  char         *path;
} Fixture;

static gboolean
counted (gpointer data)
{
  return !crm_inbox_view_get_counting (data);
}

/* A window on @path (NULL: the shared sample) showing the inbox. */
static void
fixture_open (Fixture    *f,
              const char *path)
{
  CrmView *view;

  f->window = crm_ui_test_open_window (app, path != NULL ? path : demo_path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "inbox"));
  view = crm_window_get_view (f->window, "inbox");
  g_assert_true (CRM_IS_INBOX_VIEW (view));
  crm_ui_test_wait_view_ready (view);
  f->view = CRM_INBOX_VIEW (view);
  f->store = crm_context_get_store (crm_window_get_context (f->window));
  crm_ui_test_wait (counted, f->view);
}

static void
fixture_close (Fixture *f)
{
  crm_ui_test_close_window (f->window);
  g_free (f->path);
}

static CrmPagedModel *
get_model (Fixture *f)
{
  GListModel *model = crm_view_get_model (CRM_VIEW (f->view));

  g_assert_true (CRM_IS_PAGED_MODEL (model));
  return CRM_PAGED_MODEL (model);
}

/* Waits until the list holds the ids of its current query (and their first
 * page). */
static void
wait_list (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_paged_model_load_page_async (get_model (f), 0, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_paged_model_load_page_finish (get_model (f), result, &error));
  g_assert_no_error (error);
}

/* The list's ids, "id,id,..."; transfer full. */
static char *
list_ids (Fixture *f)
{
  CrmPagedModel *model = get_model (f);
  GString *s = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", crm_paged_model_get_id (model, i));
  return g_string_free (s, FALSE);
}

/* The ids a hand-written query returns, in its order, "id,id,...". */
static char *
sql_ids (Fixture    *f,
         const char *where_order)
{
  g_autofree char *rows = crm_test_query (f->store, "SELECT coalesce (group_concat (id, ','), '') FROM "
                                          "(SELECT id FROM ticket WHERE %s)", where_order);

  return g_strdup (g_strstrip (rows));
}

static void
test_folder_counts (void)
{
  Fixture f = { 0 };
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  gint64 after, breaching_before, breaching_after;
  const struct
  {
    const char *folder;
    const char *where;
  } folders[] = {
    { "unassigned", "assignee_id IS NULL AND status IN " WORKING },
    { "mine", "assignee_id = (SELECT CAST (value AS INTEGER) FROM meta WHERE key = 'current-user') "
              "AND status IN " WORKING },
    { "open", "status IN ('new', 'open')" },
    { "waiting", "status = 'waiting-on-customer'" },
    { "resolved", "status = 'resolved'" },
    { "all", "1" },
  };

  fixture_open (&f, NULL);
  after = g_get_real_time () / G_USEC_PER_SEC;

  /* A current user is set in the sample: Mine is a real folder. */
  g_assert_cmpint (crm_inbox_view_get_current_user (f.view), ==,
                   crm_test_query_int (f.store, "SELECT CAST (value AS INTEGER) FROM meta WHERE key = 'current-user'"));
  g_assert_cmpint (crm_inbox_view_get_current_user (f.view), >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      gint64 expected = crm_test_query_int (f.store, "SELECT count(*) FROM ticket WHERE deleted = 0 AND %s",
                                            folders[i].where);

      g_test_message ("%s: %" G_GINT64_FORMAT, folders[i].folder, expected);
      g_assert_cmpint (expected, >, 0);
      g_assert_cmpint (crm_inbox_view_get_folder_count (f.view, folders[i].folder), ==, expected);
    }

  /* Breaching is measured at the view's "now", somewhere between the two. */
  breaching_before = crm_test_query_int (f.store, "SELECT count(*) FROM ticket WHERE deleted = 0 AND sla_due != 0 "
                                         "AND sla_due < %" G_GINT64_FORMAT
                                         " AND status != 'waiting-on-customer'", before);
  breaching_after = crm_test_query_int (f.store, "SELECT count(*) FROM ticket WHERE deleted = 0 AND sla_due != 0 "
                                        "AND sla_due < %" G_GINT64_FORMAT
                                        " AND status != 'waiting-on-customer'", after + 1);
  g_assert_cmpint (crm_inbox_view_get_folder_count (f.view, "breaching"), >=, breaching_before);
  g_assert_cmpint (crm_inbox_view_get_folder_count (f.view, "breaching"), <=, breaching_after);

  /* The folder's list holds as many tickets as its count says. */
  crm_inbox_view_set_folder (f.view, "waiting");
  wait_list (&f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_model (&f))), ==,
                    crm_inbox_view_get_folder_count (f.view, "waiting"));

  fixture_close (&f);
}

static void
test_default_order (void)
{
  Fixture f = { 0 };
  g_autofree char *ids = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *all = NULL;
  g_autofree char *all_expected = NULL;
  CrmPagedModel *model;
  guint n;

  fixture_open (&f, NULL);
  g_assert_cmpstr (crm_inbox_view_get_folder (f.view), ==, "open");
  wait_list (&f);

  /* Soonest deadline first, no deadline last, then by id. */
  ids = list_ids (&f);
  expected = sql_ids (&f, "deleted = 0 AND status IN ('new', 'open') "
                          "ORDER BY CASE WHEN sla_due = 0 THEN 1 ELSE 0 END, sla_due, id");
  g_assert_cmpstr (ids, ==, expected);

  /* All: the resolved and closed tickets (no clock) come after the rest. */
  crm_inbox_view_set_folder (f.view, "all");
  wait_list (&f);
  all = list_ids (&f);
  all_expected = sql_ids (&f, "deleted = 0 ORDER BY CASE WHEN sla_due = 0 THEN 1 ELSE 0 END, sla_due, id");
  g_assert_cmpstr (all, ==, all_expected);
  model = get_model (&f);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpint (crm_test_query_int (f.store, "SELECT sla_due FROM ticket WHERE id = %" G_GINT64_FORMAT,
                                       crm_paged_model_get_id (model, 0)), >, 0);
  g_assert_cmpint (crm_test_query_int (f.store, "SELECT sla_due FROM ticket WHERE id = %" G_GINT64_FORMAT,
                                       crm_paged_model_get_id (model, n - 1)), ==, 0);

  /* Another order, and back. */
  g_object_set (f.view, "sort", "created", NULL);
  wait_list (&f);
  g_free (all);
  g_free (all_expected);
  all = list_ids (&f);
  all_expected = sql_ids (&f, "deleted = 0 ORDER BY created DESC, id DESC");
  g_assert_cmpstr (all, ==, all_expected);

  g_object_set (f.view, "sort", "priority", NULL);
  wait_list (&f);
  g_free (all);
  g_free (all_expected);
  all = list_ids (&f);
  all_expected = sql_ids (&f, "deleted = 0 ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 "
                              "WHEN 'normal' THEN 2 ELSE 3 END, CASE WHEN sla_due = 0 THEN 1 ELSE 0 END, "
                              "sla_due, id");
  g_assert_cmpstr (all, ==, all_expected);

  fixture_close (&f);
}

static void
test_filters (void)
{
  Fixture f = { 0 };
  const struct
  {
    const char *property;
    const char *value;
    const char *where;
  } filters[] = {
    { "channel-filter", "phone", "channel = 'phone'" },
    { "priority-filter", "urgent", "priority = 'urgent'" },
    { "customer-filter", "b2b", "organization_id IS NOT NULL" },
    { "customer-filter", "b2c", "organization_id IS NULL" },
  };
  guint total;

  fixture_open (&f, NULL);
  crm_inbox_view_set_folder (f.view, "all");
  wait_list (&f);
  total = g_list_model_get_n_items (G_LIST_MODEL (get_model (&f)));
  g_assert_cmpuint (total, ==, crm_test_query_int (f.store, "SELECT count(*) FROM ticket WHERE deleted = 0"));

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autofree char *ids = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *where = g_strdup_printf ("deleted = 0 AND %s ORDER BY CASE WHEN sla_due = 0 THEN 1 "
                                                "ELSE 0 END, sla_due, id", filters[i].where);

      g_object_set (f.view, filters[i].property, filters[i].value, NULL);
      wait_list (&f);
      ids = list_ids (&f);
      expected = sql_ids (&f, where);
      g_test_message ("%s=%s: %u of %u", filters[i].property, filters[i].value,
                      g_list_model_get_n_items (G_LIST_MODEL (get_model (&f))), total);
      g_assert_cmpstr (ids, ==, expected);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_model (&f))), >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_model (&f))), <, total);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "inbox.clear-filters", NULL));
      wait_list (&f);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_model (&f))), ==, total);
    }

  /* Filters add up, and the header's search text narrows by subject... */
  g_object_set (f.view, "channel-filter", "email", "priority-filter", "high", NULL);
  gtk_editable_set_text (crm_window_get_search_entry (f.window), "refund");
  crm_ui_test_spin (300);
  wait_list (&f);
  {
    g_autofree char *ids = list_ids (&f);
    g_autofree char *expected = sql_ids (&f, "deleted = 0 AND channel = 'email' AND priority = 'high' "
                                             "AND subject LIKE '%refund%' ORDER BY "
                                             "CASE WHEN sla_due = 0 THEN 1 ELSE 0 END, sla_due, id");

    g_assert_cmpstr (ids, ==, expected);
  }

  /* ...or by number. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "inbox.clear-filters", NULL));
  gtk_editable_set_text (crm_window_get_search_entry (f.window), "#42");
  crm_ui_test_spin (300);
  wait_list (&f);
  {
    g_autofree char *ids = list_ids (&f);
    g_autofree char *expected = sql_ids (&f, "deleted = 0 AND number = 42");

    g_assert_cmpstr (ids, !=, "");
    g_assert_cmpstr (ids, ==, expected);
  }
  gtk_editable_set_text (crm_window_get_search_entry (f.window), "");
  crm_ui_test_spin (300);

  fixture_close (&f);
}

typedef struct
{
  Fixture    *f;
  const char *ids;
  const char *where;
  gint64      expected;
} SqlWait;

static gboolean
sql_count_is (gpointer data)
{
  SqlWait *w = data;

  return crm_test_query_int (w->f->store, "SELECT count(*) FROM ticket WHERE id IN (%s) AND %s",
                             w->ids, w->where) == w->expected;
}

static void
test_bulk_assign_undo (void)
{
  Fixture f = { 0 };
  g_autofree char *path = crm_ui_test_new_db_path ();
  GtkSelectionModel *selection;
  CrmPagedModel *model;
  g_autofree char *where = NULL;
  GString *ids = g_string_new (NULL);
  g_autofree char *id_list = NULL;
  gint64 staff;
  SqlWait wait;

  crm_ui_test_make_demo_db (path);
  fixture_open (&f, path);
  crm_inbox_view_set_folder (f.view, "unassigned");
  wait_list (&f);
  model = get_model (&f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >=, 3);

  /* Three rows, chosen in selection mode. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "inbox.selection-mode", NULL));
  g_assert_true (crm_inbox_view_get_selection_mode (f.view));
  selection = crm_inbox_view_get_selection (f.view);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "inbox.toggle-row", "u", i * 2));
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "", crm_paged_model_get_id (model, i * 2));
    }
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_false (gtk_selection_model_is_selected (selection, 1));
  g_assert_true (gtk_selection_model_is_selected (selection, 4));
  id_list = g_string_free (ids, FALSE);

  staff = crm_test_query_int (f.store, "SELECT id FROM staff_user WHERE deleted = 0 AND active = 1 "
                                       "ORDER BY name LIMIT 1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "inbox.bulk-assign", "x", staff));
  /* The bar goes with the selection. */
  g_assert_false (crm_inbox_view_get_selection_mode (f.view));

  where = g_strdup_printf ("assignee_id = %" G_GINT64_FORMAT, staff);
  wait = (SqlWait) { &f, id_list, where, 3 };
  crm_ui_test_wait (sql_count_is, &wait);
  /* They left Unassigned. */
  crm_ui_test_wait (counted, f.view);
  g_assert_cmpint (crm_inbox_view_get_folder_count (f.view, "unassigned"), ==,
                   crm_test_query_int (f.store, "SELECT count(*) FROM ticket WHERE deleted = 0 AND "
                                        "assignee_id IS NULL AND status IN " WORKING));

  /* Ctrl+Z: unassigned again, and back in the folder. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.undo", NULL));
  wait = (SqlWait) { &f, id_list, "assignee_id IS NULL", 3 };
  crm_ui_test_wait (sql_count_is, &wait);
  wait_list (&f);
  crm_ui_test_spin (200);
  wait_list (&f);
  {
    g_autofree char *listed = list_ids (&f);
    g_auto(GStrv) parts = g_strsplit (id_list, ",", -1);

    for (guint i = 0; parts[i] != NULL; i++)
      {
        g_autofree char *needle = g_strconcat (",", parts[i], ",", NULL);
        g_autofree char *haystack = g_strconcat (",", listed, ",", NULL);

        g_assert_nonnull (strstr (haystack, needle));
      }
  }

  fixture_close (&f);
}

typedef struct
{
  GVariant *param;
} Activation;

static void
on_show_record_cb (GSimpleAction *action,
                   GVariant      *param,
                   Activation    *activation)
{
  g_clear_pointer (&activation->param, g_variant_unref);
  activation->param = g_variant_ref (param);
}

static gboolean
activated (gpointer data)
{
  return ((Activation *) data)->param != NULL;
}

static GtkWidget *
find_row (GtkWidget *widget)
{
  if (CRM_IS_TICKET_ROW (widget) && crm_ticket_row_get_ticket_id (CRM_TICKET_ROW (widget)) != 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = find_row (child);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static gboolean
has_row (gpointer data)
{
  return find_row (data) != NULL;
}

static void
test_keyboard_open (void)
{
  Fixture f = { 0 };
  Activation activation = { 0 };
  GAction *show = NULL;
  GtkWidget *row, *item;
  const char *kind;
  gint64 id;

  fixture_open (&f, NULL);
  show = g_action_map_lookup_action (G_ACTION_MAP (f.window), "show-record");
  g_assert_nonnull (show);
  g_signal_connect (show, "activate", G_CALLBACK (on_show_record_cb), &activation);

  /* Enter on the focused row: its list item's activate signal, which GTK binds to
   * Return, Enter and KP_Enter. */
  crm_ui_test_wait (has_row, crm_inbox_view_get_list_view (f.view));
  row = find_row (GTK_WIDGET (crm_inbox_view_get_list_view (f.view)));
  item = gtk_widget_get_parent (row);
  gtk_widget_grab_focus (item);
  g_assert_true (gtk_widget_has_focus (item));
  g_assert_true (gtk_widget_activate (item));
  crm_ui_test_wait (activated, &activation);

  g_variant_get (activation.param, "(&sx)", &kind, &id);
  g_assert_cmpstr (kind, ==, "ticket");
  g_assert_cmpint (id, ==, crm_ticket_row_get_ticket_id (CRM_TICKET_ROW (row)));

  /* In selection mode the same key picks the row instead. */
  g_clear_pointer (&activation.param, g_variant_unref);
  crm_inbox_view_set_selection_mode (f.view, TRUE);
  g_assert_true (gtk_widget_activate (item));
  crm_ui_test_spin (100);
  g_assert_null (activation.param);
  g_assert_true (gtk_selection_model_is_selected (crm_inbox_view_get_selection (f.view),
                                                  gtk_list_item_get_position (crm_ticket_row_get_list_item (CRM_TICKET_ROW (row)))));
  crm_inbox_view_set_selection_mode (f.view, FALSE);

  g_signal_handlers_disconnect_by_func (show, on_show_record_cb, &activation);
  g_clear_pointer (&activation.param, g_variant_unref);
  fixture_close (&f);
}

static CrmNewTicketDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CRM_IS_NEW_TICKET_DIALOG (window))
        return CRM_NEW_TICKET_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_ready (gpointer data)
{
  return crm_new_ticket_dialog_get_ready (data);
}

static void
test_new_ticket (void)
{
  Fixture f = { 0 };
  g_autofree char *path = crm_ui_test_new_db_path ();
  Activation activation = { 0 };
  CrmNewTicketDialog *dialog;
  GtkWidget *subject;
  GAction *show;
  gint64 person, organization, id;
  const char *kind;

  crm_ui_test_make_demo_db (path);
  fixture_open (&f, path);
  show = g_action_map_lookup_action (G_ACTION_MAP (f.window), "show-record");
  g_signal_connect (show, "activate", G_CALLBACK (on_show_record_cb), &activation);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "win.new-ticket", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (crm_new_ticket_dialog_get_ready (dialog));

  /* A person who works for an organization: the ticket is B2B. */
  person = crm_test_query_int (f.store, "SELECT person_id FROM affiliation WHERE deleted = 0 AND ended = '' "
                                        "AND is_primary = 1 ORDER BY person_id LIMIT 1");
  organization = crm_test_query_int (f.store, "SELECT organization_id FROM affiliation WHERE deleted = 0 "
                                              "AND ended = '' AND person_id = %" G_GINT64_FORMAT
                                              " ORDER BY is_primary DESC LIMIT 1", person);
  subject = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), CRM_TYPE_NEW_TICKET_DIALOG,
                                                       "subject_row"));
  gtk_editable_set_text (GTK_EDITABLE (subject), "Printer jams on every page");
  crm_new_ticket_dialog_set_customer (dialog, "person", person);
  crm_ui_test_wait (dialog_ready, dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "ticket-dialog.create", NULL));

  /* It opens the new ticket. */
  crm_ui_test_wait (activated, &activation);
  g_variant_get (activation.param, "(&sx)", &kind, &id);
  g_assert_cmpstr (kind, ==, "ticket");
  g_assert_cmpint (crm_test_query_int (f.store, "SELECT count(*) FROM ticket WHERE id = %" G_GINT64_FORMAT
                                       " AND subject = 'Printer jams on every page' AND person_id = %"
                                       G_GINT64_FORMAT " AND organization_id = %" G_GINT64_FORMAT
                                       " AND channel = 'email' AND priority = 'normal' AND status = 'new'"
                                       " AND assignee_id = (SELECT CAST (value AS INTEGER) FROM meta"
                                       " WHERE key = 'current-user')",
                                       id, person, organization), ==, 1);
  crm_ui_test_spin (100);
  g_assert_null (find_dialog ());

  g_signal_handlers_disconnect_by_func (show, on_show_record_cb, &activation);
  g_clear_pointer (&activation.param, g_variant_unref);
  fixture_close (&f);
}

static void
measure_row_widths (GtkWidget *widget,
                    int       *widest)
{
  if (CRM_IS_TICKET_ROW (widget))
    {
      int min;

      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      *widest = MAX (*widest, min);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    measure_row_widths (child, widest);
}

/* A phone-sized window: the folders fold away, every row fits. */
static void
test_narrow (void)
{
  Fixture f = { 0 };
  AdwFlap *flap;
  int min = 0, widest = 0;

  fixture_open (&f, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f.window), 360, 700);
  crm_ui_test_wait (has_row, crm_inbox_view_get_list_view (f.view));
  crm_ui_test_spin (300);

  flap = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (f.view), CRM_TYPE_INBOX_VIEW, "flap"));
  g_assert_true (adw_flap_get_folded (flap));
  gtk_widget_measure (GTK_WIDGET (f.view), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  measure_row_widths (GTK_WIDGET (f.view), &widest);
  g_test_message ("inbox: at least %d px, its widest row %d px", min, widest);
  g_assert_cmpint (min, <=, 360);
  g_assert_cmpint (widest, <=, 360);

  /* F9 shows the folders over the list; choosing one puts them away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "inbox.toggle-folders", NULL));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  {
    GtkListBox *folders = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (f.view), CRM_TYPE_INBOX_VIEW,
                                                                       "folder_list"));
    GtkListBoxRow *waiting = gtk_list_box_get_row_at_index (folders, 3);

    g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (waiting)), ==, "waiting");
    gtk_list_box_select_row (folders, waiting);
    g_assert_true (gtk_widget_activate (GTK_WIDGET (waiting)));
  }
  g_assert_cmpstr (crm_inbox_view_get_folder (f.view), ==, "waiting");
  g_assert_false (adw_flap_get_reveal_flap (flap));

  fixture_close (&f);
}

static void
test_countdown (void)
{
  const gint64 now = 1790000000;
  CrmTicketSlaState state;
  char *text;

  /* Breached 40 minutes ago. */
  text = crm_ticket_row_format_sla ("open", now - 40 * 60, now, &state);
  g_assert_cmpstr (text, ==, "Breached 40 min ago");
  g_assert_cmpint (state, ==, CRM_TICKET_SLA_BREACHED);
  g_free (text);

  text = crm_ticket_row_format_sla ("new", now - (26 * 3600 + 5 * 60), now, &state);
  g_assert_cmpstr (text, ==, "Breached 1 d 2 h ago");
  g_free (text);

  /* Waiting on the customer: the clock is paused, whatever the due time. */
  text = crm_ticket_row_format_sla ("waiting-on-customer", now - 3600, now, &state);
  g_assert_cmpstr (text, ==, "Paused");
  g_assert_cmpint (state, ==, CRM_TICKET_SLA_PAUSED);
  g_free (text);

  /* Running: whole minutes, rounded up. */
  text = crm_ticket_row_format_sla ("open", now + 2 * 3600 + 15 * 60, now, &state);
  g_assert_cmpstr (text, ==, "2 h 15 min left");
  g_assert_cmpint (state, ==, CRM_TICKET_SLA_RUNNING);
  g_free (text);

  text = crm_ticket_row_format_sla ("open", now + 59 * 60 + 1, now, &state);
  g_assert_cmpstr (text, ==, "1 h left");
  g_assert_cmpint (state, ==, CRM_TICKET_SLA_SOON);
  g_free (text);

  /* No clock. */
  text = crm_ticket_row_format_sla ("resolved", 0, now, &state);
  g_assert_cmpstr (text, ==, "");
  g_assert_cmpint (state, ==, CRM_TICKET_SLA_NONE);
  g_free (text);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = crm_ui_test_init (&argc, &argv);
  demo_path = crm_ui_test_new_db_path ();
  crm_ui_test_make_demo_db (demo_path);

  g_test_add_func ("/ui/inbox/countdown", test_countdown);
  g_test_add_func ("/ui/inbox/folder-counts", test_folder_counts);
  g_test_add_func ("/ui/inbox/default-order", test_default_order);
  g_test_add_func ("/ui/inbox/filters", test_filters);
  g_test_add_func ("/ui/inbox/bulk-assign-undo", test_bulk_assign_undo);
  g_test_add_func ("/ui/inbox/keyboard-open", test_keyboard_open);
  g_test_add_func ("/ui/inbox/new-ticket", test_new_ticket);
  g_test_add_func ("/ui/inbox/narrow", test_narrow);

  ret = g_test_run ();
  g_clear_object (&app);
  g_free (demo_path);
  return ret;
}

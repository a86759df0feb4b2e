/* test-service-settings.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Service page of the preferences on the small sample data, in a real
 * window: it lists the sample calendars, SLA policies and canned replies;
 * a calendar's working hours edited on its subpage (a day switched on, a
 * time changed, hours added, overlapping hours refused) show up as the
 * stored hours text; a holiday added through its dialog, removed and
 * brought back with Undo; the time zone chosen from the keyboard (typed,
 * Down into the list, Enter); a policy deleted and undone; "You are" and the
 * breach warnings' lead time stored.
 */

#define G_LOG_DOMAIN "TestServiceSettings"

#include "config.h"

#include <string.h>

#include "crm-preferences-window.h"
#include "crm-service-calendar-editor.h"
#include "crm-service-settings.h"
#include "crm-store.h"
#include "crm-test-util.h"
#include "crm-ui-test-util.h"

static CrmApplication *app;

typedef struct
{
  CrmStore   *store;
  const char *sql;
  const char *expected;
} QueryWait;

static gboolean
query_is (gpointer data)
{
  QueryWait *w = data;
  g_autofree char *text = crm_test_query (w->store, "%s", w->sql);

  return g_strcmp0 (text, w->expected) == 0;
}

/* Waits until @sql reads @expected (one line each row). */
static void
wait_query (CrmStore   *store,
            const char *sql,
            const char *expected)
{
  QueryWait w = { store, sql, expected };

  crm_ui_test_wait (query_is, &w);
}

static gboolean
page_loaded (gpointer data)
{
  return crm_service_settings_is_loaded (data);
}

/* The titles of the rows of @group, in order, one a line. */
static char *
row_titles (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, widget);
  while (stack->len > 0)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_ACTION_ROW (w) && !gtk_widget_has_css_class (w, "dim-label"))
        g_string_append_printf (out, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)));
      /* children in reverse, so that they come off the stack in order */
      for (GtkWidget *c = gtk_widget_get_last_child (w); c != NULL; c = gtk_widget_get_prev_sibling (c))
        g_ptr_array_add (stack, c);
    }
  return g_string_free (out, FALSE);
}

static void
collect_drop_downs (GtkWidget *widget,
                    GPtrArray *found)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_DROP_DOWN (c))
        g_ptr_array_add (found, c);
      else
        collect_drop_downs (c, found);
    }
}

/* The @nth time drop-down in @row (start, end, start, end...). */
typedef struct
{
  GtkWidget  *widget;
  const char *text;
  gboolean    shown;
} TitlesWait;

/* Whether a row titled @text is shown (or not, as asked) in @widget. */
static gboolean
titles_show (gpointer data)
{
  TitlesWait *w = data;
  g_autofree char *titles = row_titles (w->widget);
  g_autofree char *line = g_strdup_printf ("%s\n", w->text);
  gboolean found = g_str_has_prefix (titles, line) || strstr (titles, line) != NULL;

  return found == w->shown;
}

static GtkDropDown *
find_drop_down (GtkWidget *row,
                guint      nth)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_drop_downs (row, found);
  g_assert_cmpuint (nth, <, found->len);
  return found->pdata[nth];
}

static void
select_time (GtkDropDown *drop_down,
             const char  *time)
{
  GListModel *model = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), time) == 0)
        {
          gtk_drop_down_set_selected (drop_down, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
editor_shown (gpointer data)
{
  return crm_service_settings_get_calendar_editor (data) != NULL;
}

static gboolean
editor_idle (gpointer data)
{
  return !crm_service_calendar_editor_is_saving (data);
}

static gboolean
zones_listed (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (data))) > 0;
}

static gboolean
focus_inside (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (data));

  return focus != NULL && gtk_widget_is_ancestor (focus, data);
}

/* Presses @keyval in @widget through its key controller. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}

static void
test_page (void)
{
  g_autofree char *path = crm_ui_test_new_db_path ();
  CrmWindow *window;
  CrmPreferencesWindow *prefs;
  CrmServiceSettings *page;
  CrmServiceCalendarEditor *editor;
  CrmStore *store;
  AdwMessageDialog *dialog;
  GtkWidget *saturday, *monday;
  g_autofree char *calendars = NULL;
  g_autofree char *policies = NULL;
  g_autofree char *replies = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *policy_name = NULL;
  g_autofree char *holidays = NULL;
  g_autoptr(GDateTime) day = NULL;
  gint64 business, holiday, policy;
  TitlesWait titles;

  crm_ui_test_make_demo_db (path);
  window = crm_ui_test_open_window (app, path);
  store = crm_context_get_store (crm_window_get_context (window));

  prefs = crm_preferences_window_new (crm_application_get_settings (app));
  crm_preferences_window_set_context (prefs, crm_window_get_context (window));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  page = CRM_SERVICE_SETTINGS (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                              CRM_TYPE_PREFERENCES_WINDOW,
                                                              "service_page"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page)));
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
  crm_ui_test_wait (page_loaded, page);

  /* The sample data's calendars, policies and replies, in their order. */
  calendars = row_titles (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                     CRM_TYPE_SERVICE_SETTINGS,
                                                                     "calendars_group")));
  g_assert_cmpstr (calendars, ==, "Around the clock\nBusiness hours\n");
  policies = row_titles (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                    CRM_TYPE_SERVICE_SETTINGS,
                                                                    "policies_group")));
  /* in the order the SLA chooses among equals: by id */
  g_free (expected);
  expected = crm_test_query (store, "SELECT name FROM sla_policy WHERE deleted = 0 ORDER BY id");
  g_assert_cmpuint (strlen (policies), >, 0);
  g_assert_cmpstr (policies, ==, expected);
  replies = row_titles (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                   CRM_TYPE_SERVICE_SETTINGS,
                                                                   "replies_group")));
  expected = crm_test_query (store, "SELECT title FROM canned_reply WHERE deleted = 0 ORDER BY title");
  g_assert_cmpstr (replies, ==, expected);

  /* "You are" is stored. */
  {
    AdwComboRow *you = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                     CRM_TYPE_SERVICE_SETTINGS,
                                                                     "you_row"));
    g_autoptr(GtkStringObject) item = NULL;

    guint other = adw_combo_row_get_selected (you) == 1 ? 2 : 1;

    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (you)), >, 2);
    adw_combo_row_set_selected (you, other);
    item = g_list_model_get_item (adw_combo_row_get_model (you), other);
    g_free (sql);
    sql = g_strdup_printf ("SELECT name FROM staff_user WHERE id = "
                           "(SELECT value FROM meta WHERE key = 'current-user')");
    g_free (expected);
    expected = g_strdup_printf ("%s\n", gtk_string_object_get_string (item));
    wait_query (store, sql, expected);
  }

  /* Breach warnings switched on (half an hour ahead at first), an hour ahead, then off. */
  {
    AdwExpanderRow *alerts = ADW_EXPANDER_ROW (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                              CRM_TYPE_SERVICE_SETTINGS,
                                                                              "alerts_row"));
    GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                          CRM_TYPE_SERVICE_SETTINGS,
                                                                          "alert_spin"));
    const char *minutes = "SELECT value FROM meta WHERE key = 'sla-alert-minutes'";

    /* The test database starts with them off (crm_ui_test_make_demo_db:
     * there is no notification server here), and ends with them off. */
    g_assert_false (adw_expander_row_get_enable_expansion (alerts));
    adw_expander_row_set_enable_expansion (alerts, TRUE);
    wait_query (store, minutes, "30\n");
    gtk_spin_button_set_value (spin, 60);
    wait_query (store, minutes, "60\n");
    adw_expander_row_set_enable_expansion (alerts, FALSE);
    wait_query (store, minutes, "0\n");
  }

  /* The working hours of "Business hours", on its subpage. */
  business = crm_test_query_int (store, "SELECT id FROM business_calendar WHERE name = 'Business hours'");
  gtk_widget_activate_action (GTK_WIDGET (page), "service.edit-calendar", "x", business);
  crm_ui_test_wait (editor_shown, page);
  editor = crm_service_settings_get_calendar_editor (page);
  g_assert_cmpint (crm_service_calendar_editor_get_calendar_id (editor), ==, business);
  g_free (sql);
  sql = g_strdup_printf ("SELECT hours FROM business_calendar WHERE id = %" G_GINT64_FORMAT, business);

  /* Saturday switched on takes Friday's hours... */
  saturday = crm_service_calendar_editor_get_day_row (editor, 5);
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (saturday)));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (saturday), TRUE);
  wait_query (store, sql, "mon-sat 09:00-17:00\n");
  /* ...and ends at 13:00. */
  select_time (find_drop_down (saturday, 1), "13:00");
  wait_query (store, sql, "mon-fri 09:00-17:00; sat 09:00-13:00\n");

  /* Monday gets evening hours; moved to overlap the day's, they are marked
   * and not saved; put right, they are. */
  monday = crm_service_calendar_editor_get_day_row (editor, 0);
  gtk_widget_activate_action (GTK_WIDGET (editor), "calendar.add-span", "u", 0);
  wait_query (store, sql, "mon 09:00-17:00,18:00-22:00; tue-fri 09:00-17:00; sat 09:00-13:00\n");
  crm_ui_test_wait (editor_idle, editor);
  select_time (find_drop_down (monday, 2), "16:00");
  g_assert_false (crm_service_calendar_editor_is_saving (editor));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_ancestor (GTK_WIDGET (find_drop_down (monday, 2)),
                                                                    ADW_TYPE_ACTION_ROW), "error"));
  select_time (find_drop_down (monday, 2), "17:30");
  wait_query (store, sql, "mon 09:00-17:00,17:30-22:00; tue-fri 09:00-17:00; sat 09:00-13:00\n");

  /* A holiday added through its dialog. */
  holidays = crm_test_query (store, "SELECT day, name FROM holiday WHERE deleted = 0 AND calendar_id = %"
                             G_GINT64_FORMAT " ORDER BY day", business);
  gtk_widget_activate_action (GTK_WIDGET (editor), "calendar.add-holiday", NULL);
  crm_ui_test_wait (dialog_shown, NULL);
  dialog = find_dialog ();
  day = g_date_time_new_local (2031, 5, 1, 12, 0, 0);
  {
    GtkWidget *child = adw_message_dialog_get_extra_child (dialog);
    GtkCalendar *calendar = GTK_CALENDAR (gtk_widget_get_first_child (child));
    GtkEditable *name = GTK_EDITABLE (gtk_widget_get_last_child (child));

    gtk_calendar_select_day (calendar, day);
    gtk_editable_set_text (name, "Labour Day");
  }
  adw_message_dialog_response (dialog, "add");
  g_free (sql);
  sql = g_strdup_printf ("SELECT day, name FROM holiday WHERE deleted = 0 AND calendar_id = %"
                         G_GINT64_FORMAT " AND day > '2030' ", business);
  wait_query (store, sql, "2031-05-01|Labour Day\n");
  holiday = crm_test_query_int (store, "SELECT id FROM holiday WHERE day = '2031-05-01'");

  /* Removed, and brought back by Undo (once the page read the change: the
   * toast that offers Undo comes before that). */
  titles.widget = GTK_WIDGET (editor);
  titles.text = "Labour Day";
  titles.shown = TRUE;
  crm_ui_test_wait (titles_show, &titles);
  gtk_widget_activate_action (GTK_WIDGET (editor), "calendar.remove-holiday", "(xs)", holiday, "Labour Day");
  wait_query (store, sql, "");
  titles.shown = FALSE;
  crm_ui_test_wait (titles_show, &titles);
  gtk_widget_activate_action (GTK_WIDGET (page), "service.undo", NULL);
  wait_query (store, sql, "2031-05-01|Labour Day\n");
  /* The undone toast's hide animation (300 ms) ends before the time-zone
   * popover opens: with libadwaita 1.2.2, opening it while a dismissed
   * toast still animates out crashes in an AdwAnimation "done" handler
   * (about half the runs under MALLOC_PERTURB_=250; none with this wait). */
  crm_ui_test_spin (600);

  /* The time zone, from the keyboard: typed into the search, Down moves
   * into the list, and the list's activation (Enter) takes the zone. */
  {
    GtkWidget *button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CRM_TYPE_SERVICE_CALENDAR_EDITOR,
                                                       "zone_button");
    GtkWidget *search = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CRM_TYPE_SERVICE_CALENDAR_EDITOR,
                                                       "zone_search");
    GtkWidget *list = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CRM_TYPE_SERVICE_CALENDAR_EDITOR,
                                                     "zone_list");
    g_autofree char *zone_sql = g_strdup_printf ("SELECT timezone FROM business_calendar WHERE id = %"
                                                 G_GINT64_FORMAT, business);

    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    crm_ui_test_wait (zones_listed, list);
    g_assert_false (press_key (search, GDK_KEY_Up));
    gtk_editable_set_text (GTK_EDITABLE (search), "Shanghai");
    crm_ui_test_spin (300);  /* the search entry's delay */
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)))),
                      ==, 1);
    g_assert_true (press_key (search, GDK_KEY_Down));
    crm_ui_test_wait (focus_inside, list);
    g_signal_emit_by_name (list, "activate", 0);
    wait_query (store, zone_sql, "Asia/Shanghai\n");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_template_child (
                       GTK_WIDGET (editor), CRM_TYPE_SERVICE_CALENDAR_EDITOR, "zone_row"))), ==, "Asia/Shanghai");
  }

  /* Back on the page, the calendar's summary counts the new holiday. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "calendar.back", NULL);

  /* A policy deleted, and undone. */
  policy = crm_test_query_int (store, "SELECT id FROM sla_policy WHERE deleted = 0 ORDER BY id DESC LIMIT 1");
  policy_name = crm_test_query (store, "SELECT name FROM sla_policy WHERE id = %" G_GINT64_FORMAT, policy);
  *strchr (policy_name, '\n') = '\0';
  g_free (sql);
  sql = g_strdup_printf ("SELECT deleted FROM sla_policy WHERE id = %" G_GINT64_FORMAT, policy);
  gtk_widget_activate_action (GTK_WIDGET (page), "service.delete-policy", "x", policy);
  wait_query (store, sql, "1\n");
  titles.widget = GTK_WIDGET (page);
  titles.text = policy_name;
  titles.shown = FALSE;
  crm_ui_test_wait (titles_show, &titles);
  gtk_widget_activate_action (GTK_WIDGET (page), "service.undo", NULL);
  wait_query (store, sql, "0\n");

  gtk_window_destroy (GTK_WINDOW (prefs));
  crm_ui_test_spin (100);
  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = crm_ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/service-settings/page", test_page);

  ret = g_test_run ();
  g_clear_object (&app);

  return ret;
}

/* test-pages.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person and organization pages in the real window on the sample data:
 * "win.show-record", the sections' contents against the database, editing
 * with validation, logging a call, delete with undo, new records, and the
 * navigation between pages.
 */

#define G_LOG_DOMAIN "TestPages"

#include "config.h"

#include <sqlite3.h>

#include "crm-ui-test-util.h"
#include "crm-activity-editor.h"
#include "crm-affiliation.h"
#include "crm-custom-fields.h"
#include "crm-organization-page.h"
#include "crm-page-util.h"
#include "crm-person-page.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-person-photo.h"
#include "crm-ticket-page.h"
#include "crm-test-util.h"

static CrmApplication *app;
static char *demo_path;

/* The database, read through a connection of its own (after a flush). */

static gint64
db_int (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (demo_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static char *
db_text (const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (demo_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
flush (CrmWindow *window)
{
  CrmStore *store = crm_context_get_store (crm_window_get_context (window));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_flush_async (store, NULL, crm_test_store_result, &result);
  crm_store_flush_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
}

/* Widgets. */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_type_name (GtkWidget  *root,
                const char *type_name)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), type_name))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type_name (child, type_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkListBox *
page_list (GtkWidget  *page,
           const char *name)
{
  GtkWidget *list = find_named (page, name);

  g_assert_nonnull (list);
  g_assert_true (GTK_IS_LIST_BOX (list));

  return GTK_LIST_BOX (list);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

static guint
count_visible_rows (GtkListBox *list)
{
  guint n = 0;

  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    if (gtk_widget_get_visible (GTK_WIDGET (gtk_list_box_get_row_at_index (list, i))))
      n++;

  return n;
}

typedef struct
{
  GtkListBox *list;
  guint       n_rows;
} VisibleWait;

static gboolean
visible_rows_are (gpointer data)
{
  VisibleWait *wait = data;

  return count_visible_rows (wait->list) == wait->n_rows;
}

static const char *
row_title (GtkListBox *list,
           guint       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

static GtkWidget *
template_child (GtkWidget  *page,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (page, type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

typedef struct
{
  CrmWindow *window;
  GType      type;
  gint64     id;
} PageWait;

static gboolean
page_shown (gpointer data)
{
  PageWait *wait = data;
  GtkWidget *page = crm_window_get_record_page (wait->window);
  CrmRecord *record = NULL;

  if (page == NULL || !G_TYPE_CHECK_INSTANCE_TYPE (page, wait->type))
    return FALSE;

  g_object_get (page, "record", &record, NULL);
  g_object_unref (record);

  return crm_record_get_id (record) == wait->id;
}

static GtkWidget *
show_record (CrmWindow  *window,
             const char *kind,
             gint64      id,
             GType       page_type,
             gint64      page_id)
{
  PageWait wait = { window, page_type, page_id };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record",
                                             "(sx)", kind, id));
  crm_ui_test_wait (page_shown, &wait);

  return crm_window_get_record_page (window);
}

typedef struct
{
  GtkListBox *list;
  guint       n_rows;
} RowsWait;

static gboolean
rows_loaded (gpointer data)
{
  RowsWait *wait = data;

  return count_rows (wait->list) == wait->n_rows;
}

static void
wait_rows (GtkListBox *list,
           guint       n_rows)
{
  RowsWait wait = { list, n_rows };

  crm_ui_test_wait (rows_loaded, &wait);
}

static gboolean
titles_loaded (gpointer data)
{
  GtkListBox *list = data;
  guint n = count_rows (list);

  for (guint i = 0; i < n; i++)
    if (row_title (list, i)[0] == '\0')
      return FALSE;

  return n > 0;
}

static gboolean
no_record_page (gpointer data)
{
  return crm_window_get_record_page (data) == NULL;
}

static gboolean
not_editing (gpointer data)
{
  gboolean editing = TRUE;

  g_object_get (data, "editing", &editing, NULL);
  return !editing;
}

/* A person with an organization or orders (the sample data has few with
 * both) and the most activities: most sections have something to show. */
static gint64
pick_person (void)
{
  return db_int ("SELECT p.id FROM person p WHERE p.deleted = 0 ORDER BY "
                 "EXISTS (SELECT 1 FROM affiliation a WHERE a.person_id = p.id AND a.deleted = 0) "
                 "+ EXISTS (SELECT 1 FROM customer_order o WHERE o.person_id = p.id "
                 "          AND o.deleted = 0) DESC, "
                 "(SELECT count (*) FROM activity a WHERE a.subject_kind = 'person' "
                 " AND a.subject_id = p.id AND a.deleted = 0) DESC, p.id LIMIT 1");
}

static void
check_person_sections (GtkWidget *page,
                       gint64     id)
{
  g_autofree char *sql = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  GtkWidget *name_label = template_child (page, CRM_TYPE_PERSON_PAGE, "name_label");
  GtkWidget *email_row = template_child (page, CRM_TYPE_PERSON_PAGE, "email_row");
  gint64 n_orders, n_affiliations, n_activities;

  sql = g_strdup_printf ("SELECT display_name FROM person WHERE id = %" G_GINT64_FORMAT, id);
  name = db_text (sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT email FROM person WHERE id = %" G_GINT64_FORMAT, id);
  email = db_text (sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM customer_order WHERE deleted = 0 AND "
                         "person_id = %" G_GINT64_FORMAT, id);
  n_orders = db_int (sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM affiliation WHERE deleted = 0 AND "
                         "person_id = %" G_GINT64_FORMAT, id);
  n_affiliations = db_int (sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM activity WHERE deleted = 0 AND "
                         "subject_kind = 'person' AND subject_id = %" G_GINT64_FORMAT, id);
  n_activities = db_int (sql);

  g_assert_cmpint (n_orders + n_affiliations, >, 0);
  g_assert_cmpint (n_activities, >, 0);

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (name_label)), ==, name);
  if (email[0] != '\0')
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (email_row)), ==, email);

  wait_rows (page_list (page, "purchases-list"), n_orders);
  wait_rows (page_list (page, "affiliations-list"), n_affiliations);
  wait_rows (page_list (page, "timeline-list"), n_activities);
  /* Organization names arrive with their records. */
  if (n_affiliations > 0)
    crm_ui_test_wait (titles_loaded, page_list (page, "affiliations-list"));
}

static void
edit_email (CrmWindow *window,
            GtkWidget *page,
            gint64     id)
{
  GtkWidget *entry = template_child (page, CRM_TYPE_PERSON_PAGE, "email_entry");
  GtkWidget *error_label = template_child (page, CRM_TYPE_PERSON_PAGE, "error_label");
  g_autofree char *sql = g_strdup_printf ("SELECT email FROM person WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *before = db_text (sql);
  g_autofree char *after = NULL;

  g_assert_true (gtk_widget_activate_action (page, "page.edit", NULL));
  g_assert_true (crm_person_page_get_editing (CRM_PERSON_PAGE (page)));

  /* Invalid: marked, explained, kept in edit mode, and not saved. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "not an address@");
  g_assert_true (gtk_widget_activate_action (page, "page.done", NULL));
  g_assert_true (crm_person_page_get_editing (CRM_PERSON_PAGE (page)));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), !=, "");
  flush (window);
  after = db_text (sql);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (crm_person_get_email (crm_person_page_get_record (CRM_PERSON_PAGE (page))),
                   ==, before);

  /* Typing clears the mark; a valid address is saved, the domain lowered. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "  New.Address@Example.COM ");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_activate_action (page, "page.done", NULL));
  g_assert_false (crm_person_page_get_editing (CRM_PERSON_PAGE (page)));
  g_assert_false (gtk_widget_get_visible (error_label));
  flush (window);
  g_clear_pointer (&after, g_free);
  after = db_text (sql);
  g_assert_cmpstr (after, ==, "New.Address@example.com");
}

static GtkWidget *
find_editor (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CRM_IS_ACTIVITY_EDITOR (window))
        return GTK_WIDGET (window);
    }

  return NULL;
}

static gboolean
editor_closed (gpointer data)
{
  return find_editor () == NULL;
}

static gboolean
first_row_is (gpointer data)
{
  GtkListBox *list = data;
  const char *expected = g_object_get_data (G_OBJECT (list), "expected-title");

  return gtk_list_box_get_row_at_index (list, 0) != NULL &&
         g_strcmp0 (row_title (list, 0), expected) == 0;
}

static void
log_call (CrmWindow *window,
          GtkWidget *page,
          gint64     id)
{
  GtkListBox *timeline = page_list (page, "timeline-list");
  guint n_before = count_rows (timeline);
  g_autofree char *sql = NULL;
  GtkWidget *editor;
  GtkWidget *summary;

  g_assert_true (gtk_widget_activate_action (page, "page.log-activity", "s", "call"));
  editor = find_editor ();
  g_assert_nonnull (editor);

  /* Nothing to save yet: the dialog says so and stays. */
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  crm_ui_test_spin (50);
  g_assert_true (find_editor () == editor);

  summary = template_child (editor, CRM_TYPE_ACTIVITY_EDITOR, "summary_entry");
  gtk_editable_set_text (GTK_EDITABLE (summary), "Called about the renewal");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  crm_ui_test_wait (editor_closed, NULL);

  g_object_set_data (G_OBJECT (timeline), "expected-title", (gpointer) "Called about the renewal");
  crm_ui_test_wait (first_row_is, timeline);
  g_assert_cmpuint (count_rows (timeline), ==, n_before + 1);

  flush (window);
  sql = g_strdup_printf ("SELECT count (*) FROM activity WHERE kind = 'call' AND "
                         "subject_kind = 'person' AND subject_id = %" G_GINT64_FORMAT
                         " AND summary = 'Called about the renewal' AND duration = 900", id);
  g_assert_cmpint (db_int (sql), ==, 1);
}

static gboolean
toast_says (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (toast_says (child, text))
      return TRUE;

  return FALSE;
}

static void
delete_and_undo (CrmWindow *window,
                 GtkWidget *page,
                 gint64     id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM person WHERE id = %" G_GINT64_FORMAT, id);
  g_autofree char *name = g_strdup (crm_person_get_display_name (crm_person_page_get_record (CRM_PERSON_PAGE (page))));
  g_autofree char *message = g_strdup_printf ("Deleted “%s”", name);
  GAction *undo = g_action_map_lookup_action (G_ACTION_MAP (window), "undo");
  GtkWidget *toast;

  g_assert_true (gtk_widget_activate_action (page, "page.delete", NULL));
  crm_ui_test_wait (no_record_page, window);

  toast = find_type_name (GTK_WIDGET (window), "AdwToastWidget");
  g_assert_nonnull (toast);
  g_assert_true (toast_says (toast, message));
  g_assert_true (g_action_get_enabled (undo));

  flush (window);
  g_assert_cmpint (db_int (sql), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (g_action_get_enabled (undo));
  flush (window);
  g_assert_cmpint (db_int (sql), ==, 0);
}

static void
toggle_consent (CrmWindow *window,
                GtkWidget *page,
                gint64     id)
{
  GtkWidget *sw = template_child (page, CRM_TYPE_PERSON_PAGE, "consent_sms_switch");
  g_autofree char *sql = g_strdup_printf ("SELECT consent_sms FROM person WHERE id = %"
                                          G_GINT64_FORMAT, id);
  g_autofree char *updated = g_strdup_printf ("SELECT consent_updated FROM person WHERE id = %"
                                              G_GINT64_FORMAT, id);
  gint64 before = db_int (sql);

  /* A switch saves by itself and records when consent changed. */
  g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (sw)), ==, before);
  gtk_switch_set_active (GTK_SWITCH (sw), !before);
  for (guint i = 0; i < 100 && db_int (sql) == before; i++)
    {
      crm_ui_test_spin (20);
      flush (window);
    }
  g_assert_cmpint (db_int (sql), ==, !before);
  g_assert_cmpint (db_int (updated), >, 0);
}

static gboolean
avatar_has_image (gpointer data)
{
  return adw_avatar_get_custom_image (data) != NULL;
}

static gboolean
avatar_has_no_image (gpointer data)
{
  return adw_avatar_get_custom_image (data) == NULL;
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A photo saved elsewhere shows on the open page; in edit mode the avatar's
 * button removes it. */
static void
photo (CrmWindow *window,
       GtkWidget *page,
       gint64     id)
{
  CrmStore *store = crm_context_get_store (crm_window_get_context (window));
  GtkWidget *avatar = find_type_name (page, "AdwAvatar");
  GtkWidget *button;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 32, 32);
  GByteArray *png = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  bytes = g_byte_array_free_to_bytes (png);

  g_assert_nonnull (avatar);
  g_assert_null (adw_avatar_get_custom_image (ADW_AVATAR (avatar)));
  crm_person_photo_save_async (store, id, bytes, NULL, crm_test_store_result, &result);
  g_assert_true (crm_person_photo_save_finish (store, crm_test_await (&result), &error));
  g_assert_no_error (error);
  crm_ui_test_wait (avatar_has_image, avatar);

  /* The avatar's button: only in edit mode. */
  button = gtk_widget_get_next_sibling (avatar);
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  g_assert_false (gtk_widget_get_visible (button));
  g_object_set (page, "editing", TRUE, NULL);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_activate_action (page, "page.remove-photo", NULL));
  crm_ui_test_wait (avatar_has_no_image, avatar);
  g_object_set (page, "editing", FALSE, NULL);
  flush (window);
  sql = g_strdup_printf ("SELECT count(*) FROM person_photo WHERE person_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (db_int (sql), ==, 0);
}

static void
test_person_page (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmContext *context = crm_window_get_context (window);
  gint64 id = pick_person ();
  gint64 latest;
  GtkWidget *page;

  /* Logged "now" must be the newest entry, whatever the sample dates. */
  latest = db_int ("SELECT max (max (occurred, created)) FROM activity");
  crm_context_set_now (context, MAX (latest, crm_context_get_now (context)) + 3600);

  g_assert_cmpint (id, >, 0);
  page = show_record (window, "person", id, CRM_TYPE_PERSON_PAGE, id);
  g_assert_cmpstr (crm_window_get_visible_view (window), !=, NULL);

  check_person_sections (page, id);
  edit_email (window, page, id);
  log_call (window, page, id);
  toggle_consent (window, page, id);
  photo (window, page, id);
  delete_and_undo (window, page, id);

  crm_ui_test_close_window (window);
}

static void
test_organization_page (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  gint64 id = db_int ("SELECT organization_id FROM affiliation WHERE deleted = 0 "
                      "GROUP BY organization_id ORDER BY count (*) DESC, organization_id LIMIT 1");
  g_autofree char *sql = NULL;
  g_autofree char *name = NULL;
  GtkListBox *people;
  GtkListBoxRow *row;
  const char *kind = NULL;
  gint64 n_people, person_id = 0;
  GtkWidget *page;

  page = show_record (window, "organization", id, CRM_TYPE_ORGANIZATION_PAGE, id);
  sql = g_strdup_printf ("SELECT count (*) FROM affiliation WHERE deleted = 0 AND "
                         "organization_id = %" G_GINT64_FORMAT, id);
  n_people = db_int (sql);
  g_assert_cmpint (n_people, >, 1);

  people = page_list (page, "people-list");
  wait_rows (people, n_people);
  crm_ui_test_wait (titles_loaded, people);

  /* A change made elsewhere shows at once: a new colleague joins. */
  {
    CrmStore *store = crm_context_get_store (crm_window_get_context (window));
    g_autoptr(CrmPerson) colleague = g_object_new (CRM_TYPE_PERSON, "display-name", "Zoë Newcomer",
                                                   NULL);
    g_autoptr(CrmAffiliation) affiliation = g_object_new (CRM_TYPE_AFFILIATION, NULL);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    crm_store_insert_async (store, CRM_RECORD (colleague), NULL, crm_test_store_result, &result);
    g_assert_true (crm_store_insert_finish (store, crm_test_await (&result), &error));
    g_assert_no_error (error);
    g_clear_object (&result);

    crm_affiliation_set_person_id (affiliation, crm_record_get_id (CRM_RECORD (colleague)));
    crm_affiliation_set_organization_id (affiliation, id);
    crm_affiliation_set_title (affiliation, "Intern");
    crm_store_insert_async (store, CRM_RECORD (affiliation), NULL, crm_test_store_result, &result);
    g_assert_true (crm_store_insert_finish (store, crm_test_await (&result), &error));
    g_assert_no_error (error);

    wait_rows (people, n_people + 1);
    crm_ui_test_wait (titles_loaded, people);

    /* Someone in the trash leaves the list, and comes back with undo. */
    g_assert_cmpuint (count_visible_rows (people), ==, n_people + 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-record", "(sx)",
                                               "person", crm_record_get_id (CRM_RECORD (colleague))));
    crm_ui_test_wait (visible_rows_are, &(VisibleWait) { people, n_people });
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    crm_ui_test_wait (visible_rows_are, &(VisibleWait) { people, n_people + 1 });
    crm_ui_test_wait (titles_loaded, people);
  }

  /* The first row names its person and targets their page. */
  row = gtk_list_box_get_row_at_index (people, 0);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.show-record");
  g_variant_get (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row)), "(&sx)",
                 &kind, &person_id);
  g_assert_cmpstr (kind, ==, "person");
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM affiliation WHERE deleted = 0 AND organization_id = %"
                         G_GINT64_FORMAT " AND person_id = %" G_GINT64_FORMAT, id, person_id);
  g_assert_cmpint (db_int (sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT display_name FROM person WHERE id = %" G_GINT64_FORMAT, person_id);
  name = db_text (sql);
  g_assert_cmpstr (row_title (people, 0), ==, name);

  /* Activating a person opens their page over the organization's. */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
  crm_ui_test_wait (page_shown, &(PageWait) { window, CRM_TYPE_PERSON_PAGE, person_id });

  /* Back (Alt+Left's action, Escape) first leaves edit mode, unsaved... */
  page = crm_window_get_record_page (window);
  g_assert_true (gtk_widget_activate_action (page, "page.edit", NULL));
  gtk_editable_set_text (GTK_EDITABLE (template_child (page, CRM_TYPE_PERSON_PAGE, "given_entry")),
                         "Never saved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_true (crm_window_get_record_page (window) == page);
  g_assert_false (crm_person_page_get_editing (CRM_PERSON_PAGE (page)));
  g_assert_cmpstr (crm_person_get_display_name (crm_person_page_get_record (CRM_PERSON_PAGE (page))),
                   ==, name);

  /* ...then returns to the organization, then to the view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_true (CRM_IS_ORGANIZATION_PAGE (crm_window_get_record_page (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_null (crm_window_get_record_page (window));

  crm_ui_test_close_window (window);
}

static void
test_ticket_page (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  gint64 ticket = db_int ("SELECT id FROM ticket WHERE deleted = 0 AND person_id IS NOT NULL "
                          "AND organization_id IS NOT NULL ORDER BY id LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("SELECT person_id FROM ticket WHERE id = %"
                                          G_GINT64_FORMAT, ticket);
  gint64 person = db_int (sql);
  gint64 organization;
  GAction *new_record;

  g_free (sql);
  sql = g_strdup_printf ("SELECT organization_id FROM ticket WHERE id = %" G_GINT64_FORMAT, ticket);
  organization = db_int (sql);

  /* A ticket has its own page (test-ticket-page.c), which links to its person. */
  show_record (window, "ticket", ticket, CRM_TYPE_TICKET_PAGE, ticket);
  show_record (window, "person", person, CRM_TYPE_PERSON_PAGE, person);

  /* A sidebar choice leaves the pages. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "people"));
  g_assert_null (crm_window_get_record_page (window));

  /* A reminder's notification opens its record through app.show-record. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "show-record",
                                  g_variant_new ("(sx)", "organization", organization));
  crm_ui_test_wait (page_shown, &(PageWait) { window, CRM_TYPE_ORGANIZATION_PAGE, organization });
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "people"));

  /* Ctrl+N makes a record of the kind the view lists, and only there. */
  new_record = g_action_map_lookup_action (G_ACTION_MAP (window), "new-record");
  g_assert_true (g_action_get_enabled (new_record));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-record", NULL));
  g_assert_true (CRM_IS_PERSON_PAGE (crm_window_get_record_page (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "pipeline"));
  g_assert_null (crm_window_get_record_page (window));
  g_assert_false (g_action_get_enabled (new_record));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s",
                                             "organizations"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-record", NULL));
  g_assert_true (CRM_IS_ORGANIZATION_PAGE (crm_window_get_record_page (window)));

  crm_ui_test_close_window (window);
}

static void
test_new_person (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  gint64 before = db_int ("SELECT count (*) FROM person");
  GtkWidget *page, *given, *family, *phone, *error_label, *revenue;
  CrmPerson *person;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-person", NULL));
  page = crm_window_get_record_page (window);
  g_assert_true (CRM_IS_PERSON_PAGE (page));
  g_assert_true (crm_person_page_get_editing (CRM_PERSON_PAGE (page)));
  person = crm_person_page_get_record (CRM_PERSON_PAGE (page));
  g_assert_cmpint (crm_record_get_id (CRM_RECORD (person)), ==, 0);

  given = template_child (page, CRM_TYPE_PERSON_PAGE, "given_entry");
  family = template_child (page, CRM_TYPE_PERSON_PAGE, "family_entry");
  phone = template_child (page, CRM_TYPE_PERSON_PAGE, "phone_entry");
  error_label = template_child (page, CRM_TYPE_PERSON_PAGE, "error_label");

  /* No name: refused, nothing inserted. */
  g_assert_true (gtk_widget_activate_action (page, "page.done", NULL));
  g_assert_true (gtk_widget_has_css_class (given, "error"));
  g_assert_true (gtk_widget_get_visible (error_label));

  /* A bad phone number is refused too. */
  gtk_editable_set_text (GTK_EDITABLE (given), "Ada");
  gtk_editable_set_text (GTK_EDITABLE (family), "Lovelace");
  gtk_editable_set_text (GTK_EDITABLE (phone), "call me maybe");
  g_assert_true (gtk_widget_activate_action (page, "page.done", NULL));
  g_assert_true (gtk_widget_has_css_class (phone, "error"));
  g_assert_false (gtk_widget_has_css_class (given, "error"));
  flush (window);
  g_assert_cmpint (db_int ("SELECT count (*) FROM person"), ==, before);

  /* Normalised to E.164 and inserted. */
  gtk_editable_set_text (GTK_EDITABLE (phone), "+44 (0)20 7946 0958");
  g_assert_true (gtk_widget_activate_action (page, "page.done", NULL));
  crm_ui_test_wait (not_editing, page);
  flush (window);
  g_assert_cmpint (db_int ("SELECT count (*) FROM person"), ==, before + 1);
  g_assert_cmpint (crm_record_get_id (CRM_RECORD (person)), >, 0);
  g_assert_cmpint (db_int ("SELECT count (*) FROM person WHERE display_name = 'Ada Lovelace' "
                           "AND phone = '+442079460958'"), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (template_child (page,
                                                                                CRM_TYPE_PERSON_PAGE,
                                                                                "phone_row"))),
                   ==, "+44 207 946 0958");

  /* Cancelling a new organization leaves nothing behind. */
  before = db_int ("SELECT count (*) FROM organization");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-organization", NULL));
  page = crm_window_get_record_page (window);
  g_assert_true (CRM_IS_ORGANIZATION_PAGE (page));
  g_assert_true (gtk_widget_activate_action (page, "page.cancel", NULL));
  g_assert_true (CRM_IS_PERSON_PAGE (crm_window_get_record_page (window)));
  flush (window);
  g_assert_cmpint (db_int ("SELECT count (*) FROM organization"), ==, before);

  /* A new organization: a bad amount is refused, a good one stored in minor
   * units of the currency, with the standard tier. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-organization", NULL));
  page = crm_window_get_record_page (window);
  gtk_editable_set_text (GTK_EDITABLE (template_child (page, CRM_TYPE_ORGANIZATION_PAGE, "name_entry")),
                         "Acme Test Works");
  revenue = template_child (page, CRM_TYPE_ORGANIZATION_PAGE, "revenue_entry");
  gtk_editable_set_text (GTK_EDITABLE (revenue), "12abc");
  g_assert_true (gtk_widget_activate_action (page, "page.done", NULL));
  g_assert_true (gtk_widget_has_css_class (revenue, "error"));
  gtk_editable_set_text (GTK_EDITABLE (revenue), "1,250,000.50");
  gtk_editable_set_text (GTK_EDITABLE (template_child (page, CRM_TYPE_ORGANIZATION_PAGE,
                                                       "currency_entry")), "usd");
  g_assert_true (gtk_widget_activate_action (page, "page.done", NULL));
  crm_ui_test_wait (not_editing, page);
  flush (window);
  g_assert_cmpint (db_int ("SELECT annual_revenue FROM organization WHERE name = 'Acme Test Works' "
                           "AND revenue_currency = 'USD' AND tier = 'standard'"), ==, 125000050);

  crm_ui_test_close_window (window);
}

static GtkWidget *
find_check (GtkWidget *root)
{
  if (GTK_IS_CHECK_BUTTON (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_rows (gpointer data)
{
  return gtk_list_box_get_row_at_index (data, 0) != NULL;
}

/* A task with a reminder, marked done from the timeline; a custom field set
 * on the page, refused when it does not parse. */
static void
test_task_and_custom_field (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmContext *context = crm_window_get_context (window);
  CrmStore *store = crm_context_get_store (context);
  gint64 id = db_int ("SELECT id FROM organization WHERE deleted = 0 ORDER BY id LIMIT 1");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomField) field = NULL;
  g_autoptr(CrmCustomField) choice = NULL;
  g_autofree char *sql = NULL;
  GtkListBox *timeline, *custom;
  GtkWidget *page, *editor, *check, *row;
  gint64 latest, due, remind;

  latest = db_int ("SELECT max (max (occurred, created)) FROM activity");
  crm_context_set_now (context, MAX (latest, crm_context_get_now (context)) + 3600);

  crm_custom_fields_define_async (store, "organization", "Employees on site", "number", NULL, NULL,
                                  NULL, crm_test_store_result, &result);
  field = crm_custom_fields_define_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);

  g_clear_object (&result);
  crm_custom_fields_define_async (store, "organization", "Partner level", "choice",
                                  "[{\"key\": \"gold\", \"label\": \"Gold\"}, "
                                  "{\"key\": \"silver\", \"label\": \"Silver\"}]",
                                  NULL, NULL, crm_test_store_result, &result);
  choice = crm_custom_fields_define_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);

  page = show_record (window, "organization", id, CRM_TYPE_ORGANIZATION_PAGE, id);

  /* Add Task: due tomorrow, reminded an hour before. */
  g_assert_true (gtk_widget_activate_action (page, "page.log-activity", "s", "task"));
  editor = find_editor ();
  gtk_editable_set_text (GTK_EDITABLE (template_child (editor, CRM_TYPE_ACTIVITY_EDITOR,
                                                       "summary_entry")), "Send the contract");
  adw_combo_row_set_selected (ADW_COMBO_ROW (template_child (editor, CRM_TYPE_ACTIVITY_EDITOR,
                                                             "remind_combo")), 3);
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  crm_ui_test_wait (editor_closed, NULL);

  timeline = page_list (page, "timeline-list");
  g_object_set_data (G_OBJECT (timeline), "expected-title", (gpointer) "Send the contract");
  crm_ui_test_wait (first_row_is, timeline);
  flush (window);
  sql = g_strdup_printf ("SELECT due FROM activity WHERE kind = 'task' AND subject_kind = "
                         "'organization' AND subject_id = %" G_GINT64_FORMAT
                         " AND summary = 'Send the contract' AND done = 0 AND occurred = 0", id);
  due = db_int (sql);
  g_free (sql);
  sql = g_strdup_printf ("SELECT remind FROM activity WHERE summary = 'Send the contract'");
  remind = db_int (sql);
  g_assert_cmpint (due, >, crm_context_get_now (context));
  g_assert_cmpint (remind, ==, due - 3600);

  /* Its check button marks it done. */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (timeline, 0));
  check = find_check (row);
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_free (sql);
  sql = g_strdup_printf ("SELECT done FROM activity WHERE summary = 'Send the contract'");
  for (guint i = 0; i < 100 && db_int (sql) == 0; i++)
    {
      crm_ui_test_spin (50);
      flush (window);
    }
  g_assert_cmpint (db_int (sql), >, 0);

  /* The custom field: a bad number is marked and not stored; a good one is. */
  custom = page_list (page, "custom-list");
  crm_ui_test_wait (has_rows, custom);
  row = NULL;
  for (guint i = 0; gtk_list_box_get_row_at_index (custom, i) != NULL; i++)
    {
      GtkWidget *candidate = GTK_WIDGET (gtk_list_box_get_row_at_index (custom, i));

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (candidate)),
                     "Employees on site") == 0)
        row = candidate;
    }
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "many");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM custom_value WHERE field_id = %" G_GINT64_FORMAT
                         " AND record_id = %" G_GINT64_FORMAT,
                         crm_record_get_id (CRM_RECORD (field)), id);
  flush (window);
  g_assert_cmpint (db_int (sql), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (row), "120");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "apply");
  for (guint i = 0; i < 100 && db_int (sql) == 0; i++)
    {
      crm_ui_test_spin (20);
      flush (window);
    }
  g_free (sql);
  sql = g_strdup_printf ("SELECT num_value FROM custom_value WHERE field_id = %" G_GINT64_FORMAT
                         " AND record_id = %" G_GINT64_FORMAT,
                         crm_record_get_id (CRM_RECORD (field)), id);
  g_assert_cmpint (db_int (sql), ==, 120);

  /* A choice field is a list of its labels; picking one stores its key. */
  row = NULL;
  for (guint i = 0; gtk_list_box_get_row_at_index (custom, i) != NULL; i++)
    {
      GtkWidget *candidate = GTK_WIDGET (gtk_list_box_get_row_at_index (custom, i));

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (candidate)),
                     "Partner level") == 0)
        row = candidate;
    }
  g_assert_true (ADW_IS_COMBO_ROW (row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM custom_value WHERE field_id = %" G_GINT64_FORMAT
                         " AND record_id = %" G_GINT64_FORMAT " AND text_value = 'silver'",
                         crm_record_get_id (CRM_RECORD (choice)), id);
  for (guint i = 0; i < 100 && db_int (sql) == 0; i++)
    {
      crm_ui_test_spin (20);
      flush (window);
    }
  g_assert_cmpint (db_int (sql), ==, 1);

  crm_ui_test_close_window (window);
}

static void
test_phone_format (void)
{
  const struct { const char *stored, *shown; } cases[] = {
    { "+14155550132", "+1 415 555 0132" },
    { "+8613800138000", "+86 138 0013 8000" },
    { "+861065529988", "+86 106 552 9988" },
    { "+442079460958;ext=7", "+44 207 946 0958 ext. 7" },
    { "+4930123456", "+49 3012 3456" },
    { "010-6552 9988", "010-6552 9988" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = crm_page_format_phone (cases[i].stored);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* A list cut at the page's limit says so under its title. */
static void
test_note_limit (void)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (g_object_ref_sink (adw_preferences_group_new ()));

  crm_page_note_limit (group, 100, 100);
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==, "Only the latest 100 are shown.");
  crm_page_note_limit (group, 7, 100);
  g_assert_cmpstr (adw_preferences_group_get_description (group) ?: "", ==, "");
  g_assert_finalize_object (group);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = crm_ui_test_init (&argc, &argv);
  demo_path = crm_ui_test_new_db_path ();
  crm_ui_test_make_demo_db (demo_path);

  g_test_add_func ("/ui/pages/person", test_person_page);
  g_test_add_func ("/ui/pages/organization", test_organization_page);
  g_test_add_func ("/ui/pages/ticket-page", test_ticket_page);
  g_test_add_func ("/ui/pages/new-person", test_new_person);
  g_test_add_func ("/ui/pages/task-and-custom-field", test_task_and_custom_field);
  g_test_add_func ("/ui/pages/phone-format", test_phone_format);
  g_test_add_func ("/ui/pages/note-limit", test_note_limit);

  status = g_test_run ();

  g_free (demo_path);
  g_object_unref (app);

  return status;
}

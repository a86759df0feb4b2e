/* test-ticket-page.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ticket page in the real window on the sample data: "win.show-record"
 * ("ticket", id) opens it with its conversation and customer; a canned reply
 * goes in with its placeholders filled and is sent (in the conversation and
 * the database, first_response set); an internal note leaves first_response
 * alone; the Status menu offers only valid transitions and a change is
 * undone with Ctrl+Z's action; assigning and the priority are undone too;
 * the satisfaction rating is recorded and edited; an article reference is
 * inserted from the picker; and the SLA clock's states.
 */

#define G_LOG_DOMAIN "TestTicketPage"

#include "config.h"

#include <string.h>

#include "crm-ui-test-util.h"
#include "crm-canned-reply.h"
#include "crm-kb.h"
#include "crm-kb-hit.h"
#include "crm-kb-picker.h"
#include "crm-page-util.h"
#include "crm-record.h"
#include "crm-store.h"
#include "crm-ticket-flow.h"
#include "crm-ticket-message.h"
#include "crm-ticket-page.h"
#include "crm-ticket-page-private.h"
#include "crm-test-util.h"

static CrmApplication *app;
static char *demo_path;

static CrmStore *
get_store (CrmWindow *window)
{
  return crm_context_get_store (crm_window_get_context (window));
}

/* One value of the database (its first row, first column) as text. */
#define query_text(store, ...) g_strstrip (crm_test_query (store, __VA_ARGS__))

/* A ticket in @status with a person, a message from them and no reply yet
 * when @unanswered, the lowest number first. */
static gint64
pick_ticket (CrmWindow  *window,
             const char *status,
             gboolean    unanswered)
{
  gint64 id = crm_test_query_int (get_store (window),
                                  "SELECT t.id FROM ticket t WHERE t.deleted = 0 AND t.status = '%s' "
                                  "AND t.person_id IS NOT NULL %s AND EXISTS (SELECT 1 FROM "
                                  "ticket_message m WHERE m.ticket_id = t.id AND m.deleted = 0) "
                                  "ORDER BY t.number LIMIT 1",
                                  status, unanswered ? "AND t.first_response = 0" : "");

  g_assert_cmpint (id, >, 0);
  return id;
}

static GObject *
child (GtkWidget  *page,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (page, CRM_TYPE_TICKET_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

typedef struct
{
  CrmWindow *window;
  gint64     id;
} PageWait;

static gboolean
ticket_page_ready (gpointer data)
{
  PageWait *wait = data;
  GtkWidget *page = crm_window_get_record_page (wait->window);

  return CRM_IS_TICKET_PAGE (page) &&
         crm_record_get_id (CRM_RECORD (crm_ticket_page_get_record (CRM_TICKET_PAGE (page)))) == wait->id &&
         crm_ticket_page_is_loaded (CRM_TICKET_PAGE (page));
}

static GtkWidget *
show_ticket (CrmWindow *window,
             gint64     id)
{
  PageWait wait = { window, id };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-record", "(sx)",
                                             "ticket", id));
  crm_ui_test_wait (ticket_page_ready, &wait);

  return crm_window_get_record_page (window);
}

typedef struct
{
  CrmStore   *store;
  const char *sql;
  gint64      value;
} SqlWait;

static gboolean
sql_is (gpointer data)
{
  SqlWait *wait = data;

  return crm_test_query_int (wait->store, "%s", wait->sql) == wait->value;
}

/* Waits until the number @sql reads is @value. */
static void
wait_sql (CrmStore   *store,
          const char *sql,
          gint64      value)
{
  SqlWait wait = { store, sql, value };

  crm_ui_test_wait (sql_is, &wait);
}

typedef struct
{
  GtkWidget  *page;
  const char *body;
} MessageWait;

static gboolean
conversation_has (gpointer data)
{
  MessageWait *wait = data;
  GListModel *items = crm_ticket_page_get_conversation (CRM_TICKET_PAGE (wait->page));

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);

      if (CRM_IS_TICKET_MESSAGE (item) &&
          g_strcmp0 (crm_ticket_message_get_body (CRM_TICKET_MESSAGE (item)), wait->body) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
wait_in_conversation (GtkWidget  *page,
                      const char *body)
{
  MessageWait wait = { page, body };

  crm_ui_test_wait (conversation_has, &wait);
}

static guint
conversation_length (GtkWidget *page)
{
  return g_list_model_get_n_items (crm_ticket_page_get_conversation (CRM_TICKET_PAGE (page)));
}

/* @text as an SQL string literal; transfer full. */
static char *
sql_quote (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "'", -1);
  g_autofree char *joined = g_strjoinv ("''", parts);

  return g_strdup_printf ("'%s'", joined);
}

static void
type_draft (GtkWidget  *page,
            const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (child (page, "composer_view"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = find_named (w, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_row (gpointer data)
{
  return gtk_list_box_get_row_at_index (data, 0) != NULL;
}

static void
test_open (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 id = pick_ticket (window, "open", FALSE);
  GtkWidget *page = show_ticket (window, id);
  gint64 person = crm_test_query_int (store, "SELECT person_id FROM ticket WHERE id = %"
                                      G_GINT64_FORMAT, id);
  gint64 n_messages = crm_test_query_int (store, "SELECT count (*) FROM ticket_message WHERE "
                                          "ticket_id = %" G_GINT64_FORMAT " AND deleted = 0", id);
  gint64 n_changes = crm_test_query_int (store, "SELECT count (*) FROM ticket_status_change WHERE "
                                         "ticket_id = %" G_GINT64_FORMAT " AND deleted = 0", id);
  g_autofree char *subject = query_text (store, "SELECT subject FROM ticket WHERE id = %"
                                         G_GINT64_FORMAT, id);
  g_autofree char *number = query_text (store, "SELECT '#' || number FROM ticket WHERE id = %"
                                        G_GINT64_FORMAT, id);
  g_autofree char *name = query_text (store, "SELECT display_name FROM person WHERE id = %"
                                      G_GINT64_FORMAT, person);
  GListModel *items = crm_ticket_page_get_conversation (CRM_TICKET_PAGE (page));
  GtkListBox *customers = GTK_LIST_BOX (find_named (page, "customer-list"));
  AdwActionRow *row;
  gint64 last = G_MININT64;
  const char *kind = NULL;
  gint64 target = 0;

  /* The header. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "subject_label"))), ==, subject);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "number_label"))), ==, number);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "status_label"))), ==, "Open");

  /* Every message and status change, oldest first. */
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, n_messages + n_changes);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CrmRecord) item = g_list_model_get_item (items, i);
      gint64 when = CRM_IS_TICKET_MESSAGE (item) ? crm_record_get_int (item, "sent")
                                                 : crm_record_get_int (item, "changed-at");

      g_assert_cmpint (when, >=, last);
      last = when;
    }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "conversation_stack"))),
                   ==, "conversation");

  /* The customer, a link to their page. */
  g_assert_nonnull (customers);
  crm_ui_test_wait (has_row, customers);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (customers, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, name);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.show-record");
  g_variant_get (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (row)), "(&sx)", &kind,
                 &target);
  g_assert_cmpstr (kind, ==, "person");
  g_assert_cmpint (target, ==, person);

  /* Nothing keeps the page alive after its window. */
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  crm_ui_test_close_window (window);
  g_assert_null (page);
}

/* The canned reply whose body names the customer, the ticket and the agent. */
static CrmCannedReply *
find_canned (GtkWidget *page)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child (page, "canned_button")));
  CrmStore *store = crm_record_get_store (CRM_RECORD (crm_ticket_page_get_record (CRM_TICKET_PAGE (page))));

  crm_ui_test_wait ((CrmUiCondition) g_menu_model_get_n_items, menu);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i,
                                                                          G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_INT64);
      CrmRecord *reply = crm_store_lookup (store, CRM_TYPE_CANNED_REPLY,
                                           g_variant_get_int64 (target));

      g_assert_nonnull (reply);
      if (strstr (crm_canned_reply_get_body (CRM_CANNED_REPLY (reply)), "{ticket}") != NULL &&
          strstr (crm_canned_reply_get_body (CRM_CANNED_REPLY (reply)), "{customer}") != NULL)
        return CRM_CANNED_REPLY (reply);
    }

  g_assert_not_reached ();
}

static void
test_canned_reply (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 id = pick_ticket (window, "new", TRUE);
  GtkWidget *page = show_ticket (window, id);
  CrmTicket *ticket = crm_ticket_page_get_record (CRM_TICKET_PAGE (page));
  g_autofree char *customer = query_text (store, "SELECT p.display_name FROM ticket t JOIN person p "
                                          "ON p.id = t.person_id WHERE t.id = %" G_GINT64_FORMAT, id);
  g_autofree char *agent = query_text (store, "SELECT s.name FROM staff_user s JOIN meta m "
                                       "ON m.value = s.id WHERE m.key = 'current-user'");
  gint64 me = crm_test_query_int (store, "SELECT value FROM meta WHERE key = 'current-user'");
  CrmCannedReply *reply = find_canned (page);
  g_autofree char *expected = crm_canned_reply_expand (crm_canned_reply_get_body (reply), customer,
                                                       crm_ticket_get_number (ticket), agent);
  g_autofree char *quoted = NULL;
  g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, crm_ticket_get_number (ticket));
  g_autofree char *draft = NULL;
  g_autofree char *sql = NULL;
  guint n_before = conversation_length (page);

  g_assert_cmpint (me, >, 0);
  g_assert_cmpstr (agent, !=, "");
  g_assert_cmpint (crm_ticket_get_first_response (ticket), ==, 0);

  /* Inserted with the placeholders filled in. */
  g_assert_true (gtk_widget_activate_action (page, "ticket.reply", NULL));
  g_assert_false (crm_ticket_page_get_note_mode (CRM_TICKET_PAGE (page)));
  g_assert_true (gtk_widget_activate_action (page, "ticket.insert-canned", "x",
                                             crm_record_get_id (CRM_RECORD (reply))));
  draft = crm_ticket_page_dup_draft (CRM_TICKET_PAGE (page));
  g_assert_cmpstr (draft, ==, expected);
  g_assert_null (strstr (draft, "{customer}"));
  g_assert_nonnull (strstr (draft, customer));
  g_assert_nonnull (strstr (draft, number));
  g_assert_nonnull (strstr (draft, agent));

  /* Sent: in the database as a reply by me, in the conversation, the
   * first response taken and the new ticket open. */
  g_assert_true (gtk_widget_activate_action (page, "ticket.send", NULL));
  wait_in_conversation (page, expected);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count (*) FROM ticket_message WHERE "
                                       "ticket_id = %" G_GINT64_FORMAT " AND kind = 'reply' AND "
                                       "user_id = %" G_GINT64_FORMAT, id, me), ==, 1);
  quoted = sql_quote (expected);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count (*) FROM ticket_message WHERE "
                                       "ticket_id = %" G_GINT64_FORMAT " AND kind = 'reply' AND "
                                       "body = %s", id, quoted), ==, 1);
  g_assert_cmpint (crm_test_query_int (store, "SELECT first_response FROM ticket WHERE id = %"
                                       G_GINT64_FORMAT, id), >, 0);
  sql = g_strdup_printf ("SELECT status = 'open' FROM ticket WHERE id = %" G_GINT64_FORMAT, id);
  wait_sql (store, sql, 1);
  g_assert_cmpuint (conversation_length (page), >, n_before);
  draft = (g_free (draft), crm_ticket_page_dup_draft (CRM_TICKET_PAGE (page)));
  g_assert_cmpstr (draft, ==, "");

  crm_ui_test_close_window (window);
}

static void
test_note (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 id = pick_ticket (window, "new", TRUE);
  GtkWidget *page = show_ticket (window, id);
  const char *text = "Checked the billing system: the address change is queued.";

  g_assert_true (gtk_widget_activate_action (page, "ticket.note", NULL));
  g_assert_true (crm_ticket_page_get_note_mode (CRM_TICKET_PAGE (page)));
  type_draft (page, text);
  g_assert_true (gtk_widget_activate_action (page, "ticket.send", NULL));
  wait_in_conversation (page, text);

  /* A note is for the team: no first response, the ticket stays new. */
  g_assert_cmpint (crm_test_query_int (store, "SELECT count (*) FROM ticket_message WHERE "
                                       "ticket_id = %" G_GINT64_FORMAT " AND kind = 'note'", id), ==, 1);
  g_assert_cmpint (crm_test_query_int (store, "SELECT first_response FROM ticket WHERE id = %"
                                       G_GINT64_FORMAT, id), ==, 0);
  g_assert_cmpint (crm_test_query_int (store, "SELECT status = 'new' FROM ticket WHERE id = %"
                                       G_GINT64_FORMAT, id), ==, 1);

  crm_ui_test_close_window (window);
}

/* The Status menu offers exactly the valid transitions from @from. */
static void
assert_choices (GtkWidget  *page,
                const char *from)
{
  const char * const *keys = crm_page_list_keys ("ticket-status");
  g_auto(GStrv) choices = crm_ticket_page_dup_status_choices (CRM_TICKET_PAGE (page));
  guint n = 0;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      gboolean valid = crm_ticket_status_can_change (from, keys[i]);

      g_assert_true (g_strv_contains ((const char * const *) choices, keys[i]) == valid);
      n += valid;
    }
  g_assert_cmpuint (g_strv_length (choices), ==, n);
  g_assert_false (g_strv_contains ((const char * const *) choices, from));
}

typedef struct
{
  CrmTicket  *ticket;
  const char *status;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;

  return g_strcmp0 (crm_ticket_get_status (wait->ticket), wait->status) == 0;
}

static void
wait_status (CrmTicket  *ticket,
             const char *status)
{
  StatusWait wait = { ticket, status };

  crm_ui_test_wait (status_is, &wait);
}

static void
test_status_and_undo (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 id = pick_ticket (window, "open", FALSE);
  GtkWidget *page = show_ticket (window, id);
  CrmTicket *ticket = crm_ticket_page_get_record (CRM_TICKET_PAGE (page));
  gint64 n_changes = crm_test_query_int (store, "SELECT count (*) FROM ticket_status_change WHERE "
                                         "ticket_id = %" G_GINT64_FORMAT, id);

  assert_choices (page, "open");

  /* A transition that is not offered does nothing. */
  g_assert_false (crm_ticket_status_can_change ("open", "new"));
  gtk_widget_activate_action (page, "ticket.set-status", "s", "new");
  crm_ui_test_spin (200);
  g_assert_cmpstr (crm_ticket_get_status (ticket), ==, "open");

  /* Open → waiting → resolved, each recorded, the menu following. */
  g_assert_true (gtk_widget_activate_action (page, "ticket.set-status", "s", "waiting-on-customer"));
  wait_status (ticket, "waiting-on-customer");
  assert_choices (page, "waiting-on-customer");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "status_label"))), ==,
                   "Waiting on Customer");
  g_assert_true (gtk_widget_activate_action (page, "ticket.set-status", "s", "resolved"));
  wait_status (ticket, "resolved");
  assert_choices (page, "resolved");
  g_assert_cmpint (crm_test_query_int (store, "SELECT resolved FROM ticket WHERE id = %"
                                       G_GINT64_FORMAT, id), >, 0);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count (*) FROM ticket_status_change WHERE "
                                       "ticket_id = %" G_GINT64_FORMAT, id), ==, n_changes + 2);

  /* Undo (the window's Ctrl+Z) takes the last step back, history and all. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  wait_status (ticket, "waiting-on-customer");
  g_assert_cmpint (crm_test_query_int (store, "SELECT resolved FROM ticket WHERE id = %"
                                       G_GINT64_FORMAT, id), ==, 0);
  g_assert_cmpint (crm_test_query_int (store, "SELECT count (*) FROM ticket_status_change WHERE "
                                       "ticket_id = %" G_GINT64_FORMAT, id), ==, n_changes + 1);
  assert_choices (page, "waiting-on-customer");

  crm_ui_test_close_window (window);
}

typedef struct
{
  CrmTicket  *ticket;
  gint64      assignee;
  const char *priority;
} FieldsWait;

static gboolean
fields_are (gpointer data)
{
  FieldsWait *wait = data;

  return crm_ticket_get_assignee_id (wait->ticket) == wait->assignee &&
         g_strcmp0 (crm_ticket_get_priority (wait->ticket), wait->priority) == 0;
}

static void
test_assign_and_priority (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 me = crm_test_query_int (store, "SELECT value FROM meta WHERE key = 'current-user'");
  gint64 id = crm_test_query_int (store, "SELECT id FROM ticket WHERE status = 'new' AND "
                                  "(assignee_id IS NULL OR assignee_id != %" G_GINT64_FORMAT ") "
                                  "AND priority != 'urgent' ORDER BY number LIMIT 1", me);
  GtkWidget *page = show_ticket (window, id);
  CrmTicket *ticket = crm_ticket_page_get_record (CRM_TICKET_PAGE (page));
  gint64 assignee = crm_ticket_get_assignee_id (ticket);
  g_autofree char *priority = g_strdup (crm_ticket_get_priority (ticket));
  AdwComboRow *combo = ADW_COMBO_ROW (child (page, "priority_combo"));

  /* Assign to Me, then back. */
  crm_ui_test_wait ((CrmUiCondition) gtk_widget_is_sensitive, child (page, "assign_me_button"));
  g_assert_true (gtk_widget_activate_action (page, "ticket.assign-to-me", NULL));
  crm_ui_test_wait (fields_are, &(FieldsWait) { ticket, me, priority });
  g_assert_cmpint (crm_test_query_int (store, "SELECT assignee_id FROM ticket WHERE id = %"
                                       G_GINT64_FORMAT, id), ==, me);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (child (page, "assign_me_button"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  crm_ui_test_wait (fields_are, &(FieldsWait) { ticket, assignee, priority });

  /* Urgent from the priority chooser, then back. */
  adw_combo_row_set_selected (combo, 3);
  crm_ui_test_wait (fields_are, &(FieldsWait) { ticket, assignee, "urgent" });
  g_assert_cmpint (crm_test_query_int (store, "SELECT priority = 'urgent' FROM ticket WHERE id = %"
                                       G_GINT64_FORMAT, id), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  crm_ui_test_wait (fields_are, &(FieldsWait) { ticket, assignee, priority });
  g_assert_cmpuint (adw_combo_row_get_selected (combo), !=, 3);

  crm_ui_test_close_window (window);
}

typedef struct
{
  CrmTicket *ticket;
  gint64     score;
} ScoreWait;

static gboolean
score_is (gpointer data)
{
  ScoreWait *wait = data;

  return crm_ticket_get_csat_score (wait->ticket) == wait->score;
}

static void
rate (GtkWidget  *page,
      guint       stars,
      const char *comment)
{
  GtkWidget *star_box = GTK_WIDGET (child (page, "star_box"));
  GtkWidget *star = gtk_widget_get_first_child (star_box);

  g_assert_true (gtk_widget_activate_action (page, "ticket.edit-csat", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (page, "csat_editor"))));
  for (guint i = 1; i < stars; i++)
    star = gtk_widget_get_next_sibling (star);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (star), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (child (page, "csat_comment_entry")), comment);
  g_assert_true (gtk_widget_activate_action (page, "ticket.save-csat", NULL));
}

static void
test_csat (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 id = crm_test_query_int (store, "SELECT id FROM ticket WHERE status IN ('resolved', "
                                  "'closed') AND csat_score = 0 ORDER BY number LIMIT 1");
  GtkWidget *page = show_ticket (window, id);
  CrmTicket *ticket = crm_ticket_page_get_record (CRM_TICKET_PAGE (page));
  AdwPreferencesRow *row = ADW_PREFERENCES_ROW (child (page, "csat_row"));
  g_autofree char *comment = NULL;

  g_assert_cmpstr (adw_preferences_row_get_title (row), ==, "Not rated yet");

  rate (page, 4, "Quick and friendly");
  crm_ui_test_wait (score_is, &(ScoreWait) { ticket, 4 });
  comment = query_text (store, "SELECT csat_comment FROM ticket WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (comment, ==, "Quick and friendly");
  g_assert_cmpint (crm_test_query_int (store, "SELECT csat_at FROM ticket WHERE id = %"
                                       G_GINT64_FORMAT, id), >, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (row), ==, "4 out of 5");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (page, "csat_editor"))));

  /* Editable: the customer changed their mind. */
  rate (page, 5, "Even better on second thought");
  crm_ui_test_wait (score_is, &(ScoreWait) { ticket, 5 });
  g_assert_cmpstr (adw_preferences_row_get_title (row), ==, "5 out of 5");

  crm_ui_test_close_window (window);
}

static gboolean
picker_has_results (gpointer data)
{
  return !crm_kb_picker_is_searching (data) &&
         g_list_model_get_n_items (crm_kb_picker_get_results (data)) > 0;
}

static void
test_article (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 id = pick_ticket (window, "open", FALSE);
  GtkWidget *page = show_ticket (window, id);
  GtkWidget *button = GTK_WIDGET (child (page, "article_button"));
  CrmKbPicker *picker = CRM_KB_PICKER (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_autofree char *title = query_text (store, "SELECT title FROM kb_article WHERE language = 'en' "
                                       "AND published = 1 AND deleted = 0 ORDER BY id LIMIT 1");
  gint64 article = crm_test_query_int (store, "SELECT id FROM kb_article WHERE title = '%s'",
                                       title);
  g_autofree char *reference = crm_kb_picker_format_reference (article, title);
  g_autofree char *draft = NULL;
  g_autofree char *expected = NULL;
  GListModel *results;

  type_draft (page, "See ");
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (page, "composer_view")));
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_place_cursor (buffer, &end);
  }

  /* Found by its title in the interface's language, inserted at the cursor. */
  g_assert_cmpstr (crm_kb_picker_get_language (picker), ==, "en");
  g_assert_true (gtk_widget_activate_action (page, "ticket.insert-article", NULL));
  crm_kb_picker_search (picker, title);
  crm_ui_test_wait (picker_has_results, picker);
  results = crm_kb_picker_get_results (picker);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CrmKbHit) hit = g_list_model_get_item (results, i);
      CrmRecord *item = CRM_RECORD (crm_kb_hit_get_article (hit));

      g_assert_cmpstr (crm_record_get_text (item, "language"), ==, "en");
      g_assert_true (crm_record_get_bool (item, "published"));
    }
  {
    g_autoptr(CrmKbHit) first = g_list_model_get_item (results, 0);

    g_assert_cmpint (crm_kb_hit_get_article_id (first), ==, article);
  }
  crm_kb_picker_choose (picker, 0);
  draft = crm_ticket_page_dup_draft (CRM_TICKET_PAGE (page));
  expected = g_strconcat ("See ", reference, NULL);
  g_assert_cmpstr (draft, ==, expected);
  g_assert_true (g_str_has_prefix (reference, "KB-"));
  {
    gint64 parsed = 0;
    g_auto(GStrv) parts = g_strsplit (reference, ":", 2);

    /* The knowledge base reads the reference back. */
    g_assert_true (crm_kb_parse_reference (parts[0], &parsed));
    g_assert_cmpint (parsed, ==, article);
  }

  crm_ui_test_close_window (window);
}

static void
test_empty_conversation (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  CrmStore *store = get_store (window);
  gint64 person = crm_test_query_int (store, "SELECT person_id FROM ticket WHERE person_id IS NOT "
                                      "NULL LIMIT 1");
  CrmTicketDraft draft = { .subject = "Printer on fire", .person_id = person };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  gint64 id;

  crm_ticket_flow_create_async (store, &draft, NULL, crm_test_store_result, &result);
  id = crm_ticket_flow_create_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);

  page = show_ticket (window, id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "conversation_stack"))),
                   ==, "empty");
  type_draft (page, "We are on our way.");
  g_assert_true (gtk_widget_activate_action (page, "ticket.send", NULL));
  wait_in_conversation (page, "We are on our way.");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "conversation_stack"))),
                   ==, "conversation");

  crm_ui_test_close_window (window);
}

static void
test_sla_clock (void)
{
  CrmTicketPageSlaClock clock;
  gint64 now = 1000000;

  _crm_ticket_page_sla_clock (&clock, 0, 0, "open", 0, now);
  g_assert_cmpint (clock.state, ==, CRM_SLA_CLOCK_NONE);

  _crm_ticket_page_sla_clock (&clock, now + 7200, 0, "open", 0, now);
  g_assert_cmpint (clock.state, ==, CRM_SLA_CLOCK_RUNNING);
  g_assert_cmpint (clock.left, ==, 7200);

  _crm_ticket_page_sla_clock (&clock, now + 600, 0, "new", 0, now);
  g_assert_cmpint (clock.state, ==, CRM_SLA_CLOCK_SOON);

  _crm_ticket_page_sla_clock (&clock, now - 60, 0, "open", 0, now);
  g_assert_cmpint (clock.state, ==, CRM_SLA_CLOCK_BREACHED);
  g_assert_cmpint (clock.left, ==, -60);

  /* Waiting: the time left as it stood when the wait began. */
  _crm_ticket_page_sla_clock (&clock, now + 100, 0, "waiting-on-customer", now - 3600, now + 5000);
  g_assert_cmpint (clock.state, ==, CRM_SLA_CLOCK_PAUSED);
  g_assert_cmpint (clock.left, ==, 3700);

  _crm_ticket_page_sla_clock (&clock, now, now - 5, "open", 0, now + 99999);
  g_assert_cmpint (clock.state, ==, CRM_SLA_CLOCK_MET);
  _crm_ticket_page_sla_clock (&clock, now, now + 5, "resolved", 0, now + 99999);
  g_assert_cmpint (clock.state, ==, CRM_SLA_CLOCK_LATE);
  _crm_ticket_page_sla_clock (&clock, now, 0, "closed", 0, now + 99999);
  g_assert_cmpint (clock.state, ==, CRM_SLA_CLOCK_STOPPED);
}

static void
test_format_duration (void)
{
  static const struct
  {
    gint64      seconds;
    const char *text;
  } cases[] = {
    { 30, "less than a minute" },
    { 25 * 60, "25 min" },
    { -25 * 60, "25 min" },
    { 3 * 3600, "3 h" },
    { 3 * 3600 + 25 * 60, "3 h 25 min" },
    { 2 * 86400, "2 d" },
    { 2 * 86400 + 5 * 3600 + 59, "2 d 5 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = _crm_ticket_page_format_duration (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static int
min_width (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* The page, reading and editing, fits a phone-sized window. */
static void
test_narrow (void)
{
  CrmWindow *window = crm_ui_test_open_window (app, demo_path);
  gint64 id = pick_ticket (window, "open", FALSE);
  GtkWidget *page = show_ticket (window, id);

  g_assert_cmpint (min_width (page), <=, 360);
  g_assert_true (gtk_widget_activate_action (page, "page.edit", NULL));
  g_assert_true (crm_ticket_page_get_editing (CRM_TICKET_PAGE (page)));
  g_assert_cmpint (min_width (page), <=, 360);
  g_assert_true (gtk_widget_activate_action (page, "page.cancel", NULL));
  g_assert_false (crm_ticket_page_get_editing (CRM_TICKET_PAGE (page)));

  crm_ui_test_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  app = crm_ui_test_init (&argc, &argv);
  demo_path = crm_ui_test_new_db_path ();
  crm_ui_test_make_demo_db (demo_path);

  g_test_add_func ("/ui/ticket-page/sla-clock", test_sla_clock);
  g_test_add_func ("/ui/ticket-page/format-duration", test_format_duration);
  g_test_add_func ("/ui/ticket-page/open", test_open);
  g_test_add_func ("/ui/ticket-page/canned-reply", test_canned_reply);
  g_test_add_func ("/ui/ticket-page/note", test_note);
  g_test_add_func ("/ui/ticket-page/status-and-undo", test_status_and_undo);
  g_test_add_func ("/ui/ticket-page/assign-and-priority", test_assign_and_priority);
  g_test_add_func ("/ui/ticket-page/csat", test_csat);
  g_test_add_func ("/ui/ticket-page/article", test_article);
  g_test_add_func ("/ui/ticket-page/empty-conversation", test_empty_conversation);
  g_test_add_func ("/ui/ticket-page/narrow", test_narrow);

  status = g_test_run ();

  g_free (demo_path);
  g_object_unref (app);

  return status;
}

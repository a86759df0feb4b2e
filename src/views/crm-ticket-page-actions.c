/* crm-ticket-page-actions.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the ticket page changes: the status (the Status menu offers only the
 * transitions crm_ticket_status_can_change() allows), the assignee
 * (a staff chooser and "Assign to Me"), the priority, and the customer's
 * satisfaction rating, each through crm-ticket-flow; status, assignee and
 * priority changes say so in a toast with Undo, also on the window's Ctrl+Z
 * stack.  And the edit mode of the subject and the channel.
 */

#define G_LOG_DOMAIN "CrmTicketPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-ticket-page-private.h"
#include "crm-format.h"
#include "crm-page-util.h"
#include "crm-record.h"
#include "crm-staff-user.h"
#include "crm-store.h"
#include "crm-ticket-flow.h"
#include "crm-ticket-row.h"
#include "crm-window.h"
#include "crm-window-private.h"


/* The Status menu. */

static const char *
status_menu_label (const char *from,
                   const char *to)
{
  gboolean finished = g_strcmp0 (from, "resolved") == 0 || g_strcmp0 (from, "closed") == 0;

  if (g_strcmp0 (to, "open") == 0)
    return finished ? C_("ticket status action", "_Reopen")
                    : C_("ticket status action", "Mark as _Open");
  if (g_strcmp0 (to, "waiting-on-customer") == 0)
    return C_("ticket status action", "_Waiting on Customer");
  if (g_strcmp0 (to, "resolved") == 0)
    return C_("ticket status action", "_Resolve");
  if (g_strcmp0 (to, "closed") == 0)
    return C_("ticket status action", "_Close");
  if (g_strcmp0 (to, "new") == 0)
    return C_("ticket status action", "Mark as _New");

  return to;
}

void
_crm_ticket_page_fill_status_menu (CrmTicketPage *self)
{
  const char * const *keys = crm_page_list_keys ("ticket-status");
  const char *current = crm_ticket_get_status (_crm_ticket_page_get_ticket (self));

  if (self->status_menu == NULL)
    {
      self->status_menu = g_menu_new ();
      gtk_menu_button_set_menu_model (self->status_button, G_MENU_MODEL (self->status_menu));
    }

  g_menu_remove_all (self->status_menu);
  /* Only where the ticket may go from here. */
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (!crm_ticket_status_can_change (current, keys[i]))
        continue;

      item = g_menu_item_new (status_menu_label (current, keys[i]), NULL);
      g_menu_item_set_action_and_target_value (item, "ticket.set-status",
                                               g_variant_new_string (keys[i]));
      g_menu_append_item (self->status_menu, item);
    }
}

/* Undo. */

typedef struct
{
  CrmStore      *store;
  CrmTicketUndo *undo;       /* status and assignee */
  gint64         ticket_id;  /* priority */
  char          *priority;
} PageUndo;

static void
page_undo_free (gpointer data)
{
  PageUndo *undo = data;

  g_object_unref (undo->store);
  g_clear_pointer (&undo->undo, crm_ticket_undo_unref);
  g_free (undo->priority);
  g_free (undo);
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  /* Changed again since (elsewhere): it stays so, and the user is told. */
  if (crm_ticket_flow_undo_finish (CRM_STORE (object), result, &error) < 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    crm_window_add_toast (window, adw_toast_new (error->message));
}

static void
on_priority_undone_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CrmWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_ticket_flow_set_priority_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    crm_window_add_toast (window, adw_toast_new (error->message));
}

static void
run_undo (CrmWindow *window,
          gpointer   data)
{
  PageUndo *undo = data;

  if (undo->undo != NULL)
    crm_ticket_flow_undo_async (undo->store, undo->undo, NULL, on_undone_cb,
                                g_object_ref (window));
  else
    crm_ticket_flow_set_priority_async (undo->store, undo->ticket_id, undo->priority, NULL,
                                        on_priority_undone_cb, g_object_ref (window));
}

/* A toast saying @message, with Undo when the page is in a window. */
static void
toast_with_undo (CrmTicketPage *self,
                 const char    *message,
                 PageUndo      *undo)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast = adw_toast_new (message);

  if (CRM_IS_WINDOW (root))
    {
      _crm_window_push_undo (CRM_WINDOW (root), run_undo, undo, page_undo_free);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  else
    {
      page_undo_free (undo);
    }
  crm_window_toast_for (GTK_WIDGET (self), toast);
}

static PageUndo *
page_undo_new (CrmTicketPage *self)
{
  PageUndo *undo = g_new0 (PageUndo, 1);

  undo->store = g_object_ref (_crm_ticket_page_get_store (self));
  undo->ticket_id = _crm_ticket_page_get_id (self);

  return undo;
}

/* Status. */

typedef struct
{
  CrmTicketPage *page;
  char          *value;
  char          *previous;  /* the priority before */
  gint64         id;
} ChangeRequest;

static ChangeRequest *
change_request_new (CrmTicketPage *self,
                    const char    *value,
                    gint64         id)
{
  ChangeRequest *request = g_new0 (ChangeRequest, 1);

  request->page = g_object_ref (self);
  request->value = g_strdup (value);
  request->id = id;

  return request;
}

static void
change_request_free (ChangeRequest *request)
{
  g_object_unref (request->page);
  g_free (request->value);
  g_free (request->previous);
  g_free (request);
}

/* A refused or failed change: the controls show the ticket as it is. */
static void
report_failure (CrmTicketPage *self,
                GError        *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _crm_ticket_page_toast (self, error->message);
  crm_record_page_update (CRM_RECORD_PAGE (self));
}

static void
on_status_set_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ChangeRequest *request = user_data;
  CrmTicketPage *self = request->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicketUndo) undo = crm_ticket_flow_set_status_finish (CRM_STORE (object), result,
                                                                    &error);
  g_autofree char *message = NULL;
  PageUndo *page_undo;

  if (undo == NULL)
    {
      report_failure (self, error);
      change_request_free (request);
      return;
    }

  /* Translators: a toast; %s is a ticket status, "Resolved" */
  message = g_strdup_printf (_("Status set to “%s”"),
                             crm_page_describe_key ("ticket-status", request->value));
  page_undo = page_undo_new (self);
  page_undo->undo = crm_ticket_undo_ref (undo);
  toast_with_undo (self, message, page_undo);
  change_request_free (request);
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);
  const char *status = g_variant_get_string (param, NULL);
  const char *current = crm_ticket_get_status (_crm_ticket_page_get_ticket (self));

  if (!crm_ticket_status_can_change (current, status))
    return;

  crm_ticket_flow_set_status_async (_crm_ticket_page_get_store (self),
                                    _crm_ticket_page_get_id (self), status, self->current_user,
                                    _crm_ticket_page_get_cancellable (self), on_status_set_cb,
                                    change_request_new (self, status, 0));
}

/* Assignee. */

static void
on_assigned_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ChangeRequest *request = user_data;
  CrmTicketPage *self = request->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicketUndo) undo = crm_ticket_flow_assign_finish (CRM_STORE (object), result,
                                                                &error);
  const char *name = _crm_ticket_page_get_staff_name (self, request->id);
  g_autofree char *message = NULL;
  PageUndo *page_undo;

  if (undo == NULL)
    {
      report_failure (self, error);
      change_request_free (request);
      return;
    }

  if (request->id == 0)
    message = g_strdup (_("The ticket is unassigned"));
  else if (request->id == self->current_user)
    message = g_strdup (_("Assigned to you"));
  else
    /* Translators: a toast; %s is a staff member's name */
    message = g_strdup_printf (_("Assigned to %s"), name != NULL ? name : "");
  page_undo = page_undo_new (self);
  page_undo->undo = crm_ticket_undo_ref (undo);
  toast_with_undo (self, message, page_undo);
  change_request_free (request);
}

static void
assign (CrmTicketPage *self,
        gint64         assignee)
{
  gint64 id = _crm_ticket_page_get_id (self);

  if (assignee == crm_ticket_get_assignee_id (_crm_ticket_page_get_ticket (self)))
    return;

  crm_ticket_flow_assign_async (_crm_ticket_page_get_store (self), &id, 1, assignee,
                                _crm_ticket_page_get_cancellable (self), on_assigned_cb,
                                change_request_new (self, NULL, assignee));
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  assign (CRM_TICKET_PAGE (widget), g_variant_get_int64 (param));
}

static void
assign_to_me_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);

  if (self->current_user != 0)
    assign (self, self->current_user);
}

/* The assignee choices: nobody, then the active staff by name, and the
 * assignee when they are no longer active. */
void
_crm_ticket_page_fill_assignees (CrmTicketPage *self)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  gint64 current = crm_ticket_get_assignee_id (_crm_ticket_page_get_ticket (self));
  guint n = self->staff != NULL ? g_list_model_get_n_items (self->staff) : 0;
  gint64 none = 0;

  g_array_set_size (self->assignee_ids, 0);
  gtk_string_list_append (labels, C_("assignee", "Nobody"));
  g_array_append_val (self->assignee_ids, none);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmStaffUser) user = g_list_model_get_item (self->staff, i);
      gint64 id = crm_record_get_id (CRM_RECORD (user));

      if (!crm_staff_user_get_active (user) && id != current)
        continue;
      if (id == self->current_user)
        {
          /* Translators: the current user in the assignee list, "Li Na (you)" */
          g_autofree char *me = g_strdup_printf (_("%s (you)"), crm_staff_user_get_name (user));

          gtk_string_list_append (labels, me);
        }
      else
        {
          gtk_string_list_append (labels, crm_staff_user_get_name (user));
        }
      g_array_append_val (self->assignee_ids, id);
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->assignee_combo, G_LIST_MODEL (labels));
  self->updating = FALSE;
  g_object_unref (labels);
}

void
_crm_ticket_page_update_combos (CrmTicketPage *self)
{
  gint64 assignee = crm_ticket_get_assignee_id (_crm_ticket_page_get_ticket (self));
  const char *priority = crm_ticket_get_priority (_crm_ticket_page_get_ticket (self));
  const char * const *priorities = crm_ticket_row_priorities ();
  guint assignee_position = 0;

  for (guint i = 0; i < self->assignee_ids->len; i++)
    if (g_array_index (self->assignee_ids, gint64, i) == assignee)
      assignee_position = i;

  self->updating = TRUE;
  if (self->assignee_ids->len > 0)
    adw_combo_row_set_selected (self->assignee_combo, assignee_position);
  for (guint i = 0; priorities[i] != NULL; i++)
    if (g_strcmp0 (priorities[i], priority) == 0)
      adw_combo_row_set_selected (self->priority_combo, i);
  self->updating = FALSE;
}

static void
on_assignee_selected_cb (CrmTicketPage *self)
{
  guint selected = adw_combo_row_get_selected (self->assignee_combo);

  if (self->updating || selected >= self->assignee_ids->len)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "ticket.assign", "x",
                              g_array_index (self->assignee_ids, gint64, selected));
}

/* Priority. */

static void
on_priority_set_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ChangeRequest *request = user_data;
  CrmTicketPage *self = request->page;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  PageUndo *page_undo;

  if (!crm_ticket_flow_set_priority_finish (CRM_STORE (object), result, &error))
    {
      report_failure (self, error);
      change_request_free (request);
      return;
    }

  /* Translators: a toast; %s is a ticket priority, "High" */
  message = g_strdup_printf (_("Priority set to “%s”"),
                             crm_ticket_row_priority_label (request->value));
  page_undo = page_undo_new (self);
  page_undo->priority = g_steal_pointer (&request->previous);
  toast_with_undo (self, message, page_undo);
  change_request_free (request);
}

static void
set_priority_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);
  const char *priority = g_variant_get_string (param, NULL);
  const char *before = crm_ticket_get_priority (_crm_ticket_page_get_ticket (self));
  ChangeRequest *request;

  if (!g_strv_contains (crm_ticket_row_priorities (), priority) ||
      g_strcmp0 (priority, before) == 0)
    return;

  request = change_request_new (self, priority, 0);
  request->previous = g_strdup (before);
  crm_ticket_flow_set_priority_async (_crm_ticket_page_get_store (self),
                                      _crm_ticket_page_get_id (self), priority,
                                      _crm_ticket_page_get_cancellable (self),
                                      on_priority_set_cb, request);
}

static void
on_priority_selected_cb (CrmTicketPage *self)
{
  const char * const *priorities = crm_ticket_row_priorities ();
  guint selected = adw_combo_row_get_selected (self->priority_combo);

  if (self->updating || selected >= g_strv_length ((GStrv) priorities))
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "ticket.set-priority", "s", priorities[selected]);
}

/* Satisfaction. */

static void
show_score (CrmTicketPage *self,
            int            score)
{
  self->csat_score = score;
  for (int i = 0; i < 5; i++)
    {
      gtk_button_set_icon_name (GTK_BUTTON (self->stars[i]),
                                i < score ? "starred-symbolic" : "non-starred-symbolic");
      if (i < score)
        gtk_widget_add_css_class (GTK_WIDGET (self->stars[i]), "lit");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->stars[i]), "lit");
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->csat_save_button), score >= 1 && score <= 5);
}

static void
on_star_toggled_cb (GtkToggleButton *button,
                    CrmTicketPage   *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  show_score (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "crm-score")));
}

static char *
describe_score (int score)
{
  /* Translators: a satisfaction rating, "4 out of 5" */
  return g_strdup_printf (ngettext ("%d out of 5", "%d out of 5", score), score);
}

void
_crm_ticket_page_update_csat (CrmTicketPage *self)
{
  int score = (int) crm_ticket_get_csat_score (_crm_ticket_page_get_ticket (self));
  const char *comment = crm_ticket_get_csat_comment (_crm_ticket_page_get_ticket (self));
  gint64 at = crm_ticket_get_csat_at (_crm_ticket_page_get_ticket (self));
  GtkWidget *prefix = g_object_get_data (G_OBJECT (self->csat_row), "crm-stars");
  g_autoptr(GString) subtitle = g_string_new (comment);

  if (score >= 1 && score <= 5)
    {
      g_autofree char *title = describe_score (score);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->csat_row), title);
      gtk_button_set_label (self->csat_edit_button, _("_Edit…"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->csat_edit_button), _("Edit the rating"));
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->csat_row), _("Not rated yet"));
      gtk_button_set_label (self->csat_edit_button, _("_Record…"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->csat_edit_button),
                                   _("Record the customer’s rating"));
    }

  /* The stars in front of the rating. */
  for (GtkWidget *child = gtk_widget_get_first_child (prefix); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "crm-index"));

      gtk_image_set_from_icon_name (GTK_IMAGE (child),
                                    index < score ? "starred-symbolic" : "non-starred-symbolic");
    }
  /* In the row only with a rating (an empty prefix would still indent it). */
  if (score >= 1 && score <= 5 && gtk_widget_get_parent (prefix) == NULL)
    adw_action_row_add_prefix (self->csat_row, prefix);
  else if ((score < 1 || score > 5) && gtk_widget_get_parent (prefix) != NULL)
    adw_action_row_remove (self->csat_row, prefix);

  if (score > 0 && at != 0)
    {
      g_autofree char *when = crm_format_date_time (at);

      if (subtitle->len > 0)
        g_string_append_c (subtitle, '\n');
      /* Translators: when a satisfaction rating was recorded; %s is a date and time */
      g_string_append_printf (subtitle, _("Recorded %s"), when);
    }
  adw_action_row_set_subtitle (self->csat_row, subtitle->str);
}

static void
edit_csat_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);
  int score = (int) crm_ticket_get_csat_score (_crm_ticket_page_get_ticket (self));

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->csat_editor), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->csat_edit_button), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->csat_comment_entry),
                         crm_ticket_get_csat_comment (_crm_ticket_page_get_ticket (self)));
  if (score >= 1 && score <= 5)
    gtk_toggle_button_set_active (self->stars[score - 1], TRUE);
  else
    for (int i = 0; i < 5; i++)
      gtk_toggle_button_set_active (self->stars[i], FALSE);
  show_score (self, score >= 1 && score <= 5 ? score : 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->stars[score >= 1 && score <= 5 ? score - 1 : 0]));
}

static void
close_csat_editor (CrmTicketPage *self)
{
  gboolean had_focus = gtk_widget_get_focus_child (GTK_WIDGET (self->csat_editor)) != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->csat_editor), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->csat_edit_button), TRUE);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->csat_edit_button));
}

static void
cancel_csat_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  close_csat_editor (CRM_TICKET_PAGE (widget));
}

static void
on_csat_set_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ChangeRequest *request = user_data;
  CrmTicketPage *self = request->page;
  g_autoptr(GError) error = NULL;

  if (!crm_ticket_flow_set_csat_finish (CRM_STORE (object), result, &error))
    report_failure (self, error);
  else
    _crm_ticket_page_toast (self, _("Rating recorded"));

  change_request_free (request);
}

static void
save_csat_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->csat_comment_entry));
  g_autofree char *comment = g_strstrip (g_strdup (text));

  if (self->csat_score < 1 || self->csat_score > 5)
    return;

  crm_ticket_flow_set_csat_async (_crm_ticket_page_get_store (self),
                                  _crm_ticket_page_get_id (self), self->csat_score, comment,
                                  _crm_ticket_page_get_cancellable (self), on_csat_set_cb,
                                  change_request_new (self, NULL, 0));
  close_csat_editor (self);
}

static void
init_stars (CrmTicketPage *self)
{
  GtkWidget *prefix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  for (int i = 0; i < 5; i++)
    {
      GtkWidget *star = gtk_toggle_button_new ();
      GtkWidget *image = gtk_image_new_from_icon_name ("non-starred-symbolic");
      /* Translators: a button of the satisfaction rating: "3 out of 5" */
      g_autofree char *name = describe_score (i + 1);

      gtk_button_set_icon_name (GTK_BUTTON (star), "non-starred-symbolic");
      gtk_widget_add_css_class (star, "flat");
      gtk_widget_add_css_class (star, "csat-star");
      gtk_widget_set_tooltip_text (star, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (star), self->stars[0]);
      g_object_set_data (G_OBJECT (star), "crm-score", GINT_TO_POINTER (i + 1));
      g_signal_connect_object (star, "toggled", G_CALLBACK (on_star_toggled_cb), self, 0);
      gtk_box_append (GTK_BOX (self->star_box), star);
      self->stars[i] = GTK_TOGGLE_BUTTON (star);

      g_object_set_data (G_OBJECT (image), "crm-index", GINT_TO_POINTER (i));
      gtk_widget_add_css_class (image, "csat-star");
      gtk_box_append (GTK_BOX (prefix), image);
    }

  /* The row's title says the rating in words: the stars are decoration. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (prefix), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_valign (prefix, GTK_ALIGN_CENTER);
  /* Kept while out of the row (see _crm_ticket_page_update_csat()). */
  g_object_set_data_full (G_OBJECT (self->csat_row), "crm-stars", g_object_ref_sink (prefix),
                          g_object_unref);
  show_score (self, 0);
}

/* Edit mode. */

void
_crm_ticket_page_apply_editing (CrmRecordPage *page,
                                gboolean       editing)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (page);
  CrmTicket *ticket = _crm_ticket_page_get_ticket (self);
  guint channel = _crm_ticket_page_channel_position (crm_ticket_get_channel (ticket));

  gtk_widget_set_visible (GTK_WIDGET (self->subject_label), !editing);
  /* A phone-sized header holds Cancel and Done only. */
  gtk_widget_set_visible (GTK_WIDGET (self->details_button), !editing);

  if (editing)
    {
      crm_page_set_entry (self->subject_entry, crm_ticket_get_subject (ticket));
      adw_combo_row_set_selected (self->channel_combo, channel);
      crm_page_clear_error (self->subject_entry);
      gtk_widget_grab_focus (GTK_WIDGET (self->subject_entry));
    }
}

gboolean
_crm_ticket_page_commit (CrmRecordPage   *page,
                         CrmPageProblems *problems)
{
  CrmTicketPage *self = CRM_TICKET_PAGE (page);
  CrmRecord *record = crm_record_page_get_record (page);
  g_autofree char *subject = crm_page_dup_entry (self->subject_entry);
  guint position = adw_combo_row_get_selected (self->channel_combo);
  const char *channel = _crm_ticket_page_channel_key (position);

  if (subject[0] == '\0')
    {
      crm_page_report (problems, self->subject_entry, _("A ticket needs a subject."));
      return FALSE;
    }

  /* Saved by the store like any edit of a record. */
  crm_page_set_text_if_changed (record, "subject", subject);
  if (channel != NULL)
    crm_page_set_text_if_changed (record, "channel", channel);
  return TRUE;
}

static void
on_subject_activated_cb (CrmTicketPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "page.done", NULL);
}

void
_crm_ticket_page_init_actions (CrmTicketPage *self)
{
  const char * const *priorities = crm_ticket_row_priorities ();
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; priorities[i] != NULL; i++)
    gtk_string_list_append (labels, crm_ticket_row_priority_label (priorities[i]));
  adw_combo_row_set_model (self->priority_combo, G_LIST_MODEL (labels));
  g_object_unref (labels);

  g_signal_connect_object (self->priority_combo, "notify::selected",
                           G_CALLBACK (on_priority_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->assignee_combo, "notify::selected",
                           G_CALLBACK (on_assignee_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->subject_entry, "entry-activated",
                           G_CALLBACK (on_subject_activated_cb), self, G_CONNECT_SWAPPED);
  init_stars (self);
}

void
_crm_ticket_page_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "ticket.reply", NULL,
                                   _crm_ticket_page_reply_action);
  gtk_widget_class_install_action (widget_class, "ticket.note", NULL,
                                   _crm_ticket_page_note_action);
  gtk_widget_class_install_action (widget_class, "ticket.send", NULL,
                                   _crm_ticket_page_send_action);
  gtk_widget_class_install_action (widget_class, "ticket.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "ticket.set-priority", "s", set_priority_action);
  gtk_widget_class_install_action (widget_class, "ticket.assign", "x", assign_action);
  gtk_widget_class_install_action (widget_class, "ticket.assign-to-me", NULL, assign_to_me_action);
  gtk_widget_class_install_action (widget_class, "ticket.edit-csat", NULL, edit_csat_action);
  gtk_widget_class_install_action (widget_class, "ticket.save-csat", NULL, save_csat_action);
  gtk_widget_class_install_action (widget_class, "ticket.cancel-csat", NULL, cancel_csat_action);
  gtk_widget_class_install_action (widget_class, "ticket.insert-canned", "x",
                                   _crm_ticket_page_insert_canned_action);
  gtk_widget_class_install_action (widget_class, "ticket.insert-article", NULL,
                                   _crm_ticket_page_insert_article_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "ticket.reply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "ticket.note", NULL);
}

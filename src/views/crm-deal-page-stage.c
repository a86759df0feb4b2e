/* crm-deal-page-stage.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deal page's stages: the stage history (each stay with the time spent
 * in it, newest first) and "Move to Stage", which moves the deal to the end
 * of another stage's column through crm_deal_move_async() — confirming a
 * won stage and asking for the reason of a lost one first, in the board's
 * dialog — with an undo toast.
 */

#define G_LOG_DOMAIN "CrmDealPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-deal-page-private.h"
#include "crm-deal-close-dialog.h"
#include "crm-deal-move.h"
#include "crm-deal-rules.h"
#include "crm-deal-stage-history.h"
#include "crm-format.h"
#include "crm-page-util.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-stage.h"
#include "crm-store.h"
#include "crm-window.h"
#include "crm-window-private.h"

#define DAY (24 * 60 * 60)

/* Stage history. */

static char *
format_stay (gint64 seconds)
{
  gint64 days = MAX (seconds, 0) / DAY;
  g_autofree char *count = crm_format_count (days);

  if (days == 0)
    return g_strdup (_("Less than a day"));
  if (days < 60)
    /* Translators: %s is a number of days */
    return g_strdup_printf (ngettext ("%s day", "%s days", (gulong) days), count);

  /* Translators: a long stay: a number of days, then in months */
  return g_strdup_printf (ngettext ("%1$s days, about %2$u month", "%1$s days, about %2$u months",
                                    (gulong) (days / 30)),
                          count, (guint) (days / 30));
}

static GtkWidget *
new_stay_row (CrmDealPage         *self,
              CrmDealStageHistory *stay,
              gint64               now)
{
  CrmRelatedNames *names = crm_record_page_get_names (CRM_RECORD_PAGE (self));
  gint64 stage_id = crm_deal_stage_history_get_stage_id (stay);
  const char *stage = crm_related_names_get_stage (names, stage_id);
  gint64 entered = crm_deal_stage_history_get_entered (stay);
  gint64 left = crm_deal_stage_history_get_left_at (stay);
  g_autofree char *from = crm_format_date (entered);
  g_autofree char *to = left != 0 ? crm_format_date (left) : g_strdup (C_("stage stay", "now"));
  /* Translators: when a deal entered a stage and left it (or "now") */
  g_autofree char *subtitle = g_strdup_printf (C_("stage stay", "%1$s – %2$s"), from, to);
  g_autofree char *length = format_stay ((left != 0 ? left : now) - entered);
  AdwActionRow *row = crm_page_new_row (stage != NULL ? stage : _("Deleted stage"), subtitle);
  GtkWidget *label = gtk_label_new (length);

  gtk_widget_set_name (GTK_WIDGET (row), "history-row");
  gtk_widget_add_css_class (label, "numeric");
  if (left != 0)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "accent");
  adw_action_row_add_suffix (row, label);

  return GTK_WIDGET (row);
}

void
_crm_deal_page_fill_history (CrmDealPage *self,
                             GListModel  *history)
{
  gint64 now = crm_context_get_now (crm_record_page_get_context (CRM_RECORD_PAGE (self)));
  GtkListBoxRow *child;

  while ((child = gtk_list_box_get_row_at_index (self->history_list, 0)) != NULL)
    gtk_list_box_remove (self->history_list, GTK_WIDGET (child));

  /* The query gives the newest stay first. */
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(CrmDealStageHistory) stay = g_list_model_get_item (history, i);

      gtk_list_box_append (self->history_list, new_stay_row (self, stay, now));
    }
}

/* The menu. */

static char *
menu_label (CrmStage *stage)
{
  g_auto(GStrv) parts = g_strsplit (crm_stage_get_name (stage), "_", -1);
  /* Underscores in a name are no mnemonics. */
  g_autofree char *name = g_strjoinv ("__", parts);

  if (crm_stage_kind_from_key (crm_stage_get_kind (stage)) != CRM_STAGE_KIND_OPEN)
    /* Translators: a won or lost stage in the Move to Stage menu: choosing it asks first */
    return g_strdup_printf (_("%s…"), name);

  return g_steal_pointer (&name);
}

void
_crm_deal_page_fill_stage_menu (CrmDealPage *self)
{
  g_autoptr(GMenu) open = g_menu_new ();
  g_autoptr(GMenu) closed = g_menu_new ();
  gint64 current = crm_deal_get_stage_id (_crm_deal_page_get_deal (self));

  g_menu_remove_all (self->stage_menu);
  for (guint i = 0; i < g_list_model_get_n_items (self->stages); i++)
    {
      g_autoptr(CrmStage) stage = g_list_model_get_item (self->stages, i);
      gint64 id = crm_record_get_id (CRM_RECORD (stage));
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (id == current)
        continue;

      label = menu_label (stage);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "page.move-to-stage",
                                               g_variant_new_int64 (id));
      if (crm_stage_kind_from_key (crm_stage_get_kind (stage)) == CRM_STAGE_KIND_OPEN)
        g_menu_append_item (open, item);
      else
        g_menu_append_item (closed, item);
    }

  g_menu_append_section (self->stage_menu, NULL, G_MENU_MODEL (open));
  g_menu_append_section (self->stage_menu, NULL, G_MENU_MODEL (closed));
}

/* Moves. */

typedef struct
{
  CrmDealPage *page;
  gint64       stage_id;
  gint64       lost_reason_id;
  char        *lost_note;
} MoveRequest;

static void
move_request_free (MoveRequest *request)
{
  g_clear_object (&request->page);
  g_free (request->lost_note);
  g_free (request);
}

typedef struct
{
  CrmStore    *store;
  CrmDealMove *move;
} MoveUndo;

static void
move_undo_free (gpointer data)
{
  MoveUndo *undo = data;

  g_object_unref (undo->store);
  crm_deal_move_unref (undo->move);
  g_free (undo);
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmWindow) window = user_data;
  g_autoptr(GError) error = NULL;

  /* Moved again since (on the board): it stays there, and the user is told. */
  if (!crm_deal_move_undo_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    crm_window_add_toast (window, adw_toast_new (error->message));
}

static void
undo_move (CrmWindow *window,
           gpointer   data)
{
  MoveUndo *undo = data;

  crm_deal_move_undo_async (undo->store, undo->move, NULL, on_undone_cb, g_object_ref (window));
}

static void
on_moved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  MoveRequest *request = user_data;
  CrmDealPage *self = request->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDealMove) move = crm_deal_move_finish (CRM_STORE (object), result, &error);
  CrmStage *stage = _crm_deal_page_find_stage (self, request->stage_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (move == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        crm_window_toast_for (GTK_WIDGET (self), adw_toast_new (error->message));
      move_request_free (request);
      return;
    }

  /* Translators: %s is the name of a pipeline stage */
  message = g_strdup_printf (_("Moved to “%s”"), stage != NULL ? crm_stage_get_name (stage) : "");
  toast = adw_toast_new (message);
  if (CRM_IS_WINDOW (root))
    {
      MoveUndo *undo = g_new0 (MoveUndo, 1);

      undo->store = g_object_ref (CRM_STORE (object));
      undo->move = crm_deal_move_ref (move);
      _crm_window_push_undo (CRM_WINDOW (root), undo_move, undo, move_undo_free);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  crm_window_toast_for (GTK_WIDGET (self), toast);
  move_request_free (request);
}

static void
on_column_end_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MoveRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) last = crm_store_query_finish (CRM_STORE (object), result, &error);
  g_autoptr(CrmDeal) before = NULL;
  CrmRecordPage *page;
  double position;

  if (last == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        crm_window_toast_for (GTK_WIDGET (request->page), adw_toast_new (error->message));
      move_request_free (request);
      return;
    }

  /* The end of the stage's column, as a drop below its last card. */
  if (g_list_model_get_n_items (last) > 0)
    before = g_list_model_get_item (last, 0);
  position = crm_deal_rules_position (before != NULL,
                                      before != NULL ? crm_deal_get_position (before) : 0,
                                      FALSE, 0);
  page = CRM_RECORD_PAGE (request->page);
  crm_deal_move_async (CRM_STORE (object), crm_record_page_get_id (page), request->stage_id,
                       position, request->lost_reason_id, request->lost_note,
                       crm_record_page_get_cancellable (page), on_moved_cb, request);
}

static void
start_move (CrmDealPage *self,
            gint64       stage_id,
            gint64       lost_reason_id,
            const char  *lost_note)
{
  MoveRequest *request = g_new0 (MoveRequest, 1);
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_DEAL);

  request->page = g_object_ref (self);
  request->stage_id = stage_id;
  request->lost_reason_id = lost_reason_id;
  request->lost_note = g_strdup (lost_note);

  crm_query_add_int (query, "stage-id", CRM_QUERY_EQ, stage_id);
  crm_query_set_order (query, "position", TRUE);
  crm_query_set_limit (query, 1);
  crm_store_query_async (crm_record_page_get_store (CRM_RECORD_PAGE (self)), query,
                         crm_record_page_get_cancellable (CRM_RECORD_PAGE (self)),
                         on_column_end_cb, request);
}

static void
on_close_response_cb (CrmDealPage        *self,
                      const char         *response,
                      CrmDealCloseDialog *dialog)
{
  gint64 stage_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-stage"));
  gint64 reason = crm_deal_close_dialog_get_lost_reason_id (dialog);
  g_autofree char *note = crm_deal_close_dialog_dup_note (dialog);

  if (g_strcmp0 (response, "move") != 0)
    return;
  /* A lost deal needs its reason: without one it stays where it is. */
  if (crm_deal_close_dialog_get_kind (dialog) == CRM_STAGE_KIND_LOST && reason <= 0)
    return;

  start_move (self, stage_id, reason, note);
}

/* Won and lost are final: the board's dialog confirms the one and asks why
 * for the other. */
static void
ask_close (CrmDealPage *self,
           CrmStage    *stage)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CrmDeal *deal = _crm_deal_page_get_deal (self);
  g_autofree char *amount = crm_format_money (crm_deal_get_amount (deal),
                                              crm_deal_get_currency (deal));
  CrmDealCloseDialog *dialog;

  dialog = crm_deal_close_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      crm_record_page_get_store (CRM_RECORD_PAGE (self)),
                                      crm_stage_kind_from_key (crm_stage_get_kind (stage)),
                                      crm_deal_get_name (deal), amount,
                                      crm_stage_get_name (stage));
  g_object_set_data (G_OBJECT (dialog), "crm-stage",
                     GSIZE_TO_POINTER ((gsize) crm_record_get_id (CRM_RECORD (stage))));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_crm_deal_page_move_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);
  gint64 stage_id = g_variant_get_int64 (param);
  CrmStage *stage = _crm_deal_page_find_stage (self, stage_id);

  if (stage == NULL || stage_id == crm_deal_get_stage_id (_crm_deal_page_get_deal (self)))
    return;

  if (crm_stage_kind_from_key (crm_stage_get_kind (stage)) != CRM_STAGE_KIND_OPEN)
    ask_close (self, stage);
  else
    start_move (self, stage_id, 0, NULL);
}

/* crm-inbox-view-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the inbox's partial files: crm-inbox-view.c (folders, filters,
 * the list and its rows' names), crm-inbox-view-actions.c (what is done to
 * tickets: open, reply, assign, status, the row menu, bulk actions with
 * undo) and crm-inbox-selection.c.
 */

#pragma once

#include <adwaita.h>

#include "crm-inbox-view.h"
#include "crm-id-selection.h"
#include "crm-inbox.h"
#include "crm-paged-model.h"
#include "crm-ticket.h"
#include "crm-ticket-row.h"

G_BEGIN_DECLS

struct _CrmInboxView
{
  CrmView             parent_instance;

  /* template widgets */
  AdwFlap            *flap;
  GtkListBox         *folder_list;
  GtkToggleButton    *folders_button;
  GtkLabel           *folder_title;
  GtkMenuButton      *filter_button;
  GtkMenuButton      *sort_button;
  GtkRevealer        *filter_bar;
  GtkLabel           *filter_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkButton          *empty_button;
  GtkRevealer        *selection_bar;
  GtkLabel           *selection_label;
  GtkMenuButton      *bulk_assign_button;
  GtkWidget          *content;

  /* state */
  CrmInboxFolder      folder;
  char               *channel;     /* "" for any */
  char               *priority;
  char               *customer;    /* "any", "b2b", "b2c" */
  CrmInboxSort        sort;
  gboolean            selection_mode;
  gint64              me;          /* the current user, 0: none */
  gboolean            me_known;    /* the current user has been read */
  gint64              now;         /* rounded down to the minute */

  GCancellable       *cancellable; /* dropped with the context */
  guint               tick_source;
  guint               reply_source;
  gint64              reply_ticket;
  gint64              reply_deadline;

  /* folder counts, read off the UI thread and coalesced */
  gint64              counts[CRM_INBOX_N_FOLDERS];
  GtkLabel           *count_labels[CRM_INBOX_N_FOLDERS];
  GtkListBoxRow      *folder_rows[CRM_INBOX_N_FOLDERS];
  guint               count_source;
  guint               counts_pending;
  gboolean            counts_again;
  guint               count_serial;

  /* staff (assignees) and customers' names */
  GListModel         *staff;       /* CrmStaffUser by name, live ones */
  GHashTable         *staff_names; /* gint64* → char* */
  GHashTable         *names;       /* "p:<id>" / "o:<id>" → char* */
  GHashTable         *names_wanted;/* same keys being or to be read */
  GArray             *person_queue;
  GArray             *org_queue;
  guint               names_source;

  /* bound rows (CrmTicketRow), for the minute's countdowns and new names */
  GHashTable         *rows;

  GtkSelectionModel  *selection;   /* CrmInboxSelection over the list's model */
};

/* crm-inbox-view.c */
CrmStore     *_crm_inbox_view_get_store        (CrmInboxView *self);
CrmPagedModel *_crm_inbox_view_get_paged_model (CrmInboxView *self);
/* The name of staff member @id, or NULL. */
const char   *_crm_inbox_view_get_staff_name   (CrmInboxView *self,
                                                gint64        id);
/* The customer of @ticket as shown on its row ("Li Wei (Acme Ltd)"), or
 * NULL while the names are read (the rows are updated when they arrive);
 * transfer full. */
char         *_crm_inbox_view_dup_customer     (CrmInboxView *self,
                                                CrmTicket    *ticket);
void          _crm_inbox_view_update_bars      (CrmInboxView *self);
/* Re-reads the folder counts soon (coalesced). */
void          _crm_inbox_view_queue_counts     (CrmInboxView *self);

/* crm-inbox-view-actions.c */
void          _crm_inbox_view_install_actions  (GtkWidgetClass *widget_class);
void          _crm_inbox_view_init_actions     (CrmInboxView *self);
void          _crm_inbox_view_dispose_actions  (CrmInboxView *self);
/* The staff as a menu of @action (target: (xx) ticket and staff id, or x
 * staff id when @ticket_id is 0), with "Unassigned" first; transfer full. */
GMenuModel   *_crm_inbox_view_new_assign_menu  (CrmInboxView *self,
                                                const char   *action,
                                                gint64        ticket_id);
void          _crm_inbox_view_update_actions   (CrmInboxView *self);

/* crm-inbox-selection.c: a multiple selection of ids that only selection
 * mode changes, and only by adding and removing rows (Ctrl+click, Space,
 * Shift+click ranges, Ctrl+A; the inbox's own click gesture toggles a row):
 * moving with the arrow keys never drops what was chosen.  Outside
 * selection mode nothing is selected (a click opens the ticket). */
GtkSelectionModel *_crm_inbox_selection_new    (CrmPagedModel     *model);
void          _crm_inbox_selection_set_mode    (GtkSelectionModel *selection,
                                                gboolean           selecting);
CrmIdSelection *_crm_inbox_selection_get_ids   (GtkSelectionModel *selection);

G_END_DECLS

/* crm-ticket-page-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between crm-ticket-page.c (header, details, customer, loading),
 * crm-ticket-page-sla.c (the SLA clocks), crm-ticket-page-conversation.c
 * (the message list), crm-ticket-page-composer.c (reply, note, canned
 * replies, articles) and crm-ticket-page-actions.c (status, assignee,
 * priority, satisfaction, edit mode, undo).
 */

#pragma once

#include "crm-ticket-page.h"
#include "crm-kb-picker.h"

G_BEGIN_DECLS

struct _CrmTicketPage
{
  CrmRecordPage        parent_instance;

  guint                clock_id;       /* the SLA clocks' minute timer */

  gint64               current_user;   /* staff_user id of "me"; 0: none set */
  char                *current_user_name;
  GListModel          *staff;          /* CrmStaffUser, by name */
  GHashTable          *staff_names;    /* gint64 id → name */
  CrmRecord           *person;         /* the customer, once loaded */
  CrmRecord           *organization;
  CrmRecord           *policy;         /* CrmSlaPolicy */
  GArray              *assignee_ids;   /* gint64: the assignee combo's items */
  gboolean             updating;       /* combos being set from the record */

  /* The conversation (crm-ticket-page-conversation.c). */
  GListStore          *conversation;   /* CrmTicketMessage, CrmTicketStatusChange */
  GHashTable          *people;         /* gint64 id → CrmPerson: message senders */
  GListModel          *loaded_messages;
  GListModel          *loaded_changes;
  guint                conversation_serial;
  guint                people_pending;
  gboolean             conversation_loaded;
  gboolean             follow_end;     /* keep the newest message in view */
  guint                scroll_id;

  /* The composer (crm-ticket-page-composer.c). */
  GListModel          *canned;         /* CrmCannedReply offered */
  GMenu               *canned_menu;
  CrmKbPicker         *kb_picker;
  gboolean             sending;

  GMenu               *status_menu;
  int                  csat_score;     /* chosen in the editor, 0: none */
  GtkToggleButton     *stars[5];

  GtkListBox          *customer_list;

  /* template widgets */
  GtkToggleButton     *details_button;
  AdwFlap             *flap;
  GtkLabel            *subject_label;
  AdwEntryRow         *subject_entry;
  AdwComboRow         *channel_combo;
  GtkWidget           *meta_box;
  GtkLabel            *number_label;
  GtkLabel            *status_label;
  GtkLabel            *priority_label;
  GtkImage            *channel_icon;
  GtkLabel            *channel_label;
  GtkWidget           *sla_box;
  GtkImage            *sla_icon;
  GtkLabel            *sla_label;
  GtkMenuButton       *status_button;
  GtkButton           *assign_me_button;
  GtkStack            *conversation_stack;
  GtkScrolledWindow   *conversation_scroller;
  GtkListView         *conversation_view;
  GtkWidget           *composer_box;
  GtkToggleButton     *reply_toggle;
  GtkToggleButton     *note_toggle;
  GtkMenuButton       *canned_button;
  GtkMenuButton       *article_button;
  GtkLabel            *placeholder_label;
  GtkScrolledWindow   *composer_scroller;
  GtkTextView         *composer_view;
  GtkButton           *send_button;
  AdwActionRow        *status_row;
  AdwComboRow         *priority_combo;
  AdwComboRow         *assignee_combo;
  AdwActionRow        *channel_row;
  AdwActionRow        *created_row;
  AdwPreferencesGroup *sla_group;
  AdwActionRow        *policy_row;
  AdwActionRow        *first_response_row;
  AdwActionRow        *resolution_row;
  AdwPreferencesGroup *customer_group;
  GtkLabel            *customer_kind_label;
  AdwPreferencesGroup *csat_group;
  AdwActionRow        *csat_row;
  GtkButton           *csat_edit_button;
  GtkListBox          *csat_editor;
  GtkWidget           *star_box;
  AdwEntryRow         *csat_comment_entry;
  GtkButton           *csat_save_button;
};

/* The ticket shown (transfer none). */
static inline CrmTicket *
_crm_ticket_page_get_ticket (CrmTicketPage *self)
{
  return CRM_TICKET (crm_record_page_get_record (CRM_RECORD_PAGE (self)));
}

static inline CrmStore *
_crm_ticket_page_get_store (CrmTicketPage *self)
{
  return crm_record_page_get_store (CRM_RECORD_PAGE (self));
}

static inline gint64
_crm_ticket_page_get_id (CrmTicketPage *self)
{
  return crm_record_page_get_id (CRM_RECORD_PAGE (self));
}

static inline GCancellable *
_crm_ticket_page_get_cancellable (CrmTicketPage *self)
{
  return crm_record_page_get_cancellable (CRM_RECORD_PAGE (self));
}

/* crm-ticket-page.c */
gint64      _crm_ticket_page_get_now          (CrmTicketPage *self);
/* The staff member @id's name, or NULL; transfer none. */
const char *_crm_ticket_page_get_staff_name   (CrmTicketPage *self,
                                               gint64         id);
/* The customer's name for replies: the person's, else the organization's
 * ("" until loaded); transfer none. */
const char *_crm_ticket_page_get_customer_name (CrmTicketPage *self);
/* Shows @message in a toast of the page's window (a failed write). */
void        _crm_ticket_page_toast            (CrmTicketPage *self,
                                               const char    *message);
/* The channel at @position of the edit mode's choices (NULL past them), and
 * the position of @channel (0 when unknown). */
const char *_crm_ticket_page_channel_key      (guint          position);
guint       _crm_ticket_page_channel_position (const char    *channel);

/* crm-ticket-page-sla.c: the state of one SLA clock. */
typedef enum
{
  CRM_SLA_CLOCK_NONE,      /* no target */
  CRM_SLA_CLOCK_RUNNING,
  CRM_SLA_CLOCK_SOON,      /* running, less than an hour left */
  CRM_SLA_CLOCK_BREACHED,  /* past the target, not done */
  CRM_SLA_CLOCK_PAUSED,    /* waiting on the customer */
  CRM_SLA_CLOCK_MET,       /* done in time */
  CRM_SLA_CLOCK_LATE,      /* done after the target */
  CRM_SLA_CLOCK_STOPPED,   /* resolved or closed without it being done */
} CrmSlaClockState;

typedef struct
{
  CrmSlaClockState state;
  gint64           due;
  gint64           done;
  gint64           left;   /* seconds to @due (negative: past it); paused: as it stood */
} CrmTicketPageSlaClock;

/* The clock of a target @due, met at @done (0: not yet), for a ticket in
 * @status that waits on the customer since @waiting_since, at @now. */
void        _crm_ticket_page_sla_clock        (CrmTicketPageSlaClock *clock,
                                               gint64         due,
                                               gint64         done,
                                               const char    *status,
                                               gint64         waiting_since,
                                               gint64         now);
/* "25 min", "3 h 25 min", "2 d 5 h" for ±@seconds; transfer full. */
char       *_crm_ticket_page_format_duration  (gint64         seconds);
void        _crm_ticket_page_update_sla       (CrmTicketPage *self);
void        _crm_ticket_page_start_clock      (CrmTicketPage *self);
void        _crm_ticket_page_stop_clock       (CrmTicketPage *self);

/* crm-ticket-page-conversation.c */
void        _crm_ticket_page_init_conversation (CrmTicketPage *self);
void        _crm_ticket_page_load_conversation (CrmTicketPage *self);
/* Binds the rows again (names arrived). */
void        _crm_ticket_page_rebind_conversation (CrmTicketPage *self);
/* Keeps the newest message in view once the list has it. */
void        _crm_ticket_page_scroll_to_end    (CrmTicketPage *self);

/* crm-ticket-page-composer.c */
void        _crm_ticket_page_init_composer    (CrmTicketPage *self);
void        _crm_ticket_page_load_canned      (CrmTicketPage *self);
void        _crm_ticket_page_reply_action     (GtkWidget     *widget,
                                               const char    *action_name,
                                               GVariant      *param);
void        _crm_ticket_page_note_action      (GtkWidget     *widget,
                                               const char    *action_name,
                                               GVariant      *param);
void        _crm_ticket_page_send_action      (GtkWidget     *widget,
                                               const char    *action_name,
                                               GVariant      *param);
void        _crm_ticket_page_insert_canned_action (GtkWidget  *widget,
                                                   const char *action_name,
                                                   GVariant   *param);
void        _crm_ticket_page_insert_article_action (GtkWidget  *widget,
                                                    const char *action_name,
                                                    GVariant   *param);

/* crm-ticket-page-actions.c */
void        _crm_ticket_page_init_actions     (CrmTicketPage *self);
void        _crm_ticket_page_fill_status_menu (CrmTicketPage *self);
void        _crm_ticket_page_fill_assignees   (CrmTicketPage *self);
void        _crm_ticket_page_update_combos    (CrmTicketPage *self);
void        _crm_ticket_page_update_csat      (CrmTicketPage *self);
void        _crm_ticket_page_apply_editing    (CrmRecordPage   *page,
                                               gboolean         editing);
gboolean    _crm_ticket_page_commit           (CrmRecordPage   *page,
                                               CrmPageProblems *problems);
void        _crm_ticket_page_install_actions  (GtkWidgetClass *widget_class);

G_END_DECLS

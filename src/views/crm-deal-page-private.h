/* crm-deal-page-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between crm-deal-page.c (header, details, sections),
 * crm-deal-page-edit.c (edit mode), crm-deal-page-lines.c (products and
 * stakeholders) and crm-deal-page-stage.c (stage history and moves).
 */

#pragma once

#include "crm-deal-page.h"
#include "crm-stage.h"
#include "crm-stakeholder-map.h"

G_BEGIN_DECLS

struct _CrmDealPage
{
  CrmRecordPage        parent_instance;

  CrmStakeholderMap   *map;
  CrmRecord           *pipeline;      /* CrmPipeline, once loaded */
  GListModel          *stages;        /* CrmStage of the deal's pipeline, in order */
  GListModel          *staff;         /* CrmStaffUser, by name: the owner choices */
  GListModel          *lost_reasons;  /* CrmLostReason, in order */
  GMenu               *stage_menu;

  GtkListBox          *customer_list;
  GtkListBox          *products_list;
  GtkListBox          *stakeholders_list;
  GtkListBox          *insights_list;
  GtkListBox          *history_list;

  /* template widgets */
  GtkMenuButton       *stage_button;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkLabel            *amount_label;
  GtkLabel            *state_label;
  GtkLabel            *headline_label;
  AdwEntryRow         *name_entry;
  AdwEntryRow         *amount_entry;
  AdwEntryRow         *currency_entry;
  AdwEntryRow         *close_entry;
  AdwComboRow         *owner_combo;
  AdwActionRow        *probability_edit_row;
  GtkSwitch           *probability_switch;
  GtkSpinButton       *probability_spin;
  AdwPreferencesGroup *details_group;
  AdwActionRow        *amount_row;
  AdwActionRow        *probability_row;
  AdwActionRow        *weighted_row;
  AdwActionRow        *close_row;
  AdwActionRow        *owner_row;
  AdwActionRow        *pipeline_row;
  AdwActionRow        *stage_row;
  AdwActionRow        *closed_row;
  AdwActionRow        *lost_reason_row;
  AdwPreferencesGroup *customer_group;
  AdwPreferencesGroup *products_group;
  AdwPreferencesGroup *stakeholders_group;
  AdwPreferencesGroup *insights_group;
  AdwPreferencesGroup *history_group;
};

/* The deal shown (transfer none). */
static inline CrmDeal *
_crm_deal_page_get_deal (CrmDealPage *self)
{
  return CRM_DEAL (crm_record_page_get_record (CRM_RECORD_PAGE (self)));
}

/* The stage of the deal's pipeline with @id, or NULL; transfer none. */
CrmStage  *_crm_deal_page_find_stage      (CrmDealPage *self,
                                           gint64       id);

/* crm-deal-page-edit.c */
void       _crm_deal_page_apply_editing   (CrmRecordPage   *page,
                                           gboolean         editing);
gboolean   _crm_deal_page_commit          (CrmRecordPage   *page,
                                           CrmPageProblems *problems);
void       _crm_deal_page_init_edit       (CrmDealPage     *self);
void       _crm_deal_page_fill_owners     (CrmDealPage     *self);

/* crm-deal-page-lines.c */
void       _crm_deal_page_fill_products     (CrmDealPage *self,
                                             GListModel  *lines);
void       _crm_deal_page_fill_stakeholders (CrmDealPage *self,
                                             GListModel  *stakeholders);
void       _crm_deal_page_update_insights   (CrmDealPage *self);
void       _crm_deal_page_add_product_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *param);
void       _crm_deal_page_remove_product_action (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *param);

/* crm-deal-page-stage.c */
void       _crm_deal_page_fill_history    (CrmDealPage *self,
                                           GListModel  *history);
void       _crm_deal_page_fill_stage_menu (CrmDealPage *self);
void       _crm_deal_page_move_action     (GtkWidget   *widget,
                                           const char  *action_name,
                                           GVariant    *param);

G_END_DECLS

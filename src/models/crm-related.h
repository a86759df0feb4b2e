/* crm-related.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows related to one record, as the record pages show them: queries for
 * its orders, deals, tickets, affiliations and activities, the timeline
 * order, deal totals, and the names of staff users and stages that rows
 * refer to by id.  GTK-free.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

/* A page lists the latest rows of a long history, not all of them: this
 * many (the timeline more). */
#define CRM_RELATED_LIMIT 100
#define CRM_RELATED_TIMELINE_LIMIT 200

/* Rows of @type whose @property ("person-id", "organization-id") is @id, in
 * the order a page lists them (newest orders and tickets first, primary
 * affiliations first, deals by expected close); transfer full. */
CrmQuery   *crm_related_query            (GType        type,
                                          const char  *property,
                                          gint64       id);
/* The activities about @kind ("person", "organization", ...) @id. */
CrmQuery   *crm_related_timeline_query   (const char  *kind,
                                          gint64       id);
/* When an activity counts for the timeline: when it happened, else (open
 * tasks, scheduled calls) when it was logged. */
gint64      crm_related_timeline_time    (CrmRecord   *activity);
/* @activities sorted newest first by crm_related_timeline_time(), ties by
 * newest id; transfer full. */
GListModel *crm_related_sort_timeline    (GListModel  *activities);

typedef enum
{
  CRM_DEAL_STATE_OPEN,
  CRM_DEAL_STATE_WON,
  CRM_DEAL_STATE_LOST,
} CrmDealState;

#define CRM_TYPE_RELATED_NAMES (crm_related_names_get_type ())

G_DECLARE_FINAL_TYPE (CrmRelatedNames, crm_related_names, CRM, RELATED_NAMES, GObject)

/* Loads the staff users and stages of @store; emits "ready" when done and
 * again after either table changed. */
CrmRelatedNames *crm_related_names_new        (CrmStore        *store,
                                               GCancellable    *cancellable);
gboolean         crm_related_names_is_ready   (CrmRelatedNames *self);
/* gint64 id → staff user name; transfer none. */
GHashTable      *crm_related_names_get_staff  (CrmRelatedNames *self);
/* The name of stage @id, or NULL; transfer none. */
const char      *crm_related_names_get_stage  (CrmRelatedNames *self,
                                               gint64           id);
/* Open, won or lost, from the deal's stage (a closed deal in an open stage
 * counts as won). */
CrmDealState     crm_related_names_deal_state (CrmRelatedNames *self,
                                               CrmRecord       *deal);
/* The total amount of the deals in @state, per currency, formatted and joined
 * with " + " ("" when there are none); @count receives how many. */
char            *crm_related_names_deal_total (CrmRelatedNames *self,
                                               GListModel      *deals,
                                               CrmDealState     state,
                                               guint           *count);

G_END_DECLS

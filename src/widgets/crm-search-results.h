/* crm-search-results.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The global search's results: hits grouped under a header per kind (People,
 * Organizations, Deals, Tickets), each with its title, subtitle and the typed
 * text highlighted, or a "No results" line.  Keyboard focus stays in the
 * search entry, which moves the highlighted row with crm_search_results_move()
 * and opens it with crm_search_results_activate_selected().
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_SEARCH_RESULTS (crm_search_results_get_type ())

G_DECLARE_FINAL_TYPE (CrmSearchResults, crm_search_results, CRM, SEARCH_RESULTS, GtkWidget)

GtkWidget *crm_search_results_new               (void);
/* @hits: (nullable) a GListModel of CrmSearchHit as crm_search_finish() gives;
 * @text: what was searched for. */
void       crm_search_results_set_results       (CrmSearchResults *self,
                                                 GListModel       *hits,
                                                 const char       *text);
guint      crm_search_results_get_n_results     (CrmSearchResults *self);
/* Moves the highlight by @delta rows (the first row when none was). */
void       crm_search_results_move              (CrmSearchResults *self,
                                                 int               delta);
/* The highlighted hit, or NULL; transfer none. */
GObject   *crm_search_results_get_selected      (CrmSearchResults *self);
/* Emits "hit-activated" for the highlighted hit; FALSE when there is none. */
gboolean   crm_search_results_activate_selected (CrmSearchResults *self);

G_END_DECLS

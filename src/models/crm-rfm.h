/* crm-rfm.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFM value scores: every live person with at least one paid order gets a
 * quintile (1..5) for recency (last_purchase: newer is better), frequency
 * (order_count) and monetary value (total_spend), and their sum as rfm_score
 * (3..15); everyone else gets 0.  Quintiles come from the rank in the whole
 * population (1 + (rank - 1) * 5 / n), so equal values share a score.  The
 * scores depend on everybody, so they are recomputed all together, not per
 * order; the time of the last complete run is kept in meta ("rfm_computed").
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

/* A day: the app recomputes scores older than this after opening. */
#define CRM_RFM_MAX_AGE (24 * 60 * 60)

/* Recomputes every score without holding the store's worker: the new scores
 * are read beside it, and the changed ones written in short jobs between
 * the others; the lists get one changed::person (also when cancelled after
 * some were written: each person has either the old scores or the new
 * ones).  The result is the number of people scored. */
void      crm_rfm_recompute_async   (CrmStore            *store,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gint64    crm_rfm_recompute_finish  (CrmStore            *store,
                                     GAsyncResult        *result,
                                     GError             **error);
/* For the command line and tests: one job and transaction on the worker
 * (blocks the caller); -1 on error. */
gint64    crm_rfm_recompute_sync    (CrmStore            *store,
                                     GError             **error);

/* Recomputes only when the last run is older than @max_age seconds (or never
 * happened).  The result is the number of people scored, or -1 when the
 * scores were fresh. */
void      crm_rfm_refresh_async     (CrmStore            *store,
                                     gint64               max_age,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gint64    crm_rfm_refresh_finish    (CrmStore            *store,
                                     GAsyncResult        *result,
                                     GError             **error);

/* Unix seconds of the last run, 0 for never (for the command line). */
gint64    crm_rfm_get_last_run_sync (CrmStore            *store,
                                     GError             **error);

G_END_DECLS

/* crm-demo.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A deterministic generator of sample B2B and B2C data: the same seed, size,
 * locale and reference time always give the same records (only the ids, which
 * carry the database's node id, differ between databases).
 *
 * What a small set holds (the large one is 1,000 times as much, except the
 * set-up tables):
 *   - 10 staff users (owner, managers, sales, support)
 *   - 100 organizations (industry, size band, revenue, region, tier, 8% with a
 *     parent), about 400 of the 1,000 people working at them: affiliations
 *     with titles, departments, stakeholder roles, influence and attitude, a
 *     reporting tree in which some people have two managers, influence links
 *   - about 600 consumers (85% customers) with orders and order lines
 *   - two pipelines (B2B: 7 stages, B2C: 5) with probabilities and rotting
 *     days, 6 lost reasons, 200 deals with stage history, stakeholders,
 *     products and activities; won B2B deals average about 190 days from
 *     creation to close, B2C about 57; a quarter of the open deals have gone
 *     quiet (rotting)
 *   - 1,000 tickets over every channel, priority and status, with SLA
 *     policies and calendars, messages, status history, first response,
 *     resolution, waiting on the customer and CSAT on 40% of the solved ones
 *   - 16 knowledge-base articles (8 English, 8 Chinese), 300 self-service
 *     resolutions, canned replies, tags, 6 segments, 8 campaigns with members,
 *     4 custom fields with values
 *   - 5,000 activities on organizations, people, deals and tickets, with open
 *     tasks due after the reference day
 * Names, companies, addresses, pipeline, stage and lost-reason names are in
 * the chosen locale's language; enumerations are the stable keys.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

/**
 * CrmDemoSize:
 * @CRM_DEMO_SMALL: about 1,300 people, 100 organizations, 200 deals, 1,000
 *   tickets and 5,000 activities
 * @CRM_DEMO_LARGE: 1,000 times as much (1,000,000 people, ...)
 */
typedef enum
{
  CRM_DEMO_SMALL,
  CRM_DEMO_LARGE,
} CrmDemoSize;

/* Bump when the generated content changes (benchmark caches key on it). */
#define CRM_DEMO_GENERATOR_VERSION 10

/* 2026-11-23T00:00:00Z: "today" of the sample data unless told otherwise. */
#define CRM_DEMO_DEFAULT_REFERENCE G_GINT64_CONSTANT (1795392000)

/* Called on the caller's main context with a fraction in 0..1. */
typedef void (*CrmDemoProgressFunc) (double   fraction,
                                     gpointer user_data);

/**
 * CrmDemoOptions:
 * @size: how much data
 * @locale: "en" or "zh_CN" (names, companies, addresses, pipeline names)
 * @seed: the random seed
 * @reference: "today" of the data in UTC unix seconds (0: the fixed
 *   %CRM_DEMO_DEFAULT_REFERENCE); the app may pass the current day so that
 *   open deals and tasks lie around the real date
 * @progress: (nullable): progress callback
 * @progress_data: its data
 */
typedef struct
{
  CrmDemoSize          size;
  const char          *locale;
  guint64              seed;
  gint64               reference;
  CrmDemoProgressFunc  progress;
  gpointer             progress_data;
} CrmDemoOptions;

/* Adds sample data to @store on its worker thread.  The small set is one
 * transaction; the large one is committed in batches, so a failed or cancelled
 * large run leaves part of the data: generate it into a new database.  Does
 * not check that the database is empty (rapport-cli does). */
void     crm_demo_generate_async      (CrmStore             *store,
                                       CrmDemoSize           size,
                                       const char           *locale,
                                       guint64               seed,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean crm_demo_generate_finish     (CrmStore             *store,
                                       GAsyncResult         *result,
                                       GError              **error);
/* Blocks until done: for the command line, tests and benchmarks. */
gboolean crm_demo_generate_sync       (CrmStore             *store,
                                       CrmDemoSize           size,
                                       const char           *locale,
                                       guint64               seed,
                                       GError              **error);

/* The full form; @options is copied.  Finish with crm_demo_generate_finish(). */
void     crm_demo_generate_full_async (CrmStore             *store,
                                       const CrmDemoOptions *options,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean crm_demo_generate_full_sync  (CrmStore             *store,
                                       const CrmDemoOptions *options,
                                       GError              **error);

/* Parses "small" / "large"; FALSE for anything else. */
gboolean crm_demo_size_from_string    (const char           *text,
                                       CrmDemoSize          *size);

G_END_DECLS

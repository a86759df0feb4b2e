/* crm-id.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Record ids are positive 63-bit integers, usable as SQLite INTEGER PRIMARY
 * KEY, that stay unique when databases made offline on different machines are
 * merged later:
 *
 *   | 41 bits: milliseconds since 2020-01-01 UTC | 22 bits: node |
 *
 * The node is a random number drawn once per database (4,194,304 values), and
 * every id a database hands out advances its millisecond counter by at least
 * one, so one database never repeats an id (bulk inserts borrow milliseconds
 * from the near future and the clock catches up), and two databases only
 * collide if they drew the same node AND issued an id in the same
 * millisecond.  The counter is persisted, so a clock set back never repeats
 * ids either.  41 bits of milliseconds last until 2089.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CRM_ID_EPOCH_MS   G_GINT64_CONSTANT (1577836800000)  /* 2020-01-01T00:00:00Z */
#define CRM_ID_NODE_BITS  22
#define CRM_ID_NODE_MASK  ((1u << CRM_ID_NODE_BITS) - 1)

typedef struct
{
  guint32 node;
  gint64  last_ms;   /* milliseconds since CRM_ID_EPOCH_MS of the last id */
} CrmIdGen;

void     crm_id_gen_init     (CrmIdGen *gen,
                              guint32   node,
                              gint64    last_ms);
/* @now_ms: unix time in milliseconds */
gint64   crm_id_gen_next     (CrmIdGen *gen,
                              gint64    now_ms);
guint32  crm_id_random_node  (void);
guint32  crm_id_get_node     (gint64    id);
/* Unix time in milliseconds woven into @id. */
gint64   crm_id_get_time_ms  (gint64    id);

G_END_DECLS

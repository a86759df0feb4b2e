/* crm-id.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmId"

#include "config.h"

#include <unistd.h>

#include "crm-id.h"

void
crm_id_gen_init (CrmIdGen *gen,
                 guint32   node,
                 gint64    last_ms)
{
  g_return_if_fail (gen != NULL);

  gen->node = node & CRM_ID_NODE_MASK;
  gen->last_ms = MAX (last_ms, 0);
}

gint64
crm_id_gen_next (CrmIdGen *gen,
                 gint64    now_ms)
{
  gint64 ms = now_ms - CRM_ID_EPOCH_MS;

  /* Never go back, never repeat: a clock set back or a burst of inserts in
   * the same millisecond borrows the next millisecond. */
  if (ms <= gen->last_ms)
    ms = gen->last_ms + 1;
  gen->last_ms = ms;

  return (ms << CRM_ID_NODE_BITS) | (gint64) gen->node;
}

guint32
crm_id_random_node (void)
{
  /* g_random_* is seeded from /dev/urandom; mix in the time and pid so two
   * machines restored from the same snapshot still draw different nodes. */
  guint32 node = g_random_int ();

  node ^= (guint32) g_get_real_time ();
  node ^= (guint32) getpid () << 7;
  node &= CRM_ID_NODE_MASK;

  return node;
}

guint32
crm_id_get_node (gint64 id)
{
  return (guint32) (id & CRM_ID_NODE_MASK);
}

gint64
crm_id_get_time_ms (gint64 id)
{
  return (id >> CRM_ID_NODE_BITS) + CRM_ID_EPOCH_MS;
}

/* crm-import-keys.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmImport: a set of 64-bit keys (the hashes of _crm_import_hash_key)
 * each with an id, for the check against earlier rows of the file and for
 * the emails and phone numbers of the people already in the database.  Open
 * addressing in one array of 16-byte slots: a million rows add three or four
 * million keys, which a GHashTable holds in three arrays and two cache
 * misses per lookup.
 */

#define G_LOG_DOMAIN "CrmImport"

#include "config.h"

#include "crm-import-private.h"

typedef struct
{
  guint64 key;   /* 0: empty */
  gint64  id;
} Slot;

struct _CrmImportKeys
{
  Slot  *slots;
  gsize  mask;
  gsize  n_keys;
};

/* Room for @n_expected keys before the slots grow (growing rehashes every
 * key into twice the memory). */
CrmImportKeys *
_crm_import_keys_new (gsize n_expected)
{
  CrmImportKeys *self = g_new0 (CrmImportKeys, 1);
  gsize size = 1024;

  while (size < n_expected * 2 && size < (G_MAXSIZE >> 2) / sizeof (Slot))
    size *= 2;
  self->mask = size - 1;
  self->slots = g_new0 (Slot, size);
  return self;
}

void
_crm_import_keys_free (CrmImportKeys *self)
{
  g_free (self->slots);
  g_free (self);
}

/* The keys are FNV hashes: their bits are mixed again for the slot. */
static inline gsize
slot_of (guint64 key)
{
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdull;
  key ^= key >> 33;
  return (gsize) key;
}

static void
grow (CrmImportKeys *self)
{
  Slot *old = self->slots;
  gsize old_size = self->mask + 1;

  self->mask = old_size * 2 - 1;
  self->slots = g_new0 (Slot, self->mask + 1);
  for (gsize i = 0; i < old_size; i++)
    if (old[i].key != 0)
      {
        gsize j = slot_of (old[i].key) & self->mask;

        while (self->slots[j].key != 0)
          j = (j + 1) & self->mask;
        self->slots[j] = old[i];
      }
  g_free (old);
}

/* Adds @key with @id unless it is there: TRUE when it was added.  (The
 * first id stays: keys are added in the order of ids or of rows.) */
gboolean
_crm_import_keys_add (CrmImportKeys *self,
                      guint64        key,
                      gint64         id)
{
  gsize i;

  g_return_val_if_fail (key != 0, FALSE);

  if ((self->n_keys + 1) * 2 > self->mask + 1)
    grow (self);
  for (i = slot_of (key) & self->mask; self->slots[i].key != 0; i = (i + 1) & self->mask)
    if (self->slots[i].key == key)
      return FALSE;
  self->slots[i].key = key;
  self->slots[i].id = id;
  self->n_keys++;
  return TRUE;
}

/* The id of @key, 0 when it is not there. */
gint64
_crm_import_keys_lookup (CrmImportKeys *self,
                         guint64        key)
{
  for (gsize i = slot_of (key) & self->mask; self->slots[i].key != 0; i = (i + 1) & self->mask)
    if (self->slots[i].key == key)
      return self->slots[i].id;
  return 0;
}

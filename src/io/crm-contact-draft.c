/* crm-contact-draft.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmContactDraft"

#include "config.h"

#include "crm-contact-draft.h"

CrmContactDraft *
crm_contact_draft_new (void)
{
  CrmContactDraft *draft = g_new0 (CrmContactDraft, 1);

  draft->given_name = g_strdup ("");
  draft->family_name = g_strdup ("");
  draft->display_name = g_strdup ("");
  draft->organization = g_strdup ("");
  draft->title = g_strdup ("");
  draft->department = g_strdup ("");
  draft->emails = g_ptr_array_new_with_free_func (g_free);
  draft->phones = g_ptr_array_new_with_free_func (g_free);
  draft->street = g_strdup ("");
  draft->city = g_strdup ("");
  draft->region = g_strdup ("");
  draft->postal_code = g_strdup ("");
  draft->country = g_strdup ("");
  draft->birth_date = g_strdup ("");
  draft->gender = g_strdup ("");
  draft->language = g_strdup ("");
  draft->website = g_strdup ("");
  draft->notes = g_strdup ("");
  draft->tags = g_ptr_array_new_with_free_func (g_free);
  draft->photo_mime = g_strdup ("");
  draft->extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return draft;
}

void
crm_contact_draft_free (CrmContactDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->given_name);
  g_free (draft->family_name);
  g_free (draft->display_name);
  g_free (draft->organization);
  g_free (draft->title);
  g_free (draft->department);
  g_ptr_array_unref (draft->emails);
  g_ptr_array_unref (draft->phones);
  g_free (draft->street);
  g_free (draft->city);
  g_free (draft->region);
  g_free (draft->postal_code);
  g_free (draft->country);
  g_free (draft->birth_date);
  g_free (draft->gender);
  g_free (draft->language);
  g_free (draft->website);
  g_free (draft->notes);
  g_ptr_array_unref (draft->tags);
  g_clear_pointer (&draft->photo, g_bytes_unref);
  g_free (draft->photo_mime);
  g_hash_table_unref (draft->extra);
  g_free (draft);
}

/* fuzz-vcard.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the vCard reader and writer: any bytes read without
 * a crash or leak; every string of every contact is valid UTF-8; each contact
 * written and read back is one contact again, and writing that gives the
 * same card (the writer and the reader agree).
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "crm-vcard.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* A critical or warning from GLib is a bug: abort, so that libFuzzer keeps
 * the input. */
static void
log_handler (const char     *domain,
             GLogLevelFlags  level,
             const char     *message,
             gpointer        user_data)
{
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_default_handler (log_handler, NULL);
  return 0;
}

static void
check_text (const char *text)
{
  g_assert (text != NULL);
  g_assert (g_utf8_validate (text, -1, NULL));
}

static void
check_draft (CrmContactDraft *draft)
{
  const char *fields[] = {
    draft->given_name, draft->family_name, draft->display_name, draft->organization,
    draft->title, draft->department, draft->street, draft->city, draft->region,
    draft->postal_code, draft->country, draft->birth_date, draft->gender, draft->language,
    draft->website, draft->notes, draft->photo_mime,
  };
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    check_text (fields[i]);
  for (guint i = 0; i < draft->emails->len; i++)
    check_text (g_ptr_array_index (draft->emails, i));
  for (guint i = 0; i < draft->phones->len; i++)
    check_text (g_ptr_array_index (draft->phones, i));
  for (guint i = 0; i < draft->tags->len; i++)
    check_text (g_ptr_array_index (draft->tags, i));
  g_hash_table_iter_init (&iter, draft->extra);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      check_text (key);
      check_text (value);
    }
}

static void
check_round_trip (CrmContactDraft *draft)
{
  g_autofree char *card = crm_vcard_format_draft (draft);
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (g_utf8_validate (card, -1, NULL));
  drafts = crm_vcard_parse_data (card, strlen (card), &rejections, &error);
  g_assert_no_error (error);
  g_assert (rejections->len == 0);
  g_assert (drafts->len == 1);
  check_draft (g_ptr_array_index (drafts, 0));

  again = crm_vcard_format_draft (g_ptr_array_index (drafts, 0));
  if (strcmp (card, again) != 0)
    g_error ("the writer and the reader disagree:\n%s\n---\n%s", card, again);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GError) error = NULL;

  drafts = crm_vcard_parse_data ((const char *) data, size, &rejections, &error);
  if (drafts == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }

  for (guint i = 0; i < rejections->len; i++)
    {
      CrmVcardRejection *rejection = g_ptr_array_index (rejections, i);

      g_assert (rejection->line >= 1);
      check_text (rejection->reason);
    }
  for (guint i = 0; i < drafts->len; i++)
    {
      CrmContactDraft *draft = g_ptr_array_index (drafts, i);

      g_assert (draft->line >= 1);
      check_draft (draft);
      check_round_trip (draft);
    }
  return 0;
}

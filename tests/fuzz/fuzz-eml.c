/* fuzz-eml.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the .eml reader: any bytes give a message or a
 * CrmEmlError, without a crash, a leak or a GLib warning; every string of
 * a message is valid UTF-8 within the limits; the text helpers (quoted
 * replies, HTML to text, charsets, the subject's ticket number) keep their
 * output valid on whatever the message holds.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "crm-eml.h"

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
check_text (const char *text,
            gsize       max)
{
  g_assert (text != NULL);
  g_assert (g_utf8_validate (text, -1, NULL));
  g_assert (strlen (text) <= max);
}

static void
check_id (const char *id)
{
  check_text (id, CRM_EML_MAX_MESSAGE_ID);
  g_assert (id[0] == '\0' || (id[0] == '<' && id[strlen (id) - 1] == '>'));
}

static void
check_message (const CrmEmlMessage *m)
{
  g_autofree char *own = NULL;
  g_autofree char *again = NULL;

  check_text (m->from.name, CRM_EML_MAX_NAME);
  check_text (m->from.address, CRM_EML_MAX_ADDRESS);
  check_text (m->subject, CRM_EML_MAX_SUBJECT);
  check_text (m->body, CRM_EML_MAX_BODY);
  check_id (m->message_id);
  check_id (m->in_reply_to);
  g_assert (m->date >= 0);
  g_assert (m->to->len <= CRM_EML_MAX_RECIPIENTS);
  for (guint i = 0; i < m->to->len; i++)
    {
      const CrmEmlAddress *a = g_ptr_array_index (m->to, i);

      check_text (a->name, CRM_EML_MAX_NAME);
      check_text (a->address, CRM_EML_MAX_ADDRESS);
    }
  g_assert (m->references->len <= CRM_EML_MAX_REFERENCES);
  for (guint i = 0; i < m->references->len; i++)
    {
      const char *id = g_ptr_array_index (m->references, i);

      check_id (id);
      g_assert (id[0] != '\0');
    }
  g_assert (m->attachments->len <= CRM_EML_MAX_ATTACHMENTS);
  for (guint i = 0; i < m->attachments->len; i++)
    {
      const CrmEmlAttachment *a = g_ptr_array_index (m->attachments, i);

      check_text (a->filename, CRM_EML_MAX_NAME);
      check_text (a->content_type, 127);
    }
  g_assert (m->digest != NULL && strlen (m->digest) == 64);

  own = crm_eml_strip_quoted (m->body);
  check_text (own, CRM_EML_MAX_BODY);
  /* The body read as HTML once more (it is plain text, but valid UTF-8). */
  again = crm_eml_html_to_text (m->body, -1);
  g_assert (g_utf8_validate (again, -1, NULL));
  (void) crm_eml_subject_ticket_number (m->subject);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmEmlMessage) message = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *html = NULL;

  message = crm_eml_parse_data ((const char *) data, size, &error);
  if (message == NULL)
    g_assert (error != NULL && error->domain == CRM_EML_ERROR);
  else
    {
      g_assert (error == NULL);
      check_message (message);
    }

  /* The raw bytes as HTML and in a charset named by their first line. */
  valid = g_utf8_make_valid ((const char *) data, size);
  html = crm_eml_html_to_text (valid, -1);
  g_assert (g_utf8_validate (html, -1, NULL));
  if (size > 0)
    {
      const char *nl = memchr (data, '\n', MIN (size, 40));
      g_autofree char *charset = g_strndup ((const char *) data, nl != NULL ? (gsize) (nl - (const char *) data) : MIN (size, 12));
      g_autofree char *converted = crm_eml_to_utf8 ((const char *) data, size, charset);

      g_assert (g_utf8_validate (converted, -1, NULL));
    }
  return 0;
}

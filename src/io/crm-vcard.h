/* crm-vcard.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vCard 2.1, 3.0 and 4.0 (RFC 2425, 2426, 6350) to CrmContactDraft, and
 * CrmContactDraft to vCard 4.0.  Plain code, no GObject and no GTK: the
 * importer runs it on any thread.
 *
 * The reader streams: it holds one card at a time, so a file of a million
 * cards costs the memory of one.  A broken card (no BEGIN or END, a line that
 * is not a property, a line or photo over the limits) is reported as a
 * CrmVcardRejection and skipped; the cards after it still come through.
 *
 * What no draft field takes goes to draft->extra under the property name
 * ("UID", "NICKNAME", "X-SKYPE"), or "NAME (label)" when an Apple group label
 * or a type names it ("URL (GitHub)", "ADR (home)" for a second address,
 * "X-ABRELATEDNAMES (Spouse)"); N's other parts are "N (additional)",
 * "N (prefix)" and "N (suffix)".  Several values under one key are joined by
 * newlines.  The writer puts each extra field back, as a property of that name
 * or as X-RAPPORT-EXTRA;X-NAME="key", so a written card reads back the same.
 * Remote photos stay links in extra ("PHOTO") and are never fetched.
 */

#pragma once

#include <gio/gio.h>

#include "crm-contact-draft.h"

G_BEGIN_DECLS

#define CRM_VCARD_ERROR (crm_vcard_error_quark ())

typedef enum
{
  CRM_VCARD_ERROR_NOT_VCARD,   /* the input holds no BEGIN:VCARD at all */
} CrmVcardError;

/* Longest logical (unfolded) line, and largest decoded photo, in bytes. */
#define CRM_VCARD_MAX_LINE  (4 * 1024 * 1024)
#define CRM_VCARD_MAX_PHOTO (2 * 1024 * 1024)

/* A card (or text outside any card) that was skipped. */
typedef struct
{
  guint  line;    /* 1-based line of the problem */
  char  *reason;  /* translated, one sentence */
} CrmVcardRejection;

void crm_vcard_rejection_free (CrmVcardRejection *rejection);

typedef struct _CrmVcardReader CrmVcardReader;

GQuark           crm_vcard_error_quark            (void);

CrmVcardReader  *crm_vcard_reader_new             (GInputStream    *stream);
CrmVcardReader  *crm_vcard_reader_new_for_path    (const char      *path,
                                                   GError         **error);
void             crm_vcard_reader_free            (CrmVcardReader  *reader);
CrmContactDraft *crm_vcard_reader_next            (CrmVcardReader  *reader,
                                                   GCancellable    *cancellable,
                                                   GError         **error);
GPtrArray       *crm_vcard_reader_take_rejections (CrmVcardReader  *reader);
guint64          crm_vcard_reader_get_bytes_read  (CrmVcardReader  *reader);

GPtrArray       *crm_vcard_parse_data             (const char      *data,
                                                   gsize            length,
                                                   GPtrArray      **rejections,
                                                   GError         **error);

char            *crm_vcard_format_draft           (const CrmContactDraft *draft);
gboolean         crm_vcard_write_draft            (GOutputStream         *stream,
                                                   const CrmContactDraft *draft,
                                                   GCancellable          *cancellable,
                                                   GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVcardReader, crm_vcard_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVcardRejection, crm_vcard_rejection_free)

G_END_DECLS

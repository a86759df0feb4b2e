/* crm-contact-draft.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One contact as read from a file (a CSV row, a vCard), before it is matched
 * against the database and imported.  Plain data, no GObject: parsers fill it
 * on any thread.  Every string is valid UTF-8 ("" when absent, never NULL).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint       line;           /* 1-based line where the row or card starts */

  char       *given_name;
  char       *family_name;
  char       *display_name;   /* as written; composed by the importer if "" */
  char       *organization;
  char       *title;
  char       *department;

  GPtrArray  *emails;         /* char*, first is preferred */
  GPtrArray  *phones;         /* char*, as written (normalised on import) */

  char       *street;
  char       *city;
  char       *region;
  char       *postal_code;
  char       *country;        /* as written: a name or an ISO code */

  char       *birth_date;     /* ISO 8601 date, "" when absent or invalid */
  char       *gender;         /* key: female | male | other | "" */
  char       *language;       /* BCP 47 or "" */
  char       *website;
  char       *notes;
  GPtrArray  *tags;           /* char* (CSV "Labels"/"Categories", vCard CATEGORIES) */

  GBytes     *photo;          /* NULL when none */
  char       *photo_mime;     /* "image/jpeg" ... or "" */

  /* Columns or properties no field took: header/property name → value.
   * Custom fields and the mapping page use them. */
  GHashTable *extra;
} CrmContactDraft;

CrmContactDraft *crm_contact_draft_new  (void);
void             crm_contact_draft_free (CrmContactDraft *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmContactDraft, crm_contact_draft_free)

G_END_DECLS

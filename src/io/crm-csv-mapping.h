/* crm-csv-mapping.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which CSV column fills which CrmContactDraft field.  A mapping is guessed
 * from the header row (the exports of Google Contacts old and new, Outlook in
 * English, German, French, Spanish and Chinese, Apple Contacts exporters,
 * HubSpot, Salesforce reports and Data Loader, Zoho CRM), and the mapping
 * page edits it column by column.  Header matching ignores case, accents,
 * spaces, underscores, punctuation and column numbers ("E-mail 2 Address"
 * matches like "email address").
 *
 * Field keys are stable strings ("given-name", "email", "phone",
 * "organization" ...): see crm_csv_field_keys().  NULL means "no field": the
 * column goes to draft->extra under its header.
 *
 * Formula neutralisation: Rapport's CSV writer prefixes a cell that starts
 * with = + - @ tab or CR (after any number of single quotes) with one more
 * single quote.  Applying a mapping removes exactly one quote from a value
 * made of one or more quotes then one of those characters, so a file Rapport
 * exported reads back unchanged; a value from another program that really
 * starts with such a quote loses it.
 */

#pragma once

#include "crm-contact-draft.h"

G_BEGIN_DECLS

typedef struct
{
  guint        n_columns;
  char       **headers;    /* n_columns header names as read (NULL-terminated) */
  const char **keys;       /* n_columns field keys (static strings) or NULL */
  gboolean     day_first;  /* read 01/02/1980 as 1 February; guessed TRUE unless
                            * the birth date column has an English header */
  guint       *address_groups; /* private: per column, from the header: business,
                                * home, other, "Address 2 - ..." */
} CrmCsvMapping;

/* The known field keys, NULL-terminated, in the order a mapping page shows
 * them.  transfer none. */
const char * const *crm_csv_field_keys           (void);
/* A translated label for a field key ("Given name"); NULL for unknown keys. */
const char         *crm_csv_field_key_get_label  (const char         *key);
/* The static string for @key, or NULL when it is not a field key. */
const char         *crm_csv_field_key_intern     (const char         *key);
/* The field key a header name maps to automatically, or NULL. */
const char         *crm_csv_guess_field_key      (const char         *header);

CrmCsvMapping      *crm_csv_mapping_new          (const char * const *headers,
                                                  guint               n_headers);
CrmCsvMapping      *crm_csv_mapping_copy         (const CrmCsvMapping *mapping);
void                crm_csv_mapping_free         (CrmCsvMapping      *mapping);
/* FALSE (and no change) when @key is neither NULL nor a field key. */
gboolean            crm_csv_mapping_set_key      (CrmCsvMapping      *mapping,
                                                  guint               column,
                                                  const char         *key);
const char         *crm_csv_mapping_get_key      (const CrmCsvMapping *mapping,
                                                  guint               column);
/* Number of columns mapped to a field. */
guint               crm_csv_mapping_count_mapped (const CrmCsvMapping *mapping);

/* One row → one draft, transfer full.  Fields past the mapping's columns are
 * ignored; missing ones count as empty.  The address comes whole from the
 * first address group (business, home, other, Google's "Address N") that has
 * a value; the other groups' address columns go to extra, so a business
 * street is never paired with a home city. */
CrmContactDraft    *crm_csv_mapping_apply        (const CrmCsvMapping *mapping,
                                                  const char * const  *fields,
                                                  guint                n_fields,
                                                  guint                line);

/* Removes the writer's formula-neutralising quote; returns @value or a
 * pointer one byte into it.  transfer none. */
const char         *crm_csv_strip_formula_guard  (const char         *value);

/* Rapport's own export columns for @drafts: the fixed fields, as many Email
 * and Phone columns as the widest draft needs, then the extra keys (sorted).
 * They map back to the same fields.  transfer full. */
GStrv               crm_csv_export_header        (CrmContactDraft * const *drafts,
                                                  guint               n_drafts);
/* The cells of @draft for the columns of @mapping (made from the export
 * header with crm_csv_mapping_new), not yet neutralised (the writer does
 * that).  transfer full. */
GStrv               crm_csv_export_row           (const CrmCsvMapping *mapping,
                                                  const CrmContactDraft *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvMapping, crm_csv_mapping_free)

G_END_DECLS

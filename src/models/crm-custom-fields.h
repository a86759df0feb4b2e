/* crm-custom-fields.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * User-defined fields on organizations, people, deals and tickets.
 *
 * A field (CrmCustomField) has a target ("organization", "person", "deal",
 * "ticket"), a stable key made from its first label (unique per target, kept
 * when the label changes, never reused: the exports and saved filters use it),
 * a type and, for choices, a JSON list [{"key": "gold", "label": "Gold"}], for
 * money a currency.  Values live in custom_value, one row per field and
 * record:
 *   text    text_value
 *   choice  text_value: one of the field's keys
 *   number  num_value: an integer
 *   money   num_value: minor units of the field's currency
 *   date    num_value: the day as a GDate julian day (0001-01-01 is 1)
 * A record without a value has no row.
 *
 * Renaming a field is crm_custom_field_set_label() (saved like any record);
 * deleting is crm_store_trash_async() (undone by untrashing it).
 */

#pragma once

#include <gio/gio.h>

#include "crm-custom-field.h"
#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_CUSTOM_FIELD_ERROR (crm_custom_field_error_quark ())

typedef enum
{
  CRM_CUSTOM_FIELD_ERROR_INVALID,   /* a definition or value does not fit */
} CrmCustomFieldError;

/* One value of one record, as read back. */
typedef struct
{
  gint64    field_id;
  char     *key;
  char     *field_type;
  char     *text;      /* text and choice; NULL otherwise */
  gint64    number;    /* number, money (minor units), date (julian day) */
} CrmCustomValueEntry;

GQuark      crm_custom_field_error_quark      (void);

/* "text", "number", "money", "date", "choice" */
gboolean    crm_custom_field_type_is_valid     (const char      *field_type);
/* A key from a label: lower-case ASCII letters, digits and "_" ("Loyalty
 * tier" → "loyalty_tier"; "field" when nothing is left).  Transfer full. */
char       *crm_custom_field_key_from_label    (const char      *label);
/* Checks a choices JSON list: objects with a non-empty, unique "key" and a
 * "label"; at least one. */
gboolean    crm_custom_field_check_choices     (const char      *choices,
                                                GError         **error);

/* Defines a new field at the end of @target's list; the key is made from
 * @label and made unique.  @choices is for "choice" fields (else ignored),
 * @currency for "money" ones (ISO 4217).  Returns the new CrmCustomField. */
void        crm_custom_fields_define_async     (CrmStore            *store,
                                                const char          *target,
                                                const char          *label,
                                                const char          *field_type,
                                                const char          *choices,
                                                const char          *currency,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
CrmCustomField *crm_custom_fields_define_finish (CrmStore           *store,
                                                 GAsyncResult       *result,
                                                 GError            **error);
/* Renumbers the positions of @fields (CrmCustomField, in their new order). */
void        crm_custom_fields_reorder          (GListModel      *fields);

/* Parses what a person typed for @field: number "1200"; money "12.50" in
 * major units of the field's currency; date "2026-11-23"; choice a key (or a
 * label); text as is.  An empty @input means "no value" (*@is_empty).  On
 * success sets *@text or *@number. */
gboolean    crm_custom_value_parse             (CrmCustomField  *field,
                                                const char      *input,
                                                gboolean        *is_empty,
                                                char           **text,
                                                gint64          *number,
                                                GError         **error);
/* A value for display (money and dates formatted, choice labels); and the
 * stable form used in exports and by crm_custom_value_parse(): "12.50",
 * "2026-11-23", the choice key.  Transfer full. */
char       *crm_custom_value_format            (CrmCustomField  *field,
                                                const char      *text,
                                                gint64           number);
char       *crm_custom_value_to_stable         (const char      *field_type,
                                                const char      *currency,
                                                const char      *text,
                                                gint64           number);

/* Sets (or with an empty @input clears) the value of @field on @record_id,
 * after crm_custom_value_parse(); a bad value fails with
 * CRM_CUSTOM_FIELD_ERROR_INVALID and writes nothing. */
void        crm_custom_value_set_async         (CrmStore            *store,
                                                CrmCustomField      *field,
                                                gint64               record_id,
                                                const char          *input,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    crm_custom_value_set_finish        (CrmStore            *store,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Every value of one record (live fields of @target, by position): a
 * GPtrArray of CrmCustomValueEntry. */
void        crm_custom_values_load_async       (CrmStore            *store,
                                                const char          *target,
                                                gint64               record_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray  *crm_custom_values_load_finish      (CrmStore            *store,
                                                GAsyncResult        *result,
                                                GError             **error);
void        crm_custom_value_entry_free        (CrmCustomValueEntry *entry);

G_END_DECLS

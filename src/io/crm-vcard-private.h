/* crm-vcard-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the vCard reader (crm-vcard.c), the property mapping
 * (crm-vcard-decode.c) and the writer (crm-vcard-writer.c).
 */

#pragma once

#include "crm-vcard.h"

G_BEGIN_DECLS

/* Where the writer puts extra fields that are not plain property names; the
 * X-NAME parameter holds the key. */
#define CRM_VCARD_EXTRA_PROPERTY "X-RAPPORT-EXTRA"
#define CRM_VCARD_EXTRA_PARAM    "X-NAME"

typedef struct
{
  char *name;    /* upper case; "TYPE" for a bare 2.1 type */
  char *value;   /* unquoted, RFC 6868 decoded; lower case for TYPE */
} CrmVcardParam;

typedef struct
{
  guint      line;
  char      *group;    /* lower case, NULL without a group */
  char      *name;     /* upper case */
  GPtrArray *params;   /* CrmVcardParam* */
  char      *value;    /* raw bytes as in the file, NUL-terminated */
  gsize      length;
} CrmVcardProperty;

void              _crm_vcard_property_free      (CrmVcardProperty  *property);
CrmVcardProperty *_crm_vcard_property_parse     (const char        *line,
                                                 gsize              length,
                                                 guint              number);
const char       *_crm_vcard_property_get_param (CrmVcardProperty  *property,
                                                 const char        *name);

/* Maps the properties of one card; NULL with @reason set when the card must
 * be rejected (@reason_line then says where). */
CrmContactDraft  *_crm_vcard_map_card           (GPtrArray         *properties,
                                                 guint              line,
                                                 guint             *reason_line,
                                                 char             **reason);

/* crm-vcard-text.c */
char             *_crm_vcard_clean_text         (const char        *text,
                                                 gssize             length);
char             *_crm_vcard_unescape_clean     (const char        *text,
                                                 gsize              length);
GPtrArray        *_crm_vcard_split_escaped      (const char        *text,
                                                 char               separator);
char             *_crm_vcard_decode_value       (CrmVcardProperty  *property);
char             *_crm_vcard_decode_text        (CrmVcardProperty  *property);
gboolean          _crm_vcard_is_binary          (CrmVcardProperty  *property);
char             *_crm_vcard_parse_date         (const char        *text,
                                                 const char        *omit_year);
gboolean          _crm_vcard_name_is_mapped     (const char        *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVcardProperty, _crm_vcard_property_free)

G_END_DECLS

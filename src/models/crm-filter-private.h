/* crm-filter-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-filter.h"

G_BEGIN_DECLS

/* One parsed and checked rule of a filter. */
typedef struct
{
  const CrmFilterField *field;        /* built-in, or NULL */
  gint64                custom_id;    /* custom field, or 0 */
  char                 *custom_label;
  char                 *custom_currency;
  CrmFilterKind         kind;
  char                **choice_keys;  /* custom choice fields */
  char                **choice_labels;
  CrmFilterOp           op;
  JsonNode             *value;        /* nullable */
} CrmFilterRule;

/* A GArray of CrmFilterRule, or NULL with @error set. */
GArray   *_crm_filter_parse       (const char  *target,
                                   const char  *json,
                                   GListModel  *custom_fields,
                                   gboolean    *match_any,
                                   GError     **error);
gboolean  _crm_filter_parse_day   (const char  *text,
                                   GDate       *date);
char     *_crm_filter_format_day  (const GDate *date);
/* Unix seconds now (CRM_STORE_NOW overrides) and the local day of it. */
gint64    _crm_filter_now         (void);
void      _crm_filter_today       (GDate       *date);

G_END_DECLS

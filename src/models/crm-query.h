/* crm-query.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A description of a list of records (type, filters, order) that the store
 * turns into SQL.  Views build queries; they never write SQL.  Column names are
 * checked against the record type, and values are always bound, never spliced.
 */

#pragma once

#include <glib-object.h>

#include "crm-types.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_QUERY_EQ,
  CRM_QUERY_NE,
  CRM_QUERY_LT,
  CRM_QUERY_LE,
  CRM_QUERY_GT,
  CRM_QUERY_GE,
  CRM_QUERY_PREFIX,    /* text starts with the value, case-insensitive */
  CRM_QUERY_CONTAINS,  /* text contains the value, case-insensitive */
} CrmQueryOp;

#define CRM_TYPE_QUERY (crm_query_get_type ())

GType      crm_query_get_type         (void) G_GNUC_CONST;
CrmQuery  *crm_query_new              (GType        record_type);
CrmQuery  *crm_query_ref              (CrmQuery    *self);
void       crm_query_unref            (CrmQuery    *self);
CrmQuery  *crm_query_copy             (CrmQuery    *self);
GType      crm_query_get_record_type  (CrmQuery    *self);

/* Filters are ANDed.  @property is a property name ("stage-id"). */
void       crm_query_add_text         (CrmQuery    *self,
                                       const char  *property,
                                       CrmQueryOp   op,
                                       const char  *value);
void       crm_query_add_int          (CrmQuery    *self,
                                       const char  *property,
                                       CrmQueryOp   op,
                                       gint64       value);
/* Order by @property, then by id.  The default is the type's sort key (or id). */
void       crm_query_set_order        (CrmQuery    *self,
                                       const char  *property,
                                       gboolean     descending);
/* Show the trash instead of live records. */
void       crm_query_set_trashed      (CrmQuery    *self,
                                       gboolean     trashed);
void       crm_query_set_limit        (CrmQuery    *self,
                                       guint        limit);
gboolean   crm_query_equal            (CrmQuery    *a,
                                       CrmQuery    *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmQuery, crm_query_unref)

G_END_DECLS

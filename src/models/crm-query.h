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

/* Filters are ANDed (or ORed, see crm_query_set_match_any()).  @property is
 * a property name ("stage-id"); an unknown one is a programming error
 * (g_critical) and adds no filter. */
void       crm_query_add_text         (CrmQuery    *self,
                                       const char  *property,
                                       CrmQueryOp   op,
                                       const char  *value);
void       crm_query_add_int          (CrmQuery    *self,
                                       const char  *property,
                                       CrmQueryOp   op,
                                       gint64       value);
/* Inclusive ranges: @property BETWEEN @min AND @max (ISO dates compare as
 * text). */
void       crm_query_add_text_range   (CrmQuery    *self,
                                       const char  *property,
                                       const char  *min,
                                       const char  *max);
void       crm_query_add_int_range    (CrmQuery    *self,
                                       const char  *property,
                                       gint64       min,
                                       gint64       max);
/* @property is one of @values (NULL-terminated; an empty list matches
 * nothing), or with @negate none of them. */
void       crm_query_add_text_in      (CrmQuery           *self,
                                       const char         *property,
                                       const char * const *values,
                                       gboolean            negate);
/* Text is not empty, a number or boolean is not 0, a reference is set (or the
 * opposite when !@set).  "Not 0" is written (x = 0) = 0, which an index on
 * the expression x = 0 can search. */
void       crm_query_add_is_set       (CrmQuery    *self,
                                       const char  *property,
                                       gboolean     set);

/* Custom fields (the custom_value table; @field_id is a CrmCustomField id).
 * Text and choice values are compared with text_value, numbers, money (minor
 * units) and dates (julian days) with num_value.  A record matches when it has
 * a value that satisfies @op; CRM_QUERY_NE matches records without a value
 * equal to @value, including those with no value at all. */
void       crm_query_add_custom_text  (CrmQuery    *self,
                                       gint64       field_id,
                                       CrmQueryOp   op,
                                       const char  *value);
void       crm_query_add_custom_int   (CrmQuery    *self,
                                       gint64       field_id,
                                       CrmQueryOp   op,
                                       gint64       value);
void       crm_query_add_custom_int_range (CrmQuery *self,
                                           gint64    field_id,
                                           gint64    min,
                                           gint64    max);
void       crm_query_add_custom_text_in (CrmQuery           *self,
                                         gint64              field_id,
                                         const char * const *values,
                                         gboolean            negate);
/* The record has a non-empty value of the field (or has none when !@set). */
void       crm_query_add_custom_is_set (CrmQuery   *self,
                                        gint64      field_id,
                                        gboolean    set);

/* Related records:
 *   "organization": people with a live affiliation (not trashed, not ended)
 *     to organization @id; for deals and tickets, their organization;
 *   "tag": records carrying tag @id (record_tag for the record's table).
 * crm_query_add_related_op() takes CRM_QUERY_EQ (has) or CRM_QUERY_NE (has
 * not).  An unknown relation is a programming error (g_critical). */
void       crm_query_add_related      (CrmQuery    *self,
                                       const char  *relation,
                                       gint64       id);
void       crm_query_add_related_op   (CrmQuery    *self,
                                       const char  *relation,
                                       CrmQueryOp   op,
                                       gint64       id);
gboolean   crm_query_has_relation     (GType        record_type,
                                       const char  *relation);

/* A selection: only the records whose id is one of @ids (bound as one JSON
 * array, however many there are). */
void       crm_query_add_ids          (CrmQuery     *self,
                                       const gint64 *ids,
                                       guint         n_ids);

/* A hint: the column filters added so far keep few of the table's rows (a
 * ticket queue: the backlog of one status or one person).  SQLite is told so
 * (likelihood ()), and their lists are bound value by value, so that it reads
 * those rows from an index on their columns and sorts them, rather than walk
 * the whole table in the index of the order. */
void       crm_query_hint_few         (CrmQuery    *self);

/* With @any, a record matches when any filter matches (at least one; a query
 * without filters still matches everything).  Trashed records stay out either
 * way. */
void       crm_query_set_match_any    (CrmQuery    *self,
                                       gboolean     any);
gboolean   crm_query_get_match_any    (CrmQuery    *self);
guint      crm_query_get_n_filters    (CrmQuery    *self);

/* Order by @property, then by id.  The default is the type's sort key (or id). */
void       crm_query_set_order        (CrmQuery    *self,
                                       const char  *property,
                                       gboolean     descending);
/* Order by the number @property ascending with 0 (not set: a deadline that
 * does not run) last, then by id: ORDER BY x = 0, x, id, the order of an
 * index on (..., x = 0, x, id). */
void       crm_query_set_order_zero_last (CrmQuery  *self,
                                          const char *property);
/* Order by the position of the text @property among @keys (NULL-terminated
 * stable keys of letters, digits and '-'; other values last), then by the
 * order set before (crm_query_set_order(), _zero_last()).  The keys are
 * written into the SQL as literals, so that an index on the same CASE
 * expression serves the order. */
void       crm_query_set_order_rank   (CrmQuery           *self,
                                       const char         *property,
                                       const char * const *keys);
/* Show the trash instead of live records. */
void       crm_query_set_trashed      (CrmQuery    *self,
                                       gboolean     trashed);
void       crm_query_set_limit        (CrmQuery    *self,
                                       guint        limit);
gboolean   crm_query_equal            (CrmQuery    *a,
                                       CrmQuery    *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmQuery, crm_query_unref)

G_END_DECLS

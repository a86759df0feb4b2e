/* crm-filter.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved filters (segments, the list filter editor) as JSON, and the catalog of
 * fields a filter may use.  A filter is
 *
 *   {"match": "all" | "any",
 *    "rules": [{"field": "city", "op": "eq", "value": "Berlin"},
 *              {"field": "custom:loyalty_level", "op": "in", "value": ["gold", "silver"]},
 *              {"field": "organization", "op": "eq", "value": 1234},
 *              {"field": "age", "op": "between", "value": [25, 34]},
 *              {"field": "last_purchase", "op": "within_days", "value": 90}]}
 *
 * Field keys are the catalog's (crm_filter_fields()) or "custom:<key>" for a
 * custom field of the target.  Values by kind:
 *   text: a string ("in": an array of strings);
 *   int, money: an integer (money in minor units); "between": [min, max];
 *   date, timestamp: an ISO 8601 day "2026-11-23" ("between": two of them;
 *     "within_days" / "older_days": a number of days back from today);
 *   bool: true or false;
 *   choice: a stable key of the field's choices ("in": an array of keys);
 *   relation: a record id (organization, tag, staff user);
 *   "is_set" / "not_set": no value (ignored).
 * Everything is stored as stable keys: the JSON never holds translated text.
 * "Today" is the local day (CRM_STORE_NOW, in unix seconds, overrides it for
 * tests, as for the store).
 */

#pragma once

#include <gio/gio.h>

#include "crm-keys.h"
#include "crm-query.h"
#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_FILTER_ERROR (crm_filter_error_quark ())

/**
 * CrmFilterError:
 * @CRM_FILTER_ERROR_SYNTAX: not JSON, or not a filter object
 * @CRM_FILTER_ERROR_UNKNOWN_FIELD: a rule names a field the target does not have
 * @CRM_FILTER_ERROR_BAD_OPERATOR: a rule's operator does not fit its field
 * @CRM_FILTER_ERROR_BAD_VALUE: a rule's value does not fit its field and operator
 */
typedef enum
{
  CRM_FILTER_ERROR_SYNTAX,
  CRM_FILTER_ERROR_UNKNOWN_FIELD,
  CRM_FILTER_ERROR_BAD_OPERATOR,
  CRM_FILTER_ERROR_BAD_VALUE,
} CrmFilterError;

typedef enum
{
  CRM_FILTER_KIND_TEXT,
  CRM_FILTER_KIND_INT,
  CRM_FILTER_KIND_MONEY,      /* integer minor units */
  CRM_FILTER_KIND_DATE,       /* a calendar day */
  CRM_FILTER_KIND_TIMESTAMP,  /* a moment (unix seconds), filtered by day */
  CRM_FILTER_KIND_BOOL,
  CRM_FILTER_KIND_CHOICE,     /* one of the field's stable keys */
  CRM_FILTER_KIND_RELATION,   /* the id of another record */
} CrmFilterKind;

typedef enum
{
  CRM_FILTER_OP_EQ,           /* "eq" */
  CRM_FILTER_OP_NE,           /* "ne" */
  CRM_FILTER_OP_LT,           /* "lt" */
  CRM_FILTER_OP_LE,           /* "le" */
  CRM_FILTER_OP_GT,           /* "gt" */
  CRM_FILTER_OP_GE,           /* "ge" */
  CRM_FILTER_OP_BETWEEN,      /* "between" (inclusive) */
  CRM_FILTER_OP_CONTAINS,     /* "contains" */
  CRM_FILTER_OP_PREFIX,       /* "prefix" */
  CRM_FILTER_OP_IN,           /* "in" */
  CRM_FILTER_OP_IS_SET,       /* "is_set" */
  CRM_FILTER_OP_NOT_SET,      /* "not_set" */
  CRM_FILTER_OP_WITHIN_DAYS,  /* "within_days": in the last N days */
  CRM_FILTER_OP_OLDER_DAYS,   /* "older_days": more than N days ago */
  CRM_FILTER_N_OPS,
} CrmFilterOp;

#define CRM_FILTER_OP_MASK(op) (1u << (op))

/* A choice of a choice field: a key of one of crm-keys.h's lists. */
typedef CrmKeyName CrmFilterChoice;

/**
 * CrmFilterField:
 * @key: the key in the JSON ("city", "age", "organization")
 * @property: the record property it reads, or %NULL for related records
 * @kind: what kind of value it takes
 * @label: the untranslated label; use crm_filter_field_get_label()
 * @ops: a mask of CRM_FILTER_OP_MASK() of the operators it allows
 * @choices: (nullable): for %CRM_FILTER_KIND_CHOICE, the stable keys
 * @n_choices: their number
 * @relation: for %CRM_FILTER_KIND_RELATION, the table of the related record
 *   ("organization", "tag", "staff_user")
 */
typedef struct
{
  const char            *key;
  const char            *property;
  CrmFilterKind          kind;
  const char            *label;
  guint                  ops;
  const CrmFilterChoice *choices;
  guint                  n_choices;
  const char            *relation;
} CrmFilterField;

GQuark                crm_filter_error_quark     (void);

/* The built-in fields of @target ("person" or "organization"; other targets
 * have none); custom fields are not in this list. */
const CrmFilterField *crm_filter_fields          (const char           *target,
                                                  guint                *n_fields);
const CrmFilterField *crm_filter_find_field      (const char           *target,
                                                  const char           *key);
const char           *crm_filter_field_get_label (const CrmFilterField *field);
const char           *crm_filter_choice_get_label (const CrmFilterChoice *choice);

/* Custom fields: the kind for a CrmCustomField's field-type ("text",
 * "number", "money", "date", "choice"), and the operators any field of a kind
 * allows. */
CrmFilterKind         crm_filter_kind_for_custom_type (const char      *field_type);
guint                 crm_filter_kind_ops        (CrmFilterKind         kind);

const char           *crm_filter_op_to_key       (CrmFilterOp           op);
gboolean              crm_filter_op_from_key     (const char           *key,
                                                  CrmFilterOp          *op);
/* "is", "is before", "in the last … days" for @kind; translated. */
const char           *crm_filter_op_get_label    (CrmFilterOp           op,
                                                  CrmFilterKind         kind);

/* Adds @json's rules to @query (whose record type gives the target) and sets
 * its match mode.  @custom_fields (nullable) is a list of CrmCustomField, as
 * crm_filter_load_custom_fields_async() gives; it is needed only for
 * "custom:" rules (those of other targets and trashed ones are ignored).  On
 * error @query is left unchanged. */
gboolean              crm_filter_apply           (CrmQuery             *query,
                                                  const char           *json,
                                                  GListModel           *custom_fields,
                                                  GError              **error);
/* Checks @json without a query. */
gboolean              crm_filter_validate        (const char           *target,
                                                  const char           *json,
                                                  GListModel           *custom_fields,
                                                  GError              **error);

/* Loads the live custom fields of @target (by position) as a GListModel of
 * CrmCustomField. */
void                  crm_filter_load_custom_fields_async  (CrmStore            *store,
                                                            const char          *target,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GListModel           *crm_filter_load_custom_fields_finish (CrmStore            *store,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* The one-step form for views and exporters: loads @target's custom fields
 * and returns a new query over @target ("person" or "organization") with
 * @json applied. */
void                  crm_filter_build_query_async  (CrmStore            *store,
                                                     const char          *target,
                                                     const char          *json,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
CrmQuery             *crm_filter_build_query_finish (CrmStore            *store,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* A short translated sentence for the UI: "All of: City is Berlin; Age is
 * between 25 and 34".  @custom_fields (nullable) gives custom field labels;
 * @store (nullable) names related records it has loaded (otherwise "#1234");
 * @currency (nullable: USD) formats money of built-in fields.  A filter
 * without rules gives "Everyone" / "All organizations"; a broken one says so. */
char                 *crm_filter_describe        (const char           *target,
                                                  const char           *json,
                                                  GListModel           *custom_fields,
                                                  CrmStore             *store,
                                                  const char           *currency);

/* Helpers for editors: a filter with no rules, and the number of rules. */
#define CRM_FILTER_EMPTY "{\"match\":\"all\",\"rules\":[]}"

G_END_DECLS

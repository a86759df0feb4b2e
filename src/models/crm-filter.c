/* crm-filter.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmFilter"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "crm-filter-private.h"
#include "crm-models.h"
#include "crm-store.h"

G_DEFINE_QUARK (crm-filter-error-quark, crm_filter_error)

/* --- The catalog (choice labels: crm-keys.c) --- */

#define M(op) CRM_FILTER_OP_MASK (CRM_FILTER_OP_##op)
#define OPS_SET (M (IS_SET) | M (NOT_SET))
#define OPS_TEXT (M (EQ) | M (NE) | M (CONTAINS) | M (PREFIX) | M (IN) | OPS_SET)
#define OPS_NUMBER (M (EQ) | M (NE) | M (LT) | M (LE) | M (GT) | M (GE) | M (BETWEEN))
#define OPS_DATE (M (EQ) | M (NE) | M (LT) | M (LE) | M (GT) | M (GE) | M (BETWEEN) | \
                  M (WITHIN_DAYS) | M (OLDER_DAYS) | OPS_SET)
#define OPS_TIMESTAMP (M (EQ) | M (LT) | M (LE) | M (GT) | M (GE) | M (BETWEEN) | \
                       M (WITHIN_DAYS) | M (OLDER_DAYS) | OPS_SET)
#define OPS_BOOL (M (EQ))
#define OPS_CHOICE (M (EQ) | M (NE) | M (IN) | OPS_SET)
#define OPS_RELATION (M (EQ) | M (NE))
#define CHOICES(c) c, G_N_ELEMENTS (c)

static const CrmFilterField person_fields[] = {
  { "name", "display-name", CRM_FILTER_KIND_TEXT, N_("Name"), OPS_TEXT, NULL, 0, NULL },
  { "email", "email", CRM_FILTER_KIND_TEXT, N_("Email"), OPS_TEXT, NULL, 0, NULL },
  { "organization", NULL, CRM_FILTER_KIND_RELATION, N_("Organization"), OPS_RELATION,
    NULL, 0, "organization" },
  { "city", "city", CRM_FILTER_KIND_TEXT, N_("City"), OPS_TEXT, NULL, 0, NULL },
  { "region", "region", CRM_FILTER_KIND_TEXT, N_("Region"), OPS_TEXT, NULL, 0, NULL },
  { "country", "country", CRM_FILTER_KIND_TEXT, N_("Country"), OPS_TEXT, NULL, 0, NULL },
  { "age", "birth-date", CRM_FILTER_KIND_INT, N_("Age"), OPS_NUMBER & ~M (NE), NULL, 0, NULL },
  { "gender", "gender", CRM_FILTER_KIND_CHOICE, N_("Gender"), OPS_CHOICE,
    CHOICES (crm_keys_gender), NULL },
  { "language", "language", CRM_FILTER_KIND_TEXT, N_("Language"), OPS_TEXT, NULL, 0, NULL },
  { "consent_email", "consent-email", CRM_FILTER_KIND_BOOL, N_("Email consent"), OPS_BOOL,
    NULL, 0, NULL },
  { "consent_sms", "consent-sms", CRM_FILTER_KIND_BOOL, N_("SMS consent"), OPS_BOOL,
    NULL, 0, NULL },
  { "consent_phone", "consent-phone", CRM_FILTER_KIND_BOOL, N_("Phone consent"), OPS_BOOL,
    NULL, 0, NULL },
  { "preferred_channel", "preferred-channel", CRM_FILTER_KIND_CHOICE, N_("Preferred channel"),
    OPS_CHOICE, CHOICES (crm_keys_channel), NULL },
  { "is_customer", "is-customer", CRM_FILTER_KIND_BOOL, N_("Customer"), OPS_BOOL,
    NULL, 0, NULL },
  { "customer_since", "customer-since", CRM_FILTER_KIND_DATE, N_("Customer since"), OPS_DATE,
    NULL, 0, NULL },
  { "order_count", "order-count", CRM_FILTER_KIND_INT, N_("Orders"), OPS_NUMBER, NULL, 0, NULL },
  { "total_spend", "total-spend", CRM_FILTER_KIND_MONEY, N_("Total spend"), OPS_NUMBER,
    NULL, 0, NULL },
  { "last_purchase", "last-purchase", CRM_FILTER_KIND_TIMESTAMP, N_("Last purchase"),
    OPS_TIMESTAMP, NULL, 0, NULL },
  { "last_activity", "last-activity", CRM_FILTER_KIND_TIMESTAMP, N_("Last activity"),
    OPS_TIMESTAMP, NULL, 0, NULL },
  { "rfm_score", "rfm-score", CRM_FILTER_KIND_INT, N_("RFM score"), OPS_NUMBER, NULL, 0, NULL },
  { "rfm_recency", "rfm-recency", CRM_FILTER_KIND_INT, N_("RFM recency"), OPS_NUMBER,
    NULL, 0, NULL },
  { "rfm_frequency", "rfm-frequency", CRM_FILTER_KIND_INT, N_("RFM frequency"), OPS_NUMBER,
    NULL, 0, NULL },
  { "rfm_monetary", "rfm-monetary", CRM_FILTER_KIND_INT, N_("RFM monetary"), OPS_NUMBER,
    NULL, 0, NULL },
  { "owner", "owner-id", CRM_FILTER_KIND_RELATION, N_("Owner"), OPS_RELATION | OPS_SET,
    NULL, 0, "staff_user" },
  { "tag", NULL, CRM_FILTER_KIND_RELATION, N_("Tag"), OPS_RELATION, NULL, 0, "tag" },
};

static const CrmFilterField organization_fields[] = {
  { "name", "name", CRM_FILTER_KIND_TEXT, N_("Name"), OPS_TEXT, NULL, 0, NULL },
  { "industry", "industry", CRM_FILTER_KIND_CHOICE, N_("Industry"), OPS_CHOICE,
    CHOICES (crm_keys_industry), NULL },
  { "size", "size-band", CRM_FILTER_KIND_CHOICE, N_("Size"), OPS_CHOICE,
    CHOICES (crm_keys_size), NULL },
  { "annual_revenue", "annual-revenue", CRM_FILTER_KIND_MONEY, N_("Annual revenue"),
    OPS_NUMBER, NULL, 0, NULL },
  { "region", "region", CRM_FILTER_KIND_TEXT, N_("Region"), OPS_TEXT, NULL, 0, NULL },
  { "country", "country", CRM_FILTER_KIND_TEXT, N_("Country"), OPS_TEXT, NULL, 0, NULL },
  { "city", "city", CRM_FILTER_KIND_TEXT, N_("City"), OPS_TEXT, NULL, 0, NULL },
  { "tier", "tier", CRM_FILTER_KIND_CHOICE, N_("Tier"), OPS_CHOICE, CHOICES (crm_keys_tier),
    NULL },
  { "owner", "owner-id", CRM_FILTER_KIND_RELATION, N_("Owner"), OPS_RELATION | OPS_SET,
    NULL, 0, "staff_user" },
  { "open_deal_count", "open-deal-count", CRM_FILTER_KIND_INT, N_("Open deals"), OPS_NUMBER,
    NULL, 0, NULL },
  { "open_deal_value", "open-deal-value", CRM_FILTER_KIND_MONEY, N_("Open deal value"),
    OPS_NUMBER, NULL, 0, NULL },
  { "last_activity", "last-activity", CRM_FILTER_KIND_TIMESTAMP, N_("Last activity"),
    OPS_TIMESTAMP, NULL, 0, NULL },
  { "tag", NULL, CRM_FILTER_KIND_RELATION, N_("Tag"), OPS_RELATION, NULL, 0, "tag" },
};

const CrmFilterField *
crm_filter_fields (const char *target,
                   guint      *n_fields)
{
  g_return_val_if_fail (target != NULL, NULL);

  if (g_str_equal (target, "person"))
    {
      if (n_fields)
        *n_fields = G_N_ELEMENTS (person_fields);
      return person_fields;
    }
  if (g_str_equal (target, "organization"))
    {
      if (n_fields)
        *n_fields = G_N_ELEMENTS (organization_fields);
      return organization_fields;
    }
  if (n_fields)
    *n_fields = 0;
  return NULL;
}

const CrmFilterField *
crm_filter_find_field (const char *target,
                       const char *key)
{
  guint n = 0;
  const CrmFilterField *fields = crm_filter_fields (target, &n);

  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (fields[i].key, key))
      return &fields[i];
  return NULL;
}

const char *
crm_filter_field_get_label (const CrmFilterField *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  return _(field->label);
}

const char *
crm_filter_choice_get_label (const CrmFilterChoice *choice)
{
  g_return_val_if_fail (choice != NULL, NULL);

  return g_dpgettext2 (GETTEXT_PACKAGE, choice->context, choice->label);
}

CrmFilterKind
crm_filter_kind_for_custom_type (const char *field_type)
{
  if (g_strcmp0 (field_type, "number") == 0)
    return CRM_FILTER_KIND_INT;
  if (g_strcmp0 (field_type, "money") == 0)
    return CRM_FILTER_KIND_MONEY;
  if (g_strcmp0 (field_type, "date") == 0)
    return CRM_FILTER_KIND_DATE;
  if (g_strcmp0 (field_type, "choice") == 0)
    return CRM_FILTER_KIND_CHOICE;
  return CRM_FILTER_KIND_TEXT;
}

guint
crm_filter_kind_ops (CrmFilterKind kind)
{
  switch (kind)
    {
    case CRM_FILTER_KIND_INT:
    case CRM_FILTER_KIND_MONEY:
      return OPS_NUMBER | OPS_SET;
    case CRM_FILTER_KIND_DATE:
      return OPS_DATE;
    case CRM_FILTER_KIND_TIMESTAMP:
      return OPS_TIMESTAMP;
    case CRM_FILTER_KIND_BOOL:
      return OPS_BOOL;
    case CRM_FILTER_KIND_CHOICE:
      return OPS_CHOICE;
    case CRM_FILTER_KIND_RELATION:
      return OPS_RELATION;
    case CRM_FILTER_KIND_TEXT:
    default:
      return OPS_TEXT;
    }
}

/* --- Operators --- */

static const char * const op_keys[CRM_FILTER_N_OPS] = {
  "eq", "ne", "lt", "le", "gt", "ge", "between", "contains", "prefix", "in", "is_set",
  "not_set", "within_days", "older_days",
};

const char *
crm_filter_op_to_key (CrmFilterOp op)
{
  g_return_val_if_fail (op < CRM_FILTER_N_OPS, NULL);

  return op_keys[op];
}

gboolean
crm_filter_op_from_key (const char  *key,
                        CrmFilterOp *op)
{
  for (guint i = 0; key != NULL && i < CRM_FILTER_N_OPS; i++)
    if (g_str_equal (key, op_keys[i]))
      {
        *op = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
kind_is_time (CrmFilterKind kind)
{
  return kind == CRM_FILTER_KIND_DATE || kind == CRM_FILTER_KIND_TIMESTAMP;
}

const char *
crm_filter_op_get_label (CrmFilterOp   op,
                         CrmFilterKind kind)
{
  gboolean time = kind_is_time (kind);

  switch (op)
    {
    case CRM_FILTER_OP_EQ: return time ? C_("filter operator", "is on") : C_("filter operator", "is");
    case CRM_FILTER_OP_NE: return time ? C_("filter operator", "is not on") : C_("filter operator", "is not");
    case CRM_FILTER_OP_LT: return time ? C_("filter operator", "is before") : C_("filter operator", "is less than");
    case CRM_FILTER_OP_LE: return time ? C_("filter operator", "is on or before") : C_("filter operator", "is at most");
    case CRM_FILTER_OP_GT: return time ? C_("filter operator", "is after") : C_("filter operator", "is more than");
    case CRM_FILTER_OP_GE: return time ? C_("filter operator", "is on or after") : C_("filter operator", "is at least");
    case CRM_FILTER_OP_BETWEEN: return C_("filter operator", "is between");
    case CRM_FILTER_OP_CONTAINS: return C_("filter operator", "contains");
    case CRM_FILTER_OP_PREFIX: return C_("filter operator", "starts with");
    case CRM_FILTER_OP_IN: return C_("filter operator", "is one of");
    case CRM_FILTER_OP_IS_SET: return C_("filter operator", "is set");
    case CRM_FILTER_OP_NOT_SET: return C_("filter operator", "is not set");
    case CRM_FILTER_OP_WITHIN_DAYS: return C_("filter operator", "is in the last (days)");
    case CRM_FILTER_OP_OLDER_DAYS: return C_("filter operator", "is longer ago than (days)");
    case CRM_FILTER_N_OPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* --- Days --- */

gboolean
_crm_filter_parse_day (const char *text,
                       GDate      *date)
{
  int y, m, d, n = 0;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
      text[n] != '\0' || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

char *
_crm_filter_format_day (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

gint64
_crm_filter_now (void)
{
  const char *fake = g_getenv ("CRM_STORE_NOW");

  if (fake != NULL && *fake != '\0')
    return g_ascii_strtoll (fake, NULL, 10);
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
_crm_filter_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (_crm_filter_now ());

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* Unix seconds of local midnight starting @date. */
static gint64
day_start (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static gint64
next_day_start (const GDate *date)
{
  GDate next = *date;

  g_date_add_days (&next, 1);
  return day_start (&next);
}

/* --- Parsing and applying --- */

typedef CrmFilterRule Rule;

static void
rule_clear (gpointer data)
{
  Rule *r = data;

  g_free (r->custom_label);
  g_free (r->custom_currency);
  g_strfreev (r->choice_keys);
  g_strfreev (r->choice_labels);
  g_clear_pointer (&r->value, json_node_unref);
}

static char **
parse_choices (const char *json,
               const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  JsonNode *root;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *key;

          if (JSON_NODE_HOLDS_OBJECT (node) &&
              (key = json_object_get_string_member_with_default (json_node_get_object (node),
                                                                 member, NULL)) != NULL)
            g_ptr_array_add (keys, g_strdup (key));
        }
    }
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
}

static CrmCustomField *
find_custom_field (GListModel *custom_fields,
                   const char *target,
                   const char *key)
{
  guint n = custom_fields ? g_list_model_get_n_items (custom_fields) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmCustomField) field = g_list_model_get_item (custom_fields, i);

      if (CRM_IS_CUSTOM_FIELD (field) && !crm_record_get_trashed (CRM_RECORD (field)) &&
          g_strcmp0 (crm_custom_field_get_target (field), target) == 0 &&
          g_strcmp0 (crm_custom_field_get_key (field), key) == 0)
        return field;
    }
  return NULL;
}

static gboolean
resolve_field (Rule        *rule,
               const char  *target,
               const char  *key,
               GListModel  *custom_fields,
               GError     **error)
{
  if (g_str_has_prefix (key, "custom:"))
    {
      CrmCustomField *field = find_custom_field (custom_fields, target, key + strlen ("custom:"));

      if (field == NULL)
        {
          g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_UNKNOWN_FIELD,
                       _("The custom field “%s” no longer exists"), key + strlen ("custom:"));
          return FALSE;
        }
      rule->custom_id = crm_record_get_id (CRM_RECORD (field));
      rule->custom_label = g_strdup (crm_custom_field_get_label (field));
      rule->kind = crm_filter_kind_for_custom_type (crm_custom_field_get_field_type (field));
      if (rule->kind == CRM_FILTER_KIND_CHOICE)
        {
          rule->choice_keys = parse_choices (crm_custom_field_get_choices (field), "key");
          rule->choice_labels = parse_choices (crm_custom_field_get_choices (field), "label");
        }
      rule->custom_currency = g_strdup (crm_custom_field_get_currency (field));
      return TRUE;
    }

  if (!(rule->field = crm_filter_find_field (target, key)))
    {
      g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_UNKNOWN_FIELD,
                   _("Unknown filter field “%s”"), key);
      return FALSE;
    }
  rule->kind = rule->field->kind;
  return TRUE;
}

static gboolean
rule_allows (Rule        *rule,
             CrmFilterOp  op)
{
  guint ops = rule->field ? rule->field->ops : crm_filter_kind_ops (rule->kind);

  return (ops & CRM_FILTER_OP_MASK (op)) != 0;
}

static gboolean
bad_value (GError    **error,
           const char *key)
{
  g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_BAD_VALUE,
               _("The value for “%s” does not fit the field"), key);
  return FALSE;
}

static gboolean
node_is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
choice_allowed (Rule       *rule,
                const char *key)
{
  if (rule->choice_keys != NULL)
    return g_strv_contains ((const char * const *) rule->choice_keys, key);
  if (rule->field != NULL && rule->field->choices != NULL)
    {
      for (guint i = 0; i < rule->field->n_choices; i++)
        if (g_str_equal (rule->field->choices[i].key, key))
          return TRUE;
      return FALSE;
    }
  return TRUE;
}

/* Checks one scalar value against the rule's kind. */
static gboolean
check_scalar (Rule     *rule,
              JsonNode *node)
{
  GDate date;

  switch (rule->kind)
    {
    case CRM_FILTER_KIND_INT:
    case CRM_FILTER_KIND_MONEY:
    case CRM_FILTER_KIND_RELATION:
      return node_is_int (node);
    case CRM_FILTER_KIND_DATE:
    case CRM_FILTER_KIND_TIMESTAMP:
      return node_is_string (node) && _crm_filter_parse_day (json_node_get_string (node), &date);
    case CRM_FILTER_KIND_BOOL:
      return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
             json_node_get_value_type (node) == G_TYPE_BOOLEAN;
    case CRM_FILTER_KIND_CHOICE:
      return node_is_string (node) && choice_allowed (rule, json_node_get_string (node));
    case CRM_FILTER_KIND_TEXT:
    default:
      return node_is_string (node);
    }
}

static gboolean
check_value (Rule        *rule,
             const char  *key,
             GError     **error)
{
  JsonNode *v = rule->value;

  switch (rule->op)
    {
    case CRM_FILTER_OP_IS_SET:
    case CRM_FILTER_OP_NOT_SET:
      return TRUE;
    case CRM_FILTER_OP_WITHIN_DAYS:
    case CRM_FILTER_OP_OLDER_DAYS:
      if (!node_is_int (v) || json_node_get_int (v) < 0 || json_node_get_int (v) > 100000)
        return bad_value (error, key);
      return TRUE;
    case CRM_FILTER_OP_BETWEEN:
      if (v == NULL || !JSON_NODE_HOLDS_ARRAY (v) ||
          json_array_get_length (json_node_get_array (v)) != 2 ||
          !check_scalar (rule, json_array_get_element (json_node_get_array (v), 0)) ||
          !check_scalar (rule, json_array_get_element (json_node_get_array (v), 1)))
        return bad_value (error, key);
      return TRUE;
    case CRM_FILTER_OP_IN:
      if (v == NULL || !JSON_NODE_HOLDS_ARRAY (v))
        return bad_value (error, key);
      for (guint i = 0; i < json_array_get_length (json_node_get_array (v)); i++)
        if (!check_scalar (rule, json_array_get_element (json_node_get_array (v), i)))
          return bad_value (error, key);
      return TRUE;
    case CRM_FILTER_OP_CONTAINS:
    case CRM_FILTER_OP_PREFIX:
      if (!node_is_string (v))
        return bad_value (error, key);
      return TRUE;
    default:
      if (!check_scalar (rule, v))
        return bad_value (error, key);
      /* age is a small number of years */
      if (rule->field && g_str_equal (rule->field->key, "age") &&
          (json_node_get_int (v) < 0 || json_node_get_int (v) > 200))
        return bad_value (error, key);
      return TRUE;
    }
}

static gboolean
parse_rule (JsonNode    *node,
            const char  *target,
            GListModel  *custom_fields,
            Rule        *rule,
            GError     **error)
{
  JsonObject *obj;
  const char *key, *op;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_SYNTAX,
                   _("A filter rule is not an object"));
      return FALSE;
    }
  obj = json_node_get_object (node);
  key = json_object_get_string_member_with_default (obj, "field", NULL);
  op = json_object_get_string_member_with_default (obj, "op", NULL);
  if (key == NULL || op == NULL)
    {
      g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_SYNTAX,
                   _("A filter rule needs a field and an operator"));
      return FALSE;
    }
  if (!resolve_field (rule, target, key, custom_fields, error))
    return FALSE;
  if (!crm_filter_op_from_key (op, &rule->op) || !rule_allows (rule, rule->op))
    {
      g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_BAD_OPERATOR,
                   _("The operator “%s” cannot be used with “%s”"), op, key);
      return FALSE;
    }
  if (json_object_has_member (obj, "value"))
    rule->value = json_node_ref (json_object_get_member (obj, "value"));
  return check_value (rule, key, error);
}

/* Parses @json into rules (Rule); NULL with @error on failure. */
GArray *
_crm_filter_parse (const char  *target,
                   const char  *json,
                   GListModel  *custom_fields,
                   gboolean    *match_any,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) rules = g_array_new (FALSE, TRUE, sizeof (Rule));
  g_autoptr(GError) local_error = NULL;
  JsonObject *obj;
  JsonNode *root;
  const char *match;

  g_array_set_clear_func (rules, rule_clear);

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_SYNTAX,
                   _("The filter is not valid: %s"),
                   local_error ? local_error->message : _("not a JSON object"));
      return NULL;
    }
  obj = json_node_get_object (root);
  match = json_object_get_string_member_with_default (obj, "match", "all");
  if (!g_str_equal (match, "all") && !g_str_equal (match, "any"))
    {
      g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_SYNTAX,
                   _("The filter is not valid: match must be “all” or “any”"));
      return NULL;
    }
  *match_any = g_str_equal (match, "any");

  if (json_object_has_member (obj, "rules"))
    {
      JsonNode *list = json_object_get_member (obj, "rules");
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (list))
        {
          g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_SYNTAX,
                       _("The filter is not valid: rules must be a list"));
          return NULL;
        }
      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          Rule rule = { 0 };

          g_array_append_val (rules, rule);
          if (!parse_rule (json_array_get_element (array, i), target, custom_fields,
                           &g_array_index (rules, Rule, rules->len - 1), error))
            return NULL;
        }
    }
  return g_steal_pointer (&rules);
}

static const char *
value_string (JsonNode *node,
              guint     index)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    node = json_array_get_element (json_node_get_array (node), index);
  return json_node_get_string (node);
}

static gint64
value_int (JsonNode *node,
           guint     index)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    node = json_array_get_element (json_node_get_array (node), index);
  return json_node_get_int (node);
}

static GDate
value_day (JsonNode *node,
           guint     index)
{
  GDate date;

  _crm_filter_parse_day (value_string (node, index), &date);
  return date;
}

static char **
value_strv (JsonNode *node)
{
  JsonArray *array = json_node_get_array (node);
  char **strv = g_new0 (char *, json_array_get_length (array) + 1);

  for (guint i = 0; i < json_array_get_length (array); i++)
    strv[i] = g_strdup (json_node_get_string (json_array_get_element (array, i)));
  return strv;
}

static CrmQueryOp
query_op (CrmFilterOp op)
{
  switch (op)
    {
    case CRM_FILTER_OP_NE: return CRM_QUERY_NE;
    case CRM_FILTER_OP_LT: return CRM_QUERY_LT;
    case CRM_FILTER_OP_LE: return CRM_QUERY_LE;
    case CRM_FILTER_OP_GT: return CRM_QUERY_GT;
    case CRM_FILTER_OP_GE: return CRM_QUERY_GE;
    case CRM_FILTER_OP_CONTAINS: return CRM_QUERY_CONTAINS;
    case CRM_FILTER_OP_PREFIX: return CRM_QUERY_PREFIX;
    case CRM_FILTER_OP_EQ:
    default:
      return CRM_QUERY_EQ;
    }
}

/* Age in whole years on @today: birth dates between two days. */
static void
apply_age (CrmQuery *query,
           Rule     *r)
{
  GDate today, lo, hi;
  gint64 min = 0, max = 200;
  g_autofree char *lo_text = NULL;
  g_autofree char *hi_text = NULL;

  switch (r->op)
    {
    case CRM_FILTER_OP_EQ: min = max = value_int (r->value, 0); break;
    case CRM_FILTER_OP_LT: max = value_int (r->value, 0) - 1; break;
    case CRM_FILTER_OP_LE: max = value_int (r->value, 0); break;
    case CRM_FILTER_OP_GT: min = value_int (r->value, 0) + 1; break;
    case CRM_FILTER_OP_GE: min = value_int (r->value, 0); break;
    case CRM_FILTER_OP_BETWEEN:
    default:
      min = value_int (r->value, 0);
      max = value_int (r->value, 1);
      break;
    }

  /* Aged at least @min: born on or before today - min years; aged at most
   * @max: born after today - (max + 1) years. */
  _crm_filter_today (&today);
  hi = today;
  g_date_subtract_years (&hi, CLAMP (min, 0, 200));
  lo = today;
  g_date_subtract_years (&lo, CLAMP (max + 1, 0, 201));
  g_date_add_days (&lo, 1);
  lo_text = _crm_filter_format_day (&lo);
  hi_text = _crm_filter_format_day (&hi);
  if (max < min || max < 0)
    crm_query_add_text_range (query, "birth-date", "1", "0");   /* matches nothing */
  else
    crm_query_add_text_range (query, "birth-date", lo_text, hi_text);
}

/* A calendar-day column stored as ISO text ("customer-since"): ranges of
 * text, which keep empty values out. */
static void
apply_iso_day (CrmQuery   *query,
               const char *prop,
               Rule       *r)
{
  GDate a, b;
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;

  if (r->op == CRM_FILTER_OP_WITHIN_DAYS || r->op == CRM_FILTER_OP_OLDER_DAYS)
    {
      _crm_filter_today (&b);
      a = b;
      g_date_subtract_days (&a, MIN (value_int (r->value, 0), 100000));
      if (r->op == CRM_FILTER_OP_OLDER_DAYS)
        {
          g_date_subtract_days (&a, 1);
          hi = _crm_filter_format_day (&a);
          crm_query_add_text_range (query, prop, "0000-01-01", hi);
          return;
        }
      lo = _crm_filter_format_day (&a);
      hi = _crm_filter_format_day (&b);
      crm_query_add_text_range (query, prop, lo, hi);
      return;
    }

  a = value_day (r->value, 0);
  b = r->op == CRM_FILTER_OP_BETWEEN ? value_day (r->value, 1) : a;
  if (r->op == CRM_FILTER_OP_LT)
    g_date_subtract_days (&a, 1);
  if (r->op == CRM_FILTER_OP_GT)
    g_date_add_days (&a, 1);
  lo = _crm_filter_format_day (&a);
  hi = _crm_filter_format_day (&b);

  switch (r->op)
    {
    case CRM_FILTER_OP_EQ:
    case CRM_FILTER_OP_NE:
      crm_query_add_text (query, prop, query_op (r->op), lo);
      break;
    case CRM_FILTER_OP_LT:
    case CRM_FILTER_OP_LE:
      crm_query_add_text_range (query, prop, "0000-01-01", lo);
      break;
    case CRM_FILTER_OP_GT:
    case CRM_FILTER_OP_GE:
      crm_query_add_text_range (query, prop, lo, "9999-12-31");
      break;
    case CRM_FILTER_OP_BETWEEN:
    default:
      crm_query_add_text_range (query, prop, lo, hi);
      break;
    }
}

/* A moment in unix seconds, filtered by local day; 0 (never) stays out. */
static void
apply_timestamp (CrmQuery   *query,
                 const char *prop,
                 Rule       *r)
{
  gint64 now = _crm_filter_now ();
  GDate a, b;

  switch (r->op)
    {
    case CRM_FILTER_OP_WITHIN_DAYS:
      crm_query_add_int (query, prop, CRM_QUERY_GE, now - value_int (r->value, 0) * 86400);
      return;
    case CRM_FILTER_OP_OLDER_DAYS:
      crm_query_add_int_range (query, prop, 1, now - value_int (r->value, 0) * 86400 - 1);
      return;
    default:
      break;
    }

  a = value_day (r->value, 0);
  b = r->op == CRM_FILTER_OP_BETWEEN ? value_day (r->value, 1) : a;
  switch (r->op)
    {
    case CRM_FILTER_OP_LT:
      crm_query_add_int_range (query, prop, 1, day_start (&a) - 1);
      break;
    case CRM_FILTER_OP_LE:
      crm_query_add_int_range (query, prop, 1, next_day_start (&a) - 1);
      break;
    case CRM_FILTER_OP_GT:
      crm_query_add_int (query, prop, CRM_QUERY_GE, next_day_start (&a));
      break;
    case CRM_FILTER_OP_GE:
      crm_query_add_int (query, prop, CRM_QUERY_GE, MAX (day_start (&a), 1));
      break;
    case CRM_FILTER_OP_EQ:
    case CRM_FILTER_OP_BETWEEN:
    default:
      crm_query_add_int_range (query, prop, day_start (&a), next_day_start (&b) - 1);
      break;
    }
}

static void
apply_builtin (CrmQuery *query,
               Rule     *r)
{
  const CrmFilterField *f = r->field;
  g_auto(GStrv) strv = NULL;

  if (r->op == CRM_FILTER_OP_IS_SET || r->op == CRM_FILTER_OP_NOT_SET)
    {
      crm_query_add_is_set (query, f->property, r->op == CRM_FILTER_OP_IS_SET);
      return;
    }
  if (g_str_equal (f->key, "age"))
    {
      apply_age (query, r);
      return;
    }

  switch (f->kind)
    {
    case CRM_FILTER_KIND_RELATION:
      if (f->property == NULL)
        crm_query_add_related_op (query, f->key, query_op (r->op), value_int (r->value, 0));
      else
        crm_query_add_int (query, f->property, query_op (r->op), value_int (r->value, 0));
      break;
    case CRM_FILTER_KIND_BOOL:
      crm_query_add_int (query, f->property, query_op (r->op),
                         json_node_get_boolean (r->value) ? 1 : 0);
      break;
    case CRM_FILTER_KIND_DATE:
      apply_iso_day (query, f->property, r);
      break;
    case CRM_FILTER_KIND_TIMESTAMP:
      apply_timestamp (query, f->property, r);
      break;
    case CRM_FILTER_KIND_INT:
    case CRM_FILTER_KIND_MONEY:
      if (r->op == CRM_FILTER_OP_BETWEEN)
        crm_query_add_int_range (query, f->property, value_int (r->value, 0),
                                 value_int (r->value, 1));
      else
        crm_query_add_int (query, f->property, query_op (r->op), value_int (r->value, 0));
      break;
    case CRM_FILTER_KIND_TEXT:
    case CRM_FILTER_KIND_CHOICE:
    default:
      if (r->op == CRM_FILTER_OP_IN)
        {
          strv = value_strv (r->value);
          crm_query_add_text_in (query, f->property, (const char * const *) strv, FALSE);
        }
      else
        crm_query_add_text (query, f->property, query_op (r->op), value_string (r->value, 0));
      break;
    }
}

static gint64
julian (GDate date)
{
  return g_date_get_julian (&date);
}

static void
apply_custom (CrmQuery *query,
              Rule     *r)
{
  gint64 id = r->custom_id;
  g_auto(GStrv) strv = NULL;
  GDate today;

  if (r->op == CRM_FILTER_OP_IS_SET || r->op == CRM_FILTER_OP_NOT_SET)
    {
      crm_query_add_custom_is_set (query, id, r->op == CRM_FILTER_OP_IS_SET);
      return;
    }

  switch (r->kind)
    {
    case CRM_FILTER_KIND_DATE:
      /* custom dates are julian days in num_value */
      _crm_filter_today (&today);
      if (r->op == CRM_FILTER_OP_WITHIN_DAYS)
        crm_query_add_custom_int_range (query, id, julian (today) - value_int (r->value, 0),
                                        julian (today));
      else if (r->op == CRM_FILTER_OP_OLDER_DAYS)
        crm_query_add_custom_int (query, id, CRM_QUERY_LT,
                                  julian (today) - value_int (r->value, 0));
      else if (r->op == CRM_FILTER_OP_BETWEEN)
        crm_query_add_custom_int_range (query, id, julian (value_day (r->value, 0)),
                                        julian (value_day (r->value, 1)));
      else
        crm_query_add_custom_int (query, id, query_op (r->op), julian (value_day (r->value, 0)));
      break;
    case CRM_FILTER_KIND_INT:
    case CRM_FILTER_KIND_MONEY:
      if (r->op == CRM_FILTER_OP_BETWEEN)
        crm_query_add_custom_int_range (query, id, value_int (r->value, 0),
                                        value_int (r->value, 1));
      else
        crm_query_add_custom_int (query, id, query_op (r->op), value_int (r->value, 0));
      break;
    case CRM_FILTER_KIND_TEXT:
    case CRM_FILTER_KIND_CHOICE:
    default:
      if (r->op == CRM_FILTER_OP_IN)
        {
          strv = value_strv (r->value);
          crm_query_add_custom_text_in (query, id, (const char * const *) strv, FALSE);
        }
      else
        crm_query_add_custom_text (query, id, query_op (r->op), value_string (r->value, 0));
      break;
    }
}

static const char *
target_for_query (CrmQuery *query)
{
  GType type = crm_query_get_record_type (query);

  if (type == CRM_TYPE_PERSON)
    return "person";
  if (type == CRM_TYPE_ORGANIZATION)
    return "organization";
  return "";
}

gboolean
crm_filter_apply (CrmQuery    *query,
                  const char  *json,
                  GListModel  *custom_fields,
                  GError     **error)
{
  g_autoptr(GArray) rules = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(rules = _crm_filter_parse (target_for_query (query), json, custom_fields, &any, error)))
    return FALSE;

  crm_query_set_match_any (query, any);
  for (guint i = 0; i < rules->len; i++)
    {
      Rule *r = &g_array_index (rules, Rule, i);

      if (r->custom_id != 0)
        apply_custom (query, r);
      else
        apply_builtin (query, r);
    }
  return TRUE;
}

gboolean
crm_filter_validate (const char  *target,
                     const char  *json,
                     GListModel  *custom_fields,
                     GError     **error)
{
  g_autoptr(GArray) rules = NULL;
  gboolean any;

  g_return_val_if_fail (target != NULL, FALSE);

  rules = _crm_filter_parse (target, json, custom_fields, &any, error);
  return rules != NULL;
}

/* --- Loading custom fields, building queries --- */

static void
on_custom_fields_loaded_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GListModel *model = crm_store_query_finish (CRM_STORE (source), result, &error);

  if (model == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, model, g_object_unref);
}

void
crm_filter_load_custom_fields_async (CrmStore            *store,
                                     const char          *target,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_CUSTOM_FIELD);
  GTask *task;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (target != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_filter_load_custom_fields_async);
  crm_query_add_text (query, "target", CRM_QUERY_EQ, target);
  crm_query_set_order (query, "position", FALSE);
  crm_store_query_async (store, query, cancellable, on_custom_fields_loaded_cb, task);
}

GListModel *
crm_filter_load_custom_fields_finish (CrmStore      *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char *target;
  char *json;
} BuildData;

static void
build_data_free (gpointer data)
{
  BuildData *d = data;

  g_free (d->target);
  g_free (d->json);
  g_free (d);
}

static void
on_build_fields_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BuildData *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) fields = NULL;
  g_autoptr(CrmQuery) query = NULL;

  fields = crm_filter_load_custom_fields_finish (CRM_STORE (source), result, &error);
  if (fields == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  query = crm_query_new (g_str_equal (d->target, "organization") ? CRM_TYPE_ORGANIZATION
                                                                 : CRM_TYPE_PERSON);
  if (!crm_filter_apply (query, d->json, fields, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&query), (GDestroyNotify) crm_query_unref);
}

void
crm_filter_build_query_async (CrmStore            *store,
                              const char          *target,
                              const char          *json,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  BuildData *d;
  GTask *task;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (g_strcmp0 (target, "person") == 0 || g_strcmp0 (target, "organization") == 0);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_filter_build_query_async);
  d = g_new0 (BuildData, 1);
  d->target = g_strdup (target);
  d->json = g_strdup (json);
  g_task_set_task_data (task, d, build_data_free);
  crm_filter_load_custom_fields_async (store, target, cancellable, on_build_fields_cb, task);
}

CrmQuery *
crm_filter_build_query_finish (CrmStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

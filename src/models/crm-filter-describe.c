/* crm-filter-describe.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A filter as one short sentence for people: whole translated format strings
 * per operator, joined as a list.
 */

#define G_LOG_DOMAIN "CrmFilter"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-filter-private.h"
#include "crm-format.h"
#include "crm-record.h"
#include "crm-store.h"

static const char *
rule_label (CrmFilterRule *r)
{
  return r->field ? crm_filter_field_get_label (r->field) : r->custom_label;
}

static char *
choice_text (CrmFilterRule *r,
             const char    *key)
{
  if (r->field != NULL)
    for (guint i = 0; i < r->field->n_choices; i++)
      if (g_str_equal (r->field->choices[i].key, key))
        return g_strdup (crm_filter_choice_get_label (&r->field->choices[i]));
  if (r->choice_keys != NULL && r->choice_labels != NULL &&
      g_strv_length (r->choice_keys) == g_strv_length (r->choice_labels))
    for (guint i = 0; r->choice_keys[i]; i++)
      if (g_str_equal (r->choice_keys[i], key))
        return g_strdup (r->choice_labels[i]);
  return g_strdup (key);
}

static char *
relation_text (CrmFilterRule *r,
               gint64         id,
               CrmStore      *store)
{
  GType type = crm_record_type_for_table (r->field ? r->field->relation : "");
  CrmRecord *record = NULL;

  if (store != NULL && type != G_TYPE_INVALID)
    record = crm_store_lookup (store, type, id);
  if (record != NULL)
    {
      const char *prop = g_object_class_find_property (G_OBJECT_GET_CLASS (record),
                                                       "display-name") ? "display-name" : "name";

      if (g_object_class_find_property (G_OBJECT_GET_CLASS (record), prop))
        return g_strdup (crm_record_get_text (record, prop));
    }
  return g_strdup_printf ("#%" G_GINT64_FORMAT, id);
}

/* One scalar value as text. */
static char *
value_text (CrmFilterRule *r,
            JsonNode      *node,
            CrmStore      *store,
            const char    *currency)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return g_strdup ("");

  switch (r->kind)
    {
    case CRM_FILTER_KIND_MONEY:
      return crm_format_money (json_node_get_int (node),
                               r->custom_currency && *r->custom_currency ? r->custom_currency
                                                                         : currency);
    case CRM_FILTER_KIND_INT:
      return crm_format_count (json_node_get_int (node));
    case CRM_FILTER_KIND_DATE:
    case CRM_FILTER_KIND_TIMESTAMP:
      {
        char *text = crm_format_iso_date (json_node_get_string (node));

        return text ? text : g_strdup (json_node_get_string (node));
      }
    case CRM_FILTER_KIND_BOOL:
      return g_strdup (json_node_get_boolean (node) ? C_("filter value", "yes")
                                                    : C_("filter value", "no"));
    case CRM_FILTER_KIND_CHOICE:
      return choice_text (r, json_node_get_string (node));
    case CRM_FILTER_KIND_RELATION:
      return relation_text (r, json_node_get_int (node), store);
    case CRM_FILTER_KIND_TEXT:
    default:
      /* TRANSLATORS: a text value quoted in a filter description */
      return g_strdup_printf (C_("filter value", "“%s”"), json_node_get_string (node));
    }
}

static char *
describe_rule (CrmFilterRule *r,
               CrmStore      *store,
               const char    *currency)
{
  const char *label = rule_label (r);
  gboolean time = r->kind == CRM_FILTER_KIND_DATE || r->kind == CRM_FILTER_KIND_TIMESTAMP;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 days;

  switch (r->op)
    {
    case CRM_FILTER_OP_IS_SET:
      return g_strdup_printf (C_("filter rule", "%s is set"), label);
    case CRM_FILTER_OP_NOT_SET:
      return g_strdup_printf (C_("filter rule", "%s is not set"), label);
    case CRM_FILTER_OP_WITHIN_DAYS:
      days = json_node_get_int (r->value);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s is within the last %2$d day",
                                           "%1$s is within the last %2$d days", days),
                              label, (int) days);
    case CRM_FILTER_OP_OLDER_DAYS:
      days = json_node_get_int (r->value);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s is more than %2$d day ago",
                                           "%1$s is more than %2$d days ago", days),
                              label, (int) days);
    case CRM_FILTER_OP_BETWEEN:
      a = value_text (r, json_array_get_element (json_node_get_array (r->value), 0), store, currency);
      b = value_text (r, json_array_get_element (json_node_get_array (r->value), 1), store, currency);
      return g_strdup_printf (C_("filter rule", "%1$s is between %2$s and %3$s"), label, a, b);
    case CRM_FILTER_OP_IN:
      {
        JsonArray *array = json_node_get_array (r->value);
        g_autoptr(GString) list = g_string_new (NULL);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *item = value_text (r, json_array_get_element (array, i), store,
                                                currency);

            if (i > 0)
              /* TRANSLATORS: separates the values of "is one of" */
              g_string_append (list, C_("filter value list", ", "));
            g_string_append (list, item);
          }
        return g_strdup_printf (C_("filter rule", "%1$s is one of %2$s"), label, list->str);
      }
    default:
      break;
    }

  a = value_text (r, r->value, store, currency);
  switch (r->op)
    {
    case CRM_FILTER_OP_NE:
      return g_strdup_printf (time ? C_("filter rule", "%1$s is not on %2$s")
                                   : C_("filter rule", "%1$s is not %2$s"), label, a);
    case CRM_FILTER_OP_LT:
      return g_strdup_printf (time ? C_("filter rule", "%1$s is before %2$s")
                                   : C_("filter rule", "%1$s is less than %2$s"), label, a);
    case CRM_FILTER_OP_LE:
      return g_strdup_printf (time ? C_("filter rule", "%1$s is on or before %2$s")
                                   : C_("filter rule", "%1$s is at most %2$s"), label, a);
    case CRM_FILTER_OP_GT:
      return g_strdup_printf (time ? C_("filter rule", "%1$s is after %2$s")
                                   : C_("filter rule", "%1$s is more than %2$s"), label, a);
    case CRM_FILTER_OP_GE:
      return g_strdup_printf (time ? C_("filter rule", "%1$s is on or after %2$s")
                                   : C_("filter rule", "%1$s is at least %2$s"), label, a);
    case CRM_FILTER_OP_CONTAINS:
      return g_strdup_printf (C_("filter rule", "%1$s contains %2$s"), label, a);
    case CRM_FILTER_OP_PREFIX:
      return g_strdup_printf (C_("filter rule", "%1$s starts with %2$s"), label, a);
    case CRM_FILTER_OP_EQ:
    default:
      return g_strdup_printf (time ? C_("filter rule", "%1$s is on %2$s")
                                   : C_("filter rule", "%1$s is %2$s"), label, a);
    }
}

char *
crm_filter_describe (const char *target,
                     const char *json,
                     GListModel *custom_fields,
                     CrmStore   *store,
                     const char *currency)
{
  g_autoptr(GArray) rules = NULL;
  g_autoptr(GString) list = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (target != NULL, NULL);

  if (currency == NULL)
    currency = "USD";
  if (!(rules = _crm_filter_parse (target, json, custom_fields, &any, NULL)))
    return g_strdup (_("This filter cannot be read"));
  if (rules->len == 0)
    return g_strdup (g_str_equal (target, "organization") ? _("All organizations")
                                                          : _("Everyone"));

  list = g_string_new (NULL);
  for (guint i = 0; i < rules->len; i++)
    {
      g_autofree char *text = describe_rule (&g_array_index (rules, CrmFilterRule, i), store,
                                             currency);

      if (i > 0)
        /* TRANSLATORS: separates the rules of a filter description */
        g_string_append (list, C_("filter rule list", "; "));
      g_string_append (list, text);
    }
  if (rules->len == 1)
    return g_string_free (g_steal_pointer (&list), FALSE);
  return g_strdup_printf (any ? _("Any of: %s") : _("All of: %s"), list->str);
}

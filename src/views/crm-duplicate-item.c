/* crm-duplicate-item.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One duplicate cluster as a list item: the texts its row shows are made
 * once, here, so that the row template only binds properties.
 */

#define G_LOG_DOMAIN "CrmDuplicateItem"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-duplicate-item.h"

struct _CrmDuplicateItem
{
  GObject           parent_instance;

  CrmDedupeCluster *cluster;
  char             *title;
  char             *reason;
  char             *count_label;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_REASON,
  PROP_COUNT_LABEL,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CrmDuplicateItem, crm_duplicate_item, G_TYPE_OBJECT)

/* The names, joined as a list the locale reads naturally. */
static char *
join_names (const CrmDedupeCluster *cluster)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; cluster->names != NULL && i < cluster->names->len; i++)
    {
      const char *name = cluster->names->pdata[i];

      if (i > 0)
        /* Translators: separates the names of records in a list, "Ann Lee, A. Lee" */
        g_string_append (out, _(", "));
      g_string_append (out, name[0] != '\0' ? name : _("Unnamed"));
    }
  return g_string_free (out, FALSE);
}

static char *
join_reasons (const CrmDedupeCluster *cluster)
{
  GString *out = g_string_new (NULL);
  guint seen = 0;

  for (guint i = 0; i < cluster->matches->len; i++)
    {
      const CrmDedupeMatch *match = cluster->matches->pdata[i];

      /* One mention per rule, however many keys matched. */
      if (seen & (1u << match->rule))
        continue;
      seen |= 1u << match->rule;
      if (out->len > 0)
        /* Translators: separates reasons, "Same email · Same phone" */
        g_string_append (out, _(" · "));
      /* Mailboxes, numbers and domains read well; name keys do not. */
      if (match->rule == CRM_DEDUPE_RULE_EMAIL)
        /* Translators: %s is an email address */
        g_string_append_printf (out, _("Same email: %s"), match->key);
      else if (match->rule == CRM_DEDUPE_RULE_PHONE)
        /* Translators: %s is a phone number */
        g_string_append_printf (out, _("Same phone number: %s"), match->key);
      else if (match->rule == CRM_DEDUPE_RULE_WEBSITE)
        /* Translators: %s is a web domain such as example.com */
        g_string_append_printf (out, _("Same website: %s"), match->key);
      else
        g_string_append (out, crm_duplicate_rule_label (match->rule));
    }
  return g_string_free (out, FALSE);
}

static void
crm_duplicate_item_finalize (GObject *object)
{
  CrmDuplicateItem *self = (CrmDuplicateItem *) object;

  g_clear_pointer (&self->cluster, crm_dedupe_cluster_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->count_label, g_free);

  G_OBJECT_CLASS (crm_duplicate_item_parent_class)->finalize (object);
}

static void
crm_duplicate_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CrmDuplicateItem *self = CRM_DUPLICATE_ITEM (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, crm_duplicate_item_get_title (self));
      break;

    case PROP_REASON:
      g_value_set_string (value, crm_duplicate_item_get_reason (self));
      break;

    case PROP_COUNT_LABEL:
      g_value_set_string (value, crm_duplicate_item_get_count_label (self));
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, crm_duplicate_item_get_icon_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_duplicate_item_class_init (CrmDuplicateItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_duplicate_item_finalize;
  object_class->get_property = crm_duplicate_item_get_property;

  /**
   * CrmDuplicateItem:title:
   *
   * The names of the cluster's records.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CrmDuplicateItem:reason:
   *
   * Why the records match ("Same email · Same phone").
   */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CrmDuplicateItem:count-label:
   *
   * How many records, and of which kind ("2 people").
   */
  properties[PROP_COUNT_LABEL] =
    g_param_spec_string ("count-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CrmDuplicateItem:icon-name:
   *
   * The icon of the kind of record.
   */
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_duplicate_item_init (CrmDuplicateItem *self)
{
}

CrmDuplicateItem *
crm_duplicate_item_new (CrmDedupeCluster *cluster)
{
  CrmDuplicateItem *self;
  guint n;

  g_return_val_if_fail (cluster != NULL, NULL);

  self = g_object_new (CRM_TYPE_DUPLICATE_ITEM, NULL);
  self->cluster = cluster;
  n = cluster->ids->len;
  self->title = join_names (cluster);
  self->reason = join_reasons (cluster);
  if (cluster->kind == CRM_DEDUPE_KIND_PERSON)
    self->count_label = g_strdup_printf (ngettext ("%u person", "%u people", n), n);
  else
    self->count_label = g_strdup_printf (ngettext ("%u organization", "%u organizations", n), n);
  return self;
}

const CrmDedupeCluster *
crm_duplicate_item_get_cluster (CrmDuplicateItem *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATE_ITEM (self), NULL);

  return self->cluster;
}

CrmDedupeKind
crm_duplicate_item_get_kind (CrmDuplicateItem *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATE_ITEM (self), CRM_DEDUPE_KIND_PERSON);

  return self->cluster->kind;
}

const char *
crm_duplicate_item_get_title (CrmDuplicateItem *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATE_ITEM (self), NULL);

  return self->title;
}

const char *
crm_duplicate_item_get_reason (CrmDuplicateItem *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATE_ITEM (self), NULL);

  return self->reason;
}

const char *
crm_duplicate_item_get_count_label (CrmDuplicateItem *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATE_ITEM (self), NULL);

  return self->count_label;
}

const char *
crm_duplicate_item_get_icon_name (CrmDuplicateItem *self)
{
  g_return_val_if_fail (CRM_IS_DUPLICATE_ITEM (self), NULL);

  return self->cluster->kind == CRM_DEDUPE_KIND_PERSON
         ? "rapport-people-symbolic" : "rapport-organization-symbolic";
}

const char *
crm_duplicate_rule_label (CrmDedupeRule rule)
{
  switch (rule)
    {
    case CRM_DEDUPE_RULE_EMAIL:
      return _("Same email");
    case CRM_DEDUPE_RULE_PHONE:
      return _("Same phone number");
    case CRM_DEDUPE_RULE_NAME_AT_ORGANIZATION:
      return _("Same name at the same organization");
    case CRM_DEDUPE_RULE_ORGANIZATION_NAME:
      return _("Same name");
    case CRM_DEDUPE_RULE_WEBSITE:
      return _("Same website");
    default:
      return "";
    }
}

/* crm-search-hit.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One search result: an immutable value object that views bind to.  The record
 * itself is loaded through the store's identity map when the user opens it.
 */

#define G_LOG_DOMAIN "CrmSearchHit"

#include "config.h"

#include "crm-search-hit.h"

struct _CrmSearchHit
{
  GObject        parent_instance;

  CrmSearchKind  kind;
  gint64         record_id;
  char          *title;
  char          *subtitle;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_RECORD_ID,
  PROP_TITLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ENUM_TYPE (CrmSearchKind, crm_search_kind,
  G_DEFINE_ENUM_VALUE (CRM_SEARCH_KIND_PERSON, "person"),
  G_DEFINE_ENUM_VALUE (CRM_SEARCH_KIND_ORGANIZATION, "organization"),
  G_DEFINE_ENUM_VALUE (CRM_SEARCH_KIND_DEAL, "deal"),
  G_DEFINE_ENUM_VALUE (CRM_SEARCH_KIND_TICKET, "ticket"))

G_DEFINE_FINAL_TYPE (CrmSearchHit, crm_search_hit, G_TYPE_OBJECT)

static void
crm_search_hit_finalize (GObject *object)
{
  CrmSearchHit *self = CRM_SEARCH_HIT (object);

  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (crm_search_hit_parent_class)->finalize (object);
}

static void
crm_search_hit_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmSearchHit *self = CRM_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, crm_search_hit_get_kind (self));
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, crm_search_hit_get_record_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, crm_search_hit_get_title (self));
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, crm_search_hit_get_subtitle (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_search_hit_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmSearchHit *self = CRM_SEARCH_HIT (object);

  /* Construct-only: the values are set once by crm_search_hit_new(). */
  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_RECORD_ID:
      self->record_id = g_value_get_int64 (value);
      break;
    case PROP_TITLE:
      self->title = g_value_dup_string (value);
      break;
    case PROP_SUBTITLE:
      self->subtitle = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_search_hit_class_init (CrmSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_search_hit_finalize;
  object_class->get_property = crm_search_hit_get_property;
  object_class->set_property = crm_search_hit_set_property;

  /**
   * CrmSearchHit:kind:
   *
   * Whether the hit is a person, an organization, a deal or a ticket.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CRM_TYPE_SEARCH_KIND, CRM_SEARCH_KIND_PERSON, flags);
  /**
   * CrmSearchHit:record-id:
   *
   * The id of the record in the table of its kind.
   */
  properties[PROP_RECORD_ID] =
    g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /**
   * CrmSearchHit:title:
   *
   * The record's name (or a ticket's subject).
   */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  /**
   * CrmSearchHit:subtitle:
   *
   * A second line: email or phone, city, organization, ticket number.
   */
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_search_hit_init (CrmSearchHit *self)
{
}

const char *
crm_search_kind_to_key (CrmSearchKind kind)
{
  switch (kind)
    {
    case CRM_SEARCH_KIND_PERSON:
      return "person";
    case CRM_SEARCH_KIND_ORGANIZATION:
      return "organization";
    case CRM_SEARCH_KIND_DEAL:
      return "deal";
    case CRM_SEARCH_KIND_TICKET:
      return "ticket";
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * crm_search_hit_new:
 *
 * Returns: (transfer full): a new hit
 */
CrmSearchHit *
crm_search_hit_new (CrmSearchKind  kind,
                    gint64         record_id,
                    const char    *title,
                    const char    *subtitle)
{
  return g_object_new (CRM_TYPE_SEARCH_HIT,
                       "kind", kind,
                       "record-id", record_id,
                       "title", title != NULL ? title : "",
                       "subtitle", subtitle != NULL ? subtitle : "",
                       NULL);
}

CrmSearchKind
crm_search_hit_get_kind (CrmSearchHit *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_HIT (self), 0);

  return self->kind;
}

gint64
crm_search_hit_get_record_id (CrmSearchHit *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_HIT (self), 0);

  return self->record_id;
}

const char *
crm_search_hit_get_title (CrmSearchHit *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_HIT (self), NULL);

  return self->title;
}

const char *
crm_search_hit_get_subtitle (CrmSearchHit *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_HIT (self), NULL);

  return self->subtitle;
}

/* crm-kb-hit.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmKb"

#include "config.h"

#include "crm-kb-hit.h"

struct _CrmKbHit
{
  GObject       parent_instance;

  CrmKbArticle *article;
  gint64        resolved;
  char         *snippet;
};

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_RESOLVED,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CrmKbHit, crm_kb_hit, G_TYPE_OBJECT)

static void
crm_kb_hit_dispose (GObject *object)
{
  CrmKbHit *self = CRM_KB_HIT (object);

  g_clear_object (&self->article);

  G_OBJECT_CLASS (crm_kb_hit_parent_class)->dispose (object);
}

static void
crm_kb_hit_finalize (GObject *object)
{
  CrmKbHit *self = CRM_KB_HIT (object);

  g_free (self->snippet);

  G_OBJECT_CLASS (crm_kb_hit_parent_class)->finalize (object);
}

static void
crm_kb_hit_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmKbHit *self = CRM_KB_HIT (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;
    case PROP_RESOLVED:
      g_value_set_int64 (value, self->resolved);
      break;
    case PROP_SNIPPET:
      g_value_set_string (value, self->snippet);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_kb_hit_class_init (CrmKbHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_kb_hit_dispose;
  object_class->finalize = crm_kb_hit_finalize;
  object_class->get_property = crm_kb_hit_get_property;

  /**
   * CrmKbHit:article:
   *
   * The article (the store's instance, which follows later edits).
   */
  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, CRM_TYPE_KB_ARTICLE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CrmKbHit:resolved:
   *
   * Requests the article resolved without a ticket, when it was found.
   */
  properties[PROP_RESOLVED] =
    g_param_spec_int64 ("resolved", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CrmKbHit:snippet:
   *
   * A line of the article's text around the first word searched for.
   */
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_kb_hit_init (CrmKbHit *self)
{
}

/**
 * crm_kb_hit_new:
 *
 * Returns: (transfer full): a hit for @article
 */
CrmKbHit *
crm_kb_hit_new (CrmKbArticle *article,
                gint64        resolved,
                const char   *snippet)
{
  CrmKbHit *self;

  g_return_val_if_fail (CRM_IS_KB_ARTICLE (article), NULL);

  self = g_object_new (CRM_TYPE_KB_HIT, NULL);
  self->article = g_object_ref (article);
  self->resolved = resolved;
  self->snippet = g_strdup (snippet != NULL ? snippet : "");
  return self;
}

CrmKbArticle *
crm_kb_hit_get_article (CrmKbHit *self)
{
  g_return_val_if_fail (CRM_IS_KB_HIT (self), NULL);

  return self->article;
}

gint64
crm_kb_hit_get_article_id (CrmKbHit *self)
{
  g_return_val_if_fail (CRM_IS_KB_HIT (self), 0);

  return crm_record_get_id (CRM_RECORD (self->article));
}

gint64
crm_kb_hit_get_resolved (CrmKbHit *self)
{
  g_return_val_if_fail (CRM_IS_KB_HIT (self), 0);

  return self->resolved;
}

const char *
crm_kb_hit_get_snippet (CrmKbHit *self)
{
  g_return_val_if_fail (CRM_IS_KB_HIT (self), NULL);

  return self->snippet;
}

/**
 * crm_kb_hit_update:
 * @from: a later hit of the same article
 *
 * Takes @from's count and snippet (a list re-read keeps its rows).
 */
void
crm_kb_hit_update (CrmKbHit *self,
                   CrmKbHit *from)
{
  g_return_if_fail (CRM_IS_KB_HIT (self));
  g_return_if_fail (CRM_IS_KB_HIT (from));

  if (self->resolved != from->resolved)
    {
      self->resolved = from->resolved;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESOLVED]);
    }
  if (g_strcmp0 (self->snippet, from->snippet) != 0)
    {
      g_free (self->snippet);
      self->snippet = g_strdup (from->snippet);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNIPPET]);
    }
}

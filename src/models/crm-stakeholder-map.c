/* crm-stakeholder-map.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-keys.h"
#include "crm-stakeholder-map.h"
#include "crm-store.h"

struct _CrmStakeholderMap
{
  GObject      parent_instance;

  CrmStore    *store;            /* nullable: a map of plain data */
  CrmMapScope  scope;
  gint64       scope_id;
  gint64       organization_id;
  char        *title;

  GArray      *nodes;            /* CrmMapNode, in node order */
  GArray      *edges;            /* CrmMapEdge */
};

G_DEFINE_FINAL_TYPE (CrmStakeholderMap, crm_stakeholder_map, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (crm-stakeholder-map-error-quark, crm_stakeholder_map_error)

/* --- scopes --- */

const char *
crm_map_scope_to_key (CrmMapScope scope)
{
  return scope == CRM_MAP_SCOPE_DEAL ? "deal" : "organization";
}

gboolean
crm_map_scope_from_key (const char  *key,
                        CrmMapScope *scope)
{
  if (g_strcmp0 (key, "organization") == 0)
    *scope = CRM_MAP_SCOPE_ORGANIZATION;
  else if (g_strcmp0 (key, "deal") == 0)
    *scope = CRM_MAP_SCOPE_DEAL;
  else
    return FALSE;
  return TRUE;
}

/* --- nodes and edges --- */

static void
node_clear (gpointer data)
{
  CrmMapNode *node = data;

  g_free (node->name);
  g_free (node->title);
  g_free (node->department);
  g_free (node->initials);
  g_free (node->role);
  g_free (node->influence);
  g_free (node->attitude);
  g_free (node->notes);
}

static void
edge_clear (gpointer data)
{
  CrmMapEdge *edge = data;

  g_free (edge->strength);
}

static void
node_copy (CrmMapNode       *to,
           const CrmMapNode *from)
{
  *to = *from;
  to->name = g_strdup (from->name ? from->name : "");
  to->title = g_strdup (from->title ? from->title : "");
  to->department = g_strdup (from->department ? from->department : "");
  to->initials = g_strdup (from->initials ? from->initials : "");
  to->role = g_strdup (from->role ? from->role : "");
  to->influence = g_strdup (from->influence && *from->influence ? from->influence : "medium");
  to->attitude = g_strdup (from->attitude && *from->attitude ? from->attitude : "neutral");
  to->notes = g_strdup (from->notes ? from->notes : "");
}

/* Node order: department, name, person id (byte order: the same everywhere,
 * whatever the locale, so that layouts are deterministic). */
static int
node_compare (const CrmMapNode *a,
              const CrmMapNode *b)
{
  int c = strcmp (a->department, b->department);

  if (c == 0)
    c = strcmp (a->name, b->name);
  if (c == 0)
    c = (a->person_id > b->person_id) - (a->person_id < b->person_id);
  return c;
}

/* --- the object --- */

static void
crm_stakeholder_map_finalize (GObject *object)
{
  CrmStakeholderMap *self = CRM_STAKEHOLDER_MAP (object);

  g_clear_object (&self->store);
  g_free (self->title);
  g_array_unref (self->nodes);
  g_array_unref (self->edges);

  G_OBJECT_CLASS (crm_stakeholder_map_parent_class)->finalize (object);
}

static void
crm_stakeholder_map_class_init (CrmStakeholderMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_stakeholder_map_finalize;

  /**
   * CrmStakeholderMap::changed:
   * @what: the #CrmMapChange flags of what changed
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
crm_stakeholder_map_init (CrmStakeholderMap *self)
{
  self->nodes = g_array_new (FALSE, TRUE, sizeof (CrmMapNode));
  g_array_set_clear_func (self->nodes, node_clear);
  self->edges = g_array_new (FALSE, TRUE, sizeof (CrmMapEdge));
  g_array_set_clear_func (self->edges, edge_clear);
}

CrmStakeholderMap *
crm_stakeholder_map_new (CrmMapScope  scope,
                         gint64       scope_id,
                         const char  *title)
{
  CrmStakeholderMap *self = g_object_new (CRM_TYPE_STAKEHOLDER_MAP, NULL);

  self->scope = scope;
  self->scope_id = scope_id;
  self->organization_id = scope == CRM_MAP_SCOPE_ORGANIZATION ? scope_id : 0;
  self->title = g_strdup (title ? title : "");
  return self;
}

void
crm_stakeholder_map_add_node (CrmStakeholderMap *self,
                              const CrmMapNode  *node)
{
  CrmMapNode copy;
  guint lo = 0, hi;

  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));
  g_return_if_fail (node != NULL);
  g_return_if_fail (crm_stakeholder_map_find_node (self, node->person_id) < 0);

  node_copy (&copy, node);

  /* Binary search for the place that keeps node order. */
  hi = self->nodes->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (node_compare (&g_array_index (self->nodes, CrmMapNode, mid), &copy) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_insert_val (self->nodes, lo, copy);
}

void
crm_stakeholder_map_add_edge (CrmStakeholderMap *self,
                              const CrmMapEdge  *edge)
{
  CrmMapEdge copy;

  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));
  g_return_if_fail (edge != NULL);

  copy = *edge;
  copy.strength = edge->kind == CRM_MAP_EDGE_INFLUENCES
                  ? g_strdup (edge->strength && *edge->strength ? edge->strength : "medium")
                  : NULL;
  g_array_append_val (self->edges, copy);
}

CrmStore *
crm_stakeholder_map_get_store (CrmStakeholderMap *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), NULL);

  return self->store;
}

CrmMapScope
crm_stakeholder_map_get_scope (CrmStakeholderMap *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), CRM_MAP_SCOPE_ORGANIZATION);

  return self->scope;
}

gint64
crm_stakeholder_map_get_scope_id (CrmStakeholderMap *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), 0);

  return self->scope_id;
}

gint64
crm_stakeholder_map_get_organization_id (CrmStakeholderMap *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), 0);

  return self->organization_id;
}

const char *
crm_stakeholder_map_get_title (CrmStakeholderMap *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), NULL);

  return self->title;
}

guint
crm_stakeholder_map_get_n_nodes (CrmStakeholderMap *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), 0);

  return self->nodes->len;
}

const CrmMapNode *
crm_stakeholder_map_get_node (CrmStakeholderMap *self,
                              guint              index)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), NULL);
  g_return_val_if_fail (index < self->nodes->len, NULL);

  return &g_array_index (self->nodes, CrmMapNode, index);
}

int
crm_stakeholder_map_find_node (CrmStakeholderMap *self,
                               gint64             person_id)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), -1);

  /* Maps hold a few hundred people at most: a scan is fast enough. */
  for (guint i = 0; i < self->nodes->len; i++)
    if (g_array_index (self->nodes, CrmMapNode, i).person_id == person_id)
      return (int) i;
  return -1;
}

guint
crm_stakeholder_map_get_n_edges (CrmStakeholderMap *self)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), 0);

  return self->edges->len;
}

const CrmMapEdge *
crm_stakeholder_map_get_edge (CrmStakeholderMap *self,
                              guint              index)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), NULL);
  g_return_val_if_fail (index < self->edges->len, NULL);

  return &g_array_index (self->edges, CrmMapEdge, index);
}

GArray *
crm_stakeholder_map_dup_managers (CrmStakeholderMap *self,
                                  gint64             person_id)
{
  GArray *managers = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), managers);

  for (guint i = 0; i < self->edges->len; i++)
    {
      const CrmMapEdge *edge = &g_array_index (self->edges, CrmMapEdge, i);

      if (edge->kind == CRM_MAP_EDGE_REPORTS_TO && edge->from == person_id)
        g_array_append_val (managers, edge->to);
    }
  return managers;
}

static const char *
attitude_label (const char *key)
{
  if (g_strcmp0 (key, "supporter") == 0)
    return C_("stakeholder attitude", "Supporter");
  if (g_strcmp0 (key, "opponent") == 0)
    return C_("stakeholder attitude", "Opponent");
  return C_("stakeholder attitude", "Neutral");
}

char *
crm_map_node_describe (const CrmMapNode *node)
{
  GPtrArray *parts = g_ptr_array_new ();
  char *text;

  g_return_val_if_fail (node != NULL, NULL);

  if (node->name != NULL && node->name[0] != '\0')
    g_ptr_array_add (parts, node->name);
  if (node->title != NULL && node->title[0] != '\0')
    g_ptr_array_add (parts, node->title);
  if (node->role != NULL && node->role[0] != '\0')
    g_ptr_array_add (parts, (char *) crm_keys_get_label ("role", node->role));
  g_ptr_array_add (parts, (char *) attitude_label (node->attitude));
  g_ptr_array_add (parts, NULL);

  /* TRANSLATORS: the separator between the parts of a stakeholder's
   * description: "Wang Fang, CTO, Decision Maker, Supporter" */
  text = g_strjoinv (_(", "), (char **) parts->pdata);
  g_ptr_array_free (parts, TRUE);
  return text;
}

/* --- loading and editing --- */

/* Emits "changed" with @what. */
static void G_GNUC_UNUSED
emit_changed (CrmStakeholderMap *self,
              CrmMapChange       what)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint) what);
}

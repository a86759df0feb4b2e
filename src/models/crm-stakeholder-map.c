/* crm-stakeholder-map.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmStakeholderMap"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-keys.h"
#include "crm-stakeholder-map-private.h"
#include "crm-store.h"

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
  _crm_map_node_clear (data);
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
crm_stakeholder_map_dispose (GObject *object)
{
  CrmStakeholderMap *self = CRM_STAKEHOLDER_MAP (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  G_OBJECT_CLASS (crm_stakeholder_map_parent_class)->dispose (object);
}

static void
crm_stakeholder_map_class_init (CrmStakeholderMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_stakeholder_map_dispose;
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
  g_ptr_array_add (parts, (char *) crm_keys_get_label ("attitude", node->attitude != NULL &&
                                                                  node->attitude[0] != '\0'
                                                                  ? node->attitude : "neutral"));
  g_ptr_array_add (parts, NULL);

  /* TRANSLATORS: the separator between the parts of a stakeholder's
   * description: "Wang Fang, CTO, Decision Maker, Supporter" */
  text = g_strjoinv (_(", "), (char **) parts->pdata);
  g_ptr_array_free (parts, TRUE);
  return text;
}

/* --- loading and editing --- */

/* Emits "changed" with @what. */
void
_crm_stakeholder_map_emit_changed (CrmStakeholderMap *self,
                                   CrmMapChange       what)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint) what);
}

#define CHANGE_ALL (CRM_MAP_CHANGE_STRUCTURE | CRM_MAP_CHANGE_ATTRIBUTES | CRM_MAP_CHANGE_POSITIONS)

static CrmMapNode *
node_at (CrmStakeholderMap *self,
         int                index)
{
  return index >= 0 ? &g_array_index (self->nodes, CrmMapNode, index) : NULL;
}

CrmMapNode *
_crm_stakeholder_map_lookup_node (CrmStakeholderMap *self,
                                  gint64             person_id)
{
  return node_at (self, crm_stakeholder_map_find_node (self, person_id));
}

int
_crm_stakeholder_map_find_edge (CrmStakeholderMap *self,
                                CrmMapEdgeKind     kind,
                                gint64             from,
                                gint64             to)
{
  for (guint i = 0; i < self->edges->len; i++)
    {
      const CrmMapEdge *edge = &g_array_index (self->edges, CrmMapEdge, i);

      if (edge->kind == kind && edge->from == from && edge->to == to)
        return (int) i;
    }
  return -1;
}

/* Replaces the nodes and edges with those of @load. */
static void
take_load (CrmStakeholderMap *self,
           CrmMapLoad        *load)
{
  g_free (self->title);
  self->title = g_strdup (load->title);
  self->organization_id = load->organization_id;
  g_array_set_size (self->nodes, 0);
  g_array_set_size (self->edges, 0);
  for (guint i = 0; i < load->nodes->len; i++)
    crm_stakeholder_map_add_node (self, &g_array_index (load->nodes, CrmMapNode, i));
  for (guint i = 0; i < load->edges->len; i++)
    crm_stakeholder_map_add_edge (self, &g_array_index (load->edges, CrmMapEdge, i));
}

static gboolean
nodes_equal (const CrmMapNode *a,
             const CrmMapNode *b)
{
  return a->person_id == b->person_id && g_str_equal (a->name, b->name) &&
         g_str_equal (a->title, b->title) && g_str_equal (a->department, b->department) &&
         g_str_equal (a->initials, b->initials) && g_str_equal (a->role, b->role) &&
         g_str_equal (a->influence, b->influence) && g_str_equal (a->attitude, b->attitude) &&
         g_str_equal (a->notes, b->notes) && a->last_contact == b->last_contact &&
         a->placed == b->placed && (!a->placed || (a->x == b->x && a->y == b->y));
}

static int
compare_edges (gconstpointer pa,
               gconstpointer pb)
{
  const CrmMapEdge *a = pa, *b = pb;

  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->from != b->from)
    return a->from < b->from ? -1 : 1;
  if (a->to != b->to)
    return a->to < b->to ? -1 : 1;
  return (a->id > b->id) - (a->id < b->id);
}

/* Whether @other (a freshly loaded map) holds what @self shows: then a
 * reload after the map's own edits changes nothing. */
static gboolean
maps_equal (CrmStakeholderMap *self,
            CrmStakeholderMap *other)
{
  g_autoptr(GArray) a = NULL;
  g_autoptr(GArray) b = NULL;

  if (g_strcmp0 (self->title, other->title) != 0 || self->organization_id != other->organization_id ||
      self->nodes->len != other->nodes->len || self->edges->len != other->edges->len)
    return FALSE;
  for (guint i = 0; i < self->nodes->len; i++)
    if (!nodes_equal (node_at (self, i), node_at (other, i)))
      return FALSE;

  /* Edges as sets: the map appends new ones, a load reads them by id. */
  a = g_array_sized_new (FALSE, FALSE, sizeof (CrmMapEdge), self->edges->len);
  b = g_array_sized_new (FALSE, FALSE, sizeof (CrmMapEdge), other->edges->len);
  g_array_append_vals (a, self->edges->data, self->edges->len);
  g_array_append_vals (b, other->edges->data, other->edges->len);
  g_array_sort (a, compare_edges);
  g_array_sort (b, compare_edges);
  for (guint i = 0; i < a->len; i++)
    {
      const CrmMapEdge *x = &g_array_index (a, CrmMapEdge, i);
      const CrmMapEdge *y = &g_array_index (b, CrmMapEdge, i);

      if (compare_edges (x, y) != 0 || g_strcmp0 (x->strength, y->strength) != 0)
        return FALSE;
    }
  return TRUE;
}


typedef struct
{
  CrmStakeholderMap *self;
  guint              generation;
} ReloadData;

static void
on_reload_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReloadData *d = user_data;
  g_autoptr(CrmStakeholderMap) self = d->self;
  g_autoptr(GError) error = NULL;
  CrmMapLoad *load = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(CrmStakeholderMap) fresh = NULL;
  guint generation = d->generation;

  g_free (d);
  self->reloading = FALSE;

  if (load == NULL)
    {
      /* A deleted organization or deal keeps its last map. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED) &&
          !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
        g_warning ("Could not reload the stakeholder map: %s", error->message);
      return;
    }

  /* An edit started meanwhile: what was read may predate it. */
  if (generation != self->generation || self->pending_edits > 0)
    {
      _crm_map_load_free (load);
      _crm_stakeholder_map_schedule_reload (self);
      return;
    }

  fresh = crm_stakeholder_map_new (self->scope, self->scope_id, NULL);
  take_load (fresh, load);
  _crm_map_load_free (load);
  if (maps_equal (self, fresh))
    return;

  g_free (self->title);
  self->title = g_steal_pointer (&fresh->title);
  self->organization_id = fresh->organization_id;
  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  self->nodes = g_array_ref (fresh->nodes);
  self->edges = g_array_ref (fresh->edges);
  _crm_stakeholder_map_emit_changed (self, CHANGE_ALL);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  CrmStakeholderMap *self = user_data;
  ReloadData *d;

  self->reload_source = 0;
  if (self->pending_edits > 0 || self->reloading)
    {
      self->reload_wanted = TRUE;
      return G_SOURCE_REMOVE;
    }

  self->reload_wanted = FALSE;
  self->reloading = TRUE;
  d = g_new0 (ReloadData, 1);
  d->self = g_object_ref (self);
  d->generation = self->generation;
  _crm_store_run_async (self->store, _crm_map_load_job, _crm_map_load_new (self->scope, self->scope_id),
                        _crm_map_load_free, reload_timeout_cb, "crm-stakeholder-map-reload",
                        self->cancellable, on_reload_cb, d);
  return G_SOURCE_REMOVE;
}

/* Changes arrive in bursts (one per table of a transaction): one reload
 * after a short pause reads them all. */
void
_crm_stakeholder_map_schedule_reload (CrmStakeholderMap *self)
{
  if (self->reload_source == 0 && self->store != NULL)
    self->reload_source = g_timeout_add (100, reload_timeout_cb, self);
}

static gboolean
ids_contain (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
on_store_changed_cb (CrmStore   *store,
                     const char *table,
                     GArray     *ids,
                     gpointer    user_data)
{
  CrmStakeholderMap *self = user_data;

  /* Changes of single rows elsewhere in big tables leave the map alone. */
  if (ids != NULL && g_str_equal (table, "person"))
    {
      gboolean ours = FALSE;

      for (guint i = 0; i < ids->len && !ours; i++)
        ours = crm_stakeholder_map_find_node (self, g_array_index (ids, gint64, i)) >= 0;
      if (!ours)
        return;
    }
  else if (ids != NULL && g_str_equal (table, "organization"))
    {
      if (!ids_contain (ids, self->organization_id) &&
          !(self->scope == CRM_MAP_SCOPE_ORGANIZATION && ids_contain (ids, self->scope_id)))
        return;
    }
  else if (g_str_equal (table, "deal"))
    {
      if (self->scope != CRM_MAP_SCOPE_DEAL || (ids != NULL && !ids_contain (ids, self->scope_id)))
        return;
    }

  _crm_stakeholder_map_schedule_reload (self);
}

static void
attach_store (CrmStakeholderMap *self,
              CrmStore          *store)
{
  static const char *const tables[] = {
    "affiliation", "deal_stakeholder", "reporting_line", "influence_link", "map_position",
    "person", "organization", "deal",
  };

  self->store = g_object_ref (store);
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *detailed = g_strconcat ("changed::", tables[i], NULL);

      g_signal_connect_object (store, detailed, G_CALLBACK (on_store_changed_cb), self, 0);
    }
}

void
crm_stakeholder_map_load_async (CrmStore            *store,
                                CrmMapScope          scope,
                                gint64               scope_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (scope == CRM_MAP_SCOPE_ORGANIZATION || scope == CRM_MAP_SCOPE_DEAL);

  _crm_store_run_async (store, _crm_map_load_job, _crm_map_load_new (scope, scope_id), _crm_map_load_free,
                        crm_stakeholder_map_load_async, "crm-stakeholder-map-load",
                        cancellable, callback, user_data);
}

/**
 * crm_stakeholder_map_load_finish:
 *
 * Returns: (transfer full): the map, or %NULL with @error set
 * (%CRM_STORE_ERROR_NOT_FOUND for a missing organization or deal).
 */
CrmStakeholderMap *
crm_stakeholder_map_load_finish (GAsyncResult  *result,
                                 GError       **error)
{
  CrmStakeholderMap *self;
  CrmMapLoad *load;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_stakeholder_map_load_async, NULL);

  if (!(load = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;

  self = crm_stakeholder_map_new (load->scope, load->scope_id, NULL);
  take_load (self, load);
  attach_store (self, g_task_get_source_object (G_TASK (result)));
  _crm_map_load_free (load);
  return self;
}


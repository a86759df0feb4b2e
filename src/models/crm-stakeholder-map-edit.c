/* crm-stakeholder-map-edit.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholder map's edits (a partial of crm-stakeholder-map.c): each one
 * is validated, applied to the map at once with its "changed" signal, and
 * saved by the worker in one transaction; a save that fails puts the map
 * back as it was and signals again.  Store-less maps complete at once.  And
 * the people who could be added.
 */

#define G_LOG_DOMAIN "CrmStakeholderMap"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "crm-keys.h"
#include "crm-person.h"
#include "crm-stakeholder-map-private.h"

static CrmMapNode *
node_at (CrmStakeholderMap *self,
         int                index)
{
  return index >= 0 ? &g_array_index (self->nodes, CrmMapNode, index) : NULL;
}

/* --- edits --- */

/* What an edit changed, to put it back when it cannot be saved. */
typedef struct
{
  CrmMapEditKind  kind;
  CrmMapChange    what;
  gint64          person_id;
  gint64          other_id;
  char           *attribute;
  char           *old_value;
  CrmMapEdge      edge;        /* REMOVE_MANAGER, REMOVE_INFLUENCE: the edge removed */
  gboolean        placed;      /* PLACE: the old placement */
  double          x;
  double          y;
  GArray         *places;      /* CLEAR_PLACES: the nodes placed before (CrmMapNode, shallow) */
  CrmMapNode      node;        /* REMOVE_PERSON: the node removed */
  GArray         *edges;       /* REMOVE_PERSON: its edges */
} Undo;

static void
undo_free (gpointer data)
{
  Undo *u = data;

  g_free (u->attribute);
  g_free (u->old_value);
  g_free (u->edge.strength);
  g_clear_pointer (&u->places, g_array_unref);
  _crm_map_node_clear (&u->node);
  g_clear_pointer (&u->edges, g_array_unref);
  g_free (u);
}

static Undo *
undo_new (CrmMapEditKind kind,
          CrmMapChange   what)
{
  Undo *u = g_new0 (Undo, 1);

  u->kind = kind;
  u->what = what;
  return u;
}

static void
remove_edge_at (CrmStakeholderMap *self,
                int                index,
                CrmMapEdge        *saved)
{
  CrmMapEdge *edge = &g_array_index (self->edges, CrmMapEdge, index);

  if (saved != NULL)
    {
      *saved = *edge;
      edge->strength = NULL;
    }
  g_array_remove_index (self->edges, index);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static char **
attribute_field (CrmMapNode *node,
                 const char *attribute)
{
  if (g_str_equal (attribute, "role"))
    return &node->role;
  if (g_str_equal (attribute, "influence"))
    return &node->influence;
  if (g_str_equal (attribute, "attitude"))
    return &node->attitude;
  return &node->notes;
}

/* Puts back what @u's edit changed. */
static void
undo_apply (CrmStakeholderMap *self,
            Undo              *u)
{
  CrmMapNode *node = _crm_stakeholder_map_lookup_node (self, u->person_id);
  int index;

  switch (u->kind)
    {
    case CRM_MAP_EDIT_ATTRIBUTE:
      if (node != NULL)
        set_string (attribute_field (node, u->attribute), u->old_value);
      break;
    case CRM_MAP_EDIT_ADD_MANAGER:
    case CRM_MAP_EDIT_ADD_INFLUENCE:
      index = _crm_stakeholder_map_find_edge (self,
                                              u->kind == CRM_MAP_EDIT_ADD_MANAGER
                                              ? CRM_MAP_EDGE_REPORTS_TO : CRM_MAP_EDGE_INFLUENCES,
                                              u->person_id, u->other_id);
      if (index >= 0)
        remove_edge_at (self, index, NULL);
      break;
    case CRM_MAP_EDIT_REMOVE_MANAGER:
    case CRM_MAP_EDIT_REMOVE_INFLUENCE:
      crm_stakeholder_map_add_edge (self, &u->edge);
      break;
    case CRM_MAP_EDIT_PLACE:
      if (node != NULL)
        {
          node->placed = u->placed;
          node->x = u->x;
          node->y = u->y;
        }
      break;
    case CRM_MAP_EDIT_CLEAR_PLACES:
      for (guint i = 0; i < u->places->len; i++)
        {
          const CrmMapNode *old = &g_array_index (u->places, CrmMapNode, i);

          if ((node = _crm_stakeholder_map_lookup_node (self, old->person_id)) != NULL)
            {
              node->placed = TRUE;
              node->x = old->x;
              node->y = old->y;
            }
        }
      break;
    case CRM_MAP_EDIT_REMOVE_PERSON:
      crm_stakeholder_map_add_node (self, &u->node);
      for (guint i = 0; i < u->edges->len; i++)
        crm_stakeholder_map_add_edge (self, &g_array_index (u->edges, CrmMapEdge, i));
      break;
    case CRM_MAP_EDIT_ADD_PERSON:
    case CRM_MAP_EDIT_CREATE_PERSON:
      /* Nothing was shown before the worker read the new node. */
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_edit_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmStakeholderMap *self = g_task_get_source_object (task);
  Undo *u = g_task_get_task_data (task);
  CrmMapEdit *edit = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  self->pending_edits--;
  if (self->pending_edits == 0 && self->reload_wanted)
    _crm_stakeholder_map_schedule_reload (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      undo_apply (self, u);
      if (u->kind != CRM_MAP_EDIT_ADD_PERSON && u->kind != CRM_MAP_EDIT_CREATE_PERSON)
        _crm_stakeholder_map_emit_changed (self, u->what);
      g_task_return_error (task, error);
      return;
    }

  if (edit->kind == CRM_MAP_EDIT_ADD_MANAGER || edit->kind == CRM_MAP_EDIT_ADD_INFLUENCE)
    {
      CrmMapEdgeKind kind = edit->kind == CRM_MAP_EDIT_ADD_MANAGER ? CRM_MAP_EDGE_REPORTS_TO
                                                                   : CRM_MAP_EDGE_INFLUENCES;
      int index = _crm_stakeholder_map_find_edge (self, kind, edit->person_id, edit->other_id);

      if (index >= 0)
        g_array_index (self->edges, CrmMapEdge, index).id = edit->row_id;
    }
  else if ((edit->kind == CRM_MAP_EDIT_ADD_PERSON || edit->kind == CRM_MAP_EDIT_CREATE_PERSON) &&
           edit->has_node && crm_stakeholder_map_find_node (self, edit->node.person_id) < 0)
    {
      crm_stakeholder_map_add_node (self, &edit->node);
      for (guint i = 0; i < edit->edges->len; i++)
        {
          const CrmMapEdge *edge = &g_array_index (edit->edges, CrmMapEdge, i);

          if (crm_stakeholder_map_find_node (self, edge->from) >= 0 &&
              crm_stakeholder_map_find_node (self, edge->to) >= 0 &&
              _crm_stakeholder_map_find_edge (self, edge->kind, edge->from, edge->to) < 0)
            crm_stakeholder_map_add_edge (self, edge);
        }
      _crm_stakeholder_map_emit_changed (self, CRM_MAP_CHANGE_STRUCTURE);
    }

  g_task_return_boolean (task, TRUE);
}

/* Saves @edit (store maps) or completes at once (plain maps).  Takes @task,
 * @edit and @u. */
static void
commit_edit (CrmStakeholderMap *self,
             GTask             *task,
             CrmMapEdit        *edit,
             Undo              *u)
{
  g_task_set_task_data (task, u, undo_free);

  if (self->store == NULL)
    {
      _crm_map_edit_free (edit);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  edit->scope = self->scope;
  edit->scope_id = self->scope_id;
  edit->organization_id = self->organization_id;
  self->pending_edits++;
  self->generation++;
  _crm_store_run_async (self->store, _crm_map_edit_job, edit, _crm_map_edit_free,
                        crm_stakeholder_map_edit_finish, "crm-stakeholder-map-edit",
                        g_task_get_cancellable (task), on_edit_done_cb, task);
}

static GTask *
edit_task_new (CrmStakeholderMap   *self,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, crm_stakeholder_map_edit_finish);
  g_task_set_name (task, "crm-stakeholder-map-edit");
  return task;
}

static void
fail_edit (GTask      *task,
           int         code,
           const char *message)
{
  g_task_return_new_error (task, CRM_STAKEHOLDER_MAP_ERROR, code, "%s", message);
  g_object_unref (task);
}

static gboolean
key_is_valid (const char *domain,
              const char *key)
{
  guint n = 0;
  const CrmKeyName *keys = crm_keys_list (domain, &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (keys[i].key, key) == 0)
      return TRUE;
  return FALSE;
}

/* Lines and links belong to an organization: a deal without one has none. */
static gboolean
can_link (CrmStakeholderMap *self)
{
  return self->store == NULL || self->organization_id != 0;
}

void
crm_stakeholder_map_set_attribute_async (CrmStakeholderMap   *self,
                                         gint64               person_id,
                                         const char          *attribute,
                                         const char          *value,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  CrmMapNode *node;
  CrmMapEdit *edit;
  Undo *u;
  char **field;

  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));

  task = edit_task_new (self, cancellable, callback, user_data);
  if (!(node = _crm_stakeholder_map_lookup_node (self, person_id)))
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND, _("The person is not on this map."));
      return;
    }
  if (_crm_map_attribute_column (self->scope, attribute) == NULL)
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_INVALID, _("Unknown stakeholder attribute."));
      return;
    }
  if (value == NULL ||
      (g_str_equal (attribute, "role") && *value != '\0' && !key_is_valid ("role", value)) ||
      (g_str_equal (attribute, "influence") && !key_is_valid ("influence", value)) ||
      (g_str_equal (attribute, "attitude") && !key_is_valid ("attitude", value)))
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_INVALID, _("Unknown value for this attribute."));
      return;
    }

  field = attribute_field (node, attribute);
  u = undo_new (CRM_MAP_EDIT_ATTRIBUTE, CRM_MAP_CHANGE_ATTRIBUTES);
  u->person_id = person_id;
  u->attribute = g_strdup (attribute);
  u->old_value = g_strdup (*field);
  set_string (field, value);
  _crm_stakeholder_map_emit_changed (self, CRM_MAP_CHANGE_ATTRIBUTES);

  edit = _crm_map_edit_new (CRM_MAP_EDIT_ATTRIBUTE);
  edit->person_id = person_id;
  edit->attribute = g_strdup (attribute);
  edit->value = g_strdup (value);
  commit_edit (self, task, edit, u);
}

/* Whether @person_id is among the managers of @manager_id, at any depth. */
static gboolean
reports_up_to (CrmStakeholderMap *self,
               gint64             from,
               gint64             target)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (stack, from);
  while (stack->len > 0)
    {
      gint64 id = g_array_index (stack, gint64, stack->len - 1);

      g_array_set_size (stack, stack->len - 1);
      if (id == target)
        return TRUE;
      for (guint i = 0; i < self->edges->len; i++)
        {
          CrmMapEdge *edge = &g_array_index (self->edges, CrmMapEdge, i);

          if (edge->kind == CRM_MAP_EDGE_REPORTS_TO && edge->from == id &&
              !g_hash_table_contains (seen, &edge->to))
            {
              g_hash_table_add (seen, &edge->to);
              g_array_append_val (stack, edge->to);
            }
        }
    }
  return FALSE;
}

static void
add_edge (CrmStakeholderMap   *self,
          CrmMapEdgeKind       kind,
          gint64               from,
          gint64               to,
          const char          *strength,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = edit_task_new (self, cancellable, callback, user_data);
  gboolean reports = kind == CRM_MAP_EDGE_REPORTS_TO;
  CrmMapEdge edge = { kind, 0, from, to, (char *) strength };
  CrmMapEdit *edit;
  Undo *u;

  if (_crm_stakeholder_map_lookup_node (self, from) == NULL ||
      _crm_stakeholder_map_lookup_node (self, to) == NULL)
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND, _("The person is not on this map."));
      return;
    }
  if (from == to)
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_SELF,
                 reports ? _("A person cannot report to themselves.")
                         : _("A person cannot influence themselves."));
      return;
    }
  if (!can_link (self))
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_INVALID,
                 _("This deal has no organization to hold reporting lines and influence links."));
      return;
    }
  if (!reports && !key_is_valid ("influence", strength))
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_INVALID, _("Unknown influence strength."));
      return;
    }
  if (_crm_stakeholder_map_find_edge (self, kind, from, to) >= 0)
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_EXISTS,
                 reports ? _("The person already reports to this manager.")
                         : _("The person already influences the other."));
      return;
    }
  if (reports && reports_up_to (self, to, from))
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_CYCLE,
                 _("The manager reports to this person already, directly or through others."));
      return;
    }

  crm_stakeholder_map_add_edge (self, &edge);
  _crm_stakeholder_map_emit_changed (self, CRM_MAP_CHANGE_STRUCTURE);

  u = undo_new (reports ? CRM_MAP_EDIT_ADD_MANAGER : CRM_MAP_EDIT_ADD_INFLUENCE, CRM_MAP_CHANGE_STRUCTURE);
  u->person_id = from;
  u->other_id = to;
  edit = _crm_map_edit_new (u->kind);
  edit->person_id = from;
  edit->other_id = to;
  edit->value = g_strdup (strength);
  commit_edit (self, task, edit, u);
}

static void
remove_edge (CrmStakeholderMap   *self,
             CrmMapEdgeKind       kind,
             gint64               from,
             gint64               to,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = edit_task_new (self, cancellable, callback, user_data);
  int index = _crm_stakeholder_map_find_edge (self, kind, from, to);
  CrmMapEdit *edit;
  Undo *u;

  if (index < 0)
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND,
                 kind == CRM_MAP_EDGE_REPORTS_TO ? _("The person does not report to this manager.")
                                                 : _("The person does not influence the other."));
      return;
    }

  u = undo_new (kind == CRM_MAP_EDGE_REPORTS_TO ? CRM_MAP_EDIT_REMOVE_MANAGER : CRM_MAP_EDIT_REMOVE_INFLUENCE,
                CRM_MAP_CHANGE_STRUCTURE);
  u->person_id = from;
  u->other_id = to;
  remove_edge_at (self, index, &u->edge);
  _crm_stakeholder_map_emit_changed (self, CRM_MAP_CHANGE_STRUCTURE);

  edit = _crm_map_edit_new (u->kind);
  edit->person_id = from;
  edit->other_id = to;
  commit_edit (self, task, edit, u);
}

void
crm_stakeholder_map_add_manager_async (CrmStakeholderMap   *self,
                                       gint64               person_id,
                                       gint64               manager_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));

  add_edge (self, CRM_MAP_EDGE_REPORTS_TO, person_id, manager_id, NULL, cancellable, callback, user_data);
}

void
crm_stakeholder_map_remove_manager_async (CrmStakeholderMap   *self,
                                          gint64               person_id,
                                          gint64               manager_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));

  remove_edge (self, CRM_MAP_EDGE_REPORTS_TO, person_id, manager_id, cancellable, callback, user_data);
}

void
crm_stakeholder_map_add_influence_async (CrmStakeholderMap   *self,
                                         gint64               from_id,
                                         gint64               to_id,
                                         const char          *strength,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));

  add_edge (self, CRM_MAP_EDGE_INFLUENCES, from_id, to_id,
            strength != NULL && *strength != '\0' ? strength : "medium", cancellable, callback, user_data);
}

void
crm_stakeholder_map_remove_influence_async (CrmStakeholderMap   *self,
                                            gint64               from_id,
                                            gint64               to_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));

  remove_edge (self, CRM_MAP_EDGE_INFLUENCES, from_id, to_id, cancellable, callback, user_data);
}

void
crm_stakeholder_map_place_async (CrmStakeholderMap   *self,
                                 gint64               person_id,
                                 double               x,
                                 double               y,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  CrmMapNode *node;
  CrmMapEdit *edit;
  Undo *u;

  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));

  task = edit_task_new (self, cancellable, callback, user_data);
  if (!(node = _crm_stakeholder_map_lookup_node (self, person_id)))
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND, _("The person is not on this map."));
      return;
    }
  if (!isfinite (x) || !isfinite (y))
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_INVALID, _("The position is not a number."));
      return;
    }

  u = undo_new (CRM_MAP_EDIT_PLACE, CRM_MAP_CHANGE_POSITIONS);
  u->person_id = person_id;
  u->placed = node->placed;
  u->x = node->x;
  u->y = node->y;
  node->placed = TRUE;
  node->x = x;
  node->y = y;
  _crm_stakeholder_map_emit_changed (self, CRM_MAP_CHANGE_POSITIONS);

  edit = _crm_map_edit_new (CRM_MAP_EDIT_PLACE);
  edit->person_id = person_id;
  edit->x = x;
  edit->y = y;
  commit_edit (self, task, edit, u);
}

void
crm_stakeholder_map_clear_places_async (CrmStakeholderMap   *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GTask *task;
  Undo *u;

  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));

  task = edit_task_new (self, cancellable, callback, user_data);
  u = undo_new (CRM_MAP_EDIT_CLEAR_PLACES, CRM_MAP_CHANGE_POSITIONS);
  u->places = g_array_new (FALSE, TRUE, sizeof (CrmMapNode));
  for (guint i = 0; i < self->nodes->len; i++)
    {
      CrmMapNode *node = node_at (self, i);

      if (node->placed)
        {
          CrmMapNode old = { .person_id = node->person_id, .x = node->x, .y = node->y };

          g_array_append_val (u->places, old);
          node->placed = FALSE;
          node->x = node->y = 0;
        }
    }
  _crm_stakeholder_map_emit_changed (self, CRM_MAP_CHANGE_POSITIONS);
  commit_edit (self, task, _crm_map_edit_new (CRM_MAP_EDIT_CLEAR_PLACES), u);
}

/* A store-less map shows a new person at once, with what it knows. */
static void
add_plain_node (CrmStakeholderMap *self,
                gint64             person_id,
                const char        *name,
                const char        *title)
{
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *initials = NULL;
  CrmMapNode node = { .person_id = person_id };

  _crm_map_split_name (name, &given, &family);
  initials = _crm_map_initials (given, family, name);
  node.name = (char *) name;
  node.title = (char *) title;
  node.initials = initials;
  crm_stakeholder_map_add_node (self, &node);
  _crm_stakeholder_map_emit_changed (self, CRM_MAP_CHANGE_STRUCTURE);
}

void
crm_stakeholder_map_add_person_async (CrmStakeholderMap   *self,
                                      gint64               person_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;
  CrmMapEdit *edit;

  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));

  task = edit_task_new (self, cancellable, callback, user_data);
  if (_crm_stakeholder_map_lookup_node (self, person_id) != NULL)
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_EXISTS, _("The person is on this map already."));
      return;
    }
  if (person_id <= 0)
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND, _("There is no such person."));
      return;
    }
  if (self->store == NULL)
    add_plain_node (self, person_id, "", "");

  edit = _crm_map_edit_new (CRM_MAP_EDIT_ADD_PERSON);
  edit->person_id = person_id;
  commit_edit (self, task, edit, undo_new (CRM_MAP_EDIT_ADD_PERSON, CRM_MAP_CHANGE_STRUCTURE));
}

void
crm_stakeholder_map_create_person_async (CrmStakeholderMap   *self,
                                         const char          *name,
                                         const char          *title,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *trimmed_title = NULL;
  GTask *task;
  CrmMapEdit *edit;

  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));

  task = edit_task_new (self, cancellable, callback, user_data);
  trimmed = g_strstrip (g_strdup (name ? name : ""));
  trimmed_title = g_strstrip (g_strdup (title ? title : ""));
  if (*trimmed == '\0')
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_INVALID, _("A new person needs a name."));
      return;
    }

  if (self->store == NULL)
    {
      gint64 id = 0;

      for (guint i = 0; i < self->nodes->len; i++)
        id = MAX (id, node_at (self, i)->person_id);
      add_plain_node (self, id + 1, trimmed, trimmed_title);
    }

  edit = _crm_map_edit_new (CRM_MAP_EDIT_CREATE_PERSON);
  edit->value = g_steal_pointer (&trimmed);
  edit->title = g_steal_pointer (&trimmed_title);
  commit_edit (self, task, edit, undo_new (CRM_MAP_EDIT_CREATE_PERSON, CRM_MAP_CHANGE_STRUCTURE));
}

void
crm_stakeholder_map_remove_person_async (CrmStakeholderMap   *self,
                                         gint64               person_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  CrmMapEdit *edit;
  Undo *u;
  int index;

  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));

  task = edit_task_new (self, cancellable, callback, user_data);
  if (self->scope != CRM_MAP_SCOPE_DEAL)
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_INVALID,
                 _("People leave an organization's map only when they leave the organization."));
      return;
    }
  if ((index = crm_stakeholder_map_find_node (self, person_id)) < 0)
    {
      fail_edit (task, CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND, _("The person is not on this map."));
      return;
    }

  u = undo_new (CRM_MAP_EDIT_REMOVE_PERSON, CRM_MAP_CHANGE_STRUCTURE);
  u->person_id = person_id;
  u->node = *node_at (self, index);
  memset (node_at (self, index), 0, sizeof (CrmMapNode));
  g_array_remove_index (self->nodes, index);
  u->edges = g_array_new (FALSE, TRUE, sizeof (CrmMapEdge));
  g_array_set_clear_func (u->edges, _crm_map_edge_clear);
  for (guint i = self->edges->len; i-- > 0;)
    {
      CrmMapEdge *edge = &g_array_index (self->edges, CrmMapEdge, i);

      if (edge->from == person_id || edge->to == person_id)
        {
          CrmMapEdge saved;

          remove_edge_at (self, i, &saved);
          g_array_prepend_val (u->edges, saved);
        }
    }
  _crm_stakeholder_map_emit_changed (self, CRM_MAP_CHANGE_STRUCTURE);

  edit = _crm_map_edit_new (CRM_MAP_EDIT_REMOVE_PERSON);
  edit->person_id = person_id;
  commit_edit (self, task, edit, u);
}

gboolean
crm_stakeholder_map_edit_finish (CrmStakeholderMap  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- candidates --- */

static void
on_candidates_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmMapCandidates *c = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = _crm_store_load_many_finish (CRM_STORE (source), result, &error);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GListStore *list;

  if (records == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < records->len; i++)
    {
      CrmRecord *record = g_ptr_array_index (records, i);
      gint64 *id = g_new (gint64, 1);

      *id = crm_record_get_id (record);
      g_hash_table_insert (by_id, id, record);
    }

  /* In the order the worker read: by name. */
  list = g_list_store_new (CRM_TYPE_PERSON);
  for (guint i = 0; i < c->ids->len; i++)
    {
      CrmRecord *record = g_hash_table_lookup (by_id, &g_array_index (c->ids, gint64, i));

      if (record != NULL)
        g_list_store_append (list, record);
    }
  g_task_return_pointer (task, list, g_object_unref);
}

static void
on_candidate_ids_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmMapCandidates *c = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (c->ids->len == 0)
    {
      g_task_return_pointer (task, g_list_store_new (CRM_TYPE_PERSON), g_object_unref);
      return;
    }
  _crm_store_load_many_async (CRM_STORE (source), CRM_TYPE_PERSON, c->ids, g_task_get_cancellable (task),
                              on_candidates_loaded_cb, g_object_ref (task));
}

void
crm_stakeholder_map_list_candidates_async (CrmStakeholderMap   *self,
                                           guint                limit,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CrmMapCandidates *c, *request;

  g_return_if_fail (CRM_IS_STAKEHOLDER_MAP (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_stakeholder_map_list_candidates_async);
  g_task_set_name (task, "crm-stakeholder-map-candidates");

  if (self->store == NULL || self->organization_id == 0 || limit == 0)
    {
      g_task_return_pointer (task, g_list_store_new (CRM_TYPE_PERSON), g_object_unref);
      return;
    }

  /* The main task keeps the ids the worker found; the worker fills its own copy. */
  c = g_new0 (CrmMapCandidates, 1);
  c->organization_id = self->organization_id;
  c->limit = limit;
  c->exclude = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->nodes->len);
  for (guint i = 0; i < self->nodes->len; i++)
    g_array_append_val (c->exclude, node_at (self, i)->person_id);
  g_array_sort (c->exclude, _crm_map_compare_ids);
  c->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  request = c;
  g_task_set_task_data (task, c, _crm_map_candidates_free);
  _crm_store_run_async (self->store, _crm_map_candidates_job, request, NULL,
                        crm_stakeholder_map_list_candidates_async, "crm-stakeholder-map-candidate-ids",
                        cancellable, on_candidate_ids_cb, g_object_ref (task));
}

/**
 * crm_stakeholder_map_list_candidates_finish:
 *
 * Returns: (transfer full): a #GListModel of #CrmPerson
 */
GListModel *
crm_stakeholder_map_list_candidates_finish (CrmStakeholderMap  *self,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

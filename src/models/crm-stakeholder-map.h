/* crm-stakeholder-map.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholder map of one organization (its people) or one deal (its
 * stakeholders): nodes with their deal role, influence, attitude and last
 * contact, reports-to lines and informal influence links, and the positions
 * placed by hand.  Loaded off the UI thread in one job; every edit changes
 * the map at once, emits "changed" and is saved by the store worker (an
 * edit that fails to save is reverted and reported).  GTK-free.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_MAP_SCOPE_ORGANIZATION,
  CRM_MAP_SCOPE_DEAL,
} CrmMapScope;

/* "organization" | "deal" (the map_position.scope_kind keys). */
const char *crm_map_scope_to_key   (CrmMapScope  scope);
gboolean    crm_map_scope_from_key (const char  *key,
                                    CrmMapScope *scope);

typedef enum
{
  CRM_MAP_EDGE_REPORTS_TO,
  CRM_MAP_EDGE_INFLUENCES,
} CrmMapEdgeKind;

typedef struct
{
  gint64    person_id;
  char     *name;          /* display name */
  char     *title;         /* job title at the organization, or "" */
  char     *department;    /* or "" */
  char     *initials;      /* "AB"; one Han character for Chinese names */
  char     *role;          /* key of crm_keys_role, or "" (none) */
  char     *influence;     /* "low" | "medium" | "high" */
  char     *attitude;      /* "supporter" | "neutral" | "opponent" */
  char     *notes;
  gint64    last_contact;  /* unix time of the latest done activity with the person; 0: never */
  gboolean  placed;        /* x, y were placed by hand (saved in map_position) */
  double    x;             /* the node's centre in map units, when placed */
  double    y;
} CrmMapNode;

typedef struct
{
  CrmMapEdgeKind  kind;
  gint64          id;        /* the reporting_line or influence_link row; 0 before it is saved */
  gint64          from;      /* reports-to: the person; influences: the influencer */
  gint64          to;        /* reports-to: the manager; influences: the influenced */
  char           *strength;  /* influences: "low" | "medium" | "high"; reports-to: NULL */
} CrmMapEdge;

typedef enum
{
  CRM_MAP_CHANGE_STRUCTURE  = 1 << 0,  /* nodes or edges added or removed: lay out again */
  CRM_MAP_CHANGE_ATTRIBUTES = 1 << 1,  /* role, influence, attitude, notes, title */
  CRM_MAP_CHANGE_POSITIONS  = 1 << 2,  /* a node was placed by hand, or the placements cleared */
} CrmMapChange;

#define CRM_STAKEHOLDER_MAP_ERROR (crm_stakeholder_map_error_quark ())

typedef enum
{
  CRM_STAKEHOLDER_MAP_ERROR_SELF,       /* a person as their own manager or influencer */
  CRM_STAKEHOLDER_MAP_ERROR_CYCLE,      /* a manager who (indirectly) reports to the person */
  CRM_STAKEHOLDER_MAP_ERROR_EXISTS,     /* the line, link or person is there already */
  CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND,  /* no such node, line or link */
  CRM_STAKEHOLDER_MAP_ERROR_INVALID,    /* an unknown key or attribute */
} CrmStakeholderMapError;

GQuark crm_stakeholder_map_error_quark (void);

#define CRM_TYPE_STAKEHOLDER_MAP (crm_stakeholder_map_get_type ())

G_DECLARE_FINAL_TYPE (CrmStakeholderMap, crm_stakeholder_map, CRM, STAKEHOLDER_MAP, GObject)

/* Signals:
 *   "changed" (CrmMapChange what): emitted after every edit, its revert, and
 *   a reload after the store changed the map's tables from elsewhere.
 */

void               crm_stakeholder_map_load_async     (CrmStore             *store,
                                                       CrmMapScope           scope,
                                                       gint64                scope_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
CrmStakeholderMap *crm_stakeholder_map_load_finish    (GAsyncResult         *result,
                                                       GError              **error);

/* A map of plain data without a store, for tests and benchmarks: the edit
 * functions below change it and complete at once. */
CrmStakeholderMap *crm_stakeholder_map_new            (CrmMapScope           scope,
                                                       gint64                scope_id,
                                                       const char           *title);
/* Copies @node / @edge (appended; structure changes are not signalled). */
void               crm_stakeholder_map_add_node       (CrmStakeholderMap    *self,
                                                       const CrmMapNode     *node);
void               crm_stakeholder_map_add_edge       (CrmStakeholderMap    *self,
                                                       const CrmMapEdge     *edge);

CrmStore          *crm_stakeholder_map_get_store      (CrmStakeholderMap    *self); /* nullable */
CrmMapScope        crm_stakeholder_map_get_scope      (CrmStakeholderMap    *self);
gint64             crm_stakeholder_map_get_scope_id   (CrmStakeholderMap    *self);
/* The organization whose people the map draws: the scope for an
 * organization, the deal's organization for a deal (0 for a B2C deal). */
gint64             crm_stakeholder_map_get_organization_id (CrmStakeholderMap *self);
/* The organization's or the deal's name. */
const char        *crm_stakeholder_map_get_title      (CrmStakeholderMap    *self);

/* Nodes in a stable order (by department, then name, then id). */
guint              crm_stakeholder_map_get_n_nodes    (CrmStakeholderMap    *self);
const CrmMapNode  *crm_stakeholder_map_get_node       (CrmStakeholderMap    *self,
                                                       guint                 index);
/* The index of @person_id's node, or -1. */
int                crm_stakeholder_map_find_node      (CrmStakeholderMap    *self,
                                                       gint64                person_id);
guint              crm_stakeholder_map_get_n_edges    (CrmStakeholderMap    *self);
const CrmMapEdge  *crm_stakeholder_map_get_edge       (CrmStakeholderMap    *self,
                                                       guint                 index);
/* The managers of @person_id (gint64), in edge order; transfer full. */
GArray            *crm_stakeholder_map_dup_managers   (CrmStakeholderMap    *self,
                                                       gint64                person_id);

/* "Wang Fang, Chief Technology Officer, Decision Maker, Supporter": the
 * accessible name of a node, translated; the empty parts left out.  Transfer
 * full. */
char              *crm_map_node_describe              (const CrmMapNode     *node);

/* --- edits: one finish for all of them --- */

/* @attribute: "role", "influence", "attitude" or "notes"; @value a key of the
 * attribute's list (any text for notes).  Saved on the person's affiliation
 * (organization map) or deal stakeholder row (deal map). */
void      crm_stakeholder_map_set_attribute_async  (CrmStakeholderMap   *self,
                                                    gint64               person_id,
                                                    const char          *attribute,
                                                    const char          *value,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* @person_id reports to @manager_id (one more manager; SELF, CYCLE, EXISTS). */
void      crm_stakeholder_map_add_manager_async    (CrmStakeholderMap   *self,
                                                    gint64               person_id,
                                                    gint64               manager_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
void      crm_stakeholder_map_remove_manager_async (CrmStakeholderMap   *self,
                                                    gint64               person_id,
                                                    gint64               manager_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* @from_id influences @to_id (cycles are allowed; SELF, EXISTS). */
void      crm_stakeholder_map_add_influence_async  (CrmStakeholderMap   *self,
                                                    gint64               from_id,
                                                    gint64               to_id,
                                                    const char          *strength,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
void      crm_stakeholder_map_remove_influence_async (CrmStakeholderMap *self,
                                                    gint64               from_id,
                                                    gint64               to_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Places @person_id's node by hand at (@x, @y), saved for this map. */
void      crm_stakeholder_map_place_async          (CrmStakeholderMap   *self,
                                                    gint64               person_id,
                                                    double               x,
                                                    double               y,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Forgets every placement of this map ("Tidy up"). */
void      crm_stakeholder_map_clear_places_async   (CrmStakeholderMap   *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Puts an existing person on the map: an affiliation with the organization
 * (organization map) or a deal stakeholder row (deal map; also affiliated
 * with the deal's organization when it has one and they are not). */
void      crm_stakeholder_map_add_person_async     (CrmStakeholderMap   *self,
                                                    gint64               person_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Creates a person named @name with @title (may be "") and puts them on the map. */
void      crm_stakeholder_map_create_person_async  (CrmStakeholderMap   *self,
                                                    const char          *name,
                                                    const char          *title,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
/* Takes @person_id off a deal map (the deal stakeholder row); on an
 * organization map, ends nothing and fails with INVALID. */
void      crm_stakeholder_map_remove_person_async  (CrmStakeholderMap   *self,
                                                    gint64               person_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean  crm_stakeholder_map_edit_finish          (CrmStakeholderMap   *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* People who could be added: the organization's people not on the map (for a
 * deal map, those of the deal's organization), by name; at most @limit.
 * A GListModel of CrmPerson records. */
void        crm_stakeholder_map_list_candidates_async  (CrmStakeholderMap   *self,
                                                        guint                limit,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GListModel *crm_stakeholder_map_list_candidates_finish (CrmStakeholderMap   *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

G_END_DECLS

/* crm-stakeholder-map-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker side of the stakeholder map (crm-stakeholder-map-store.c): the
 * load job and the edit job exchange these plain structs with the main
 * thread.  Only src/models and tests include this.
 */

#pragma once

#include "crm-stakeholder-map.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

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

  GCancellable *cancellable;     /* reloads */
  guint         reload_source;   /* a coalesced reload after the store changed */
  guint         pending_edits;   /* edits the worker has not finished */
  guint         generation;      /* counts edits: a reload older than one is stale */
  gboolean      reload_wanted;   /* a reload waits for the pending edits */
  gboolean      reloading;
};

/* Shared by the partials crm-stakeholder-map.c and -edit.c (main thread). */
void        _crm_stakeholder_map_emit_changed    (CrmStakeholderMap *self,
                                                  CrmMapChange       what);
CrmMapNode *_crm_stakeholder_map_lookup_node     (CrmStakeholderMap *self,
                                                  gint64             person_id);
int         _crm_stakeholder_map_find_edge       (CrmStakeholderMap *self,
                                                  CrmMapEdgeKind     kind,
                                                  gint64             from,
                                                  gint64             to);
void        _crm_stakeholder_map_schedule_reload (CrmStakeholderMap *self);

/* What the load job reads: the map's header, nodes (in no order) and edges. */
typedef struct
{
  CrmMapScope  scope;
  gint64       scope_id;
  gint64       organization_id;
  char        *title;
  GArray      *nodes;   /* CrmMapNode */
  GArray      *edges;   /* CrmMapEdge */
} CrmMapLoad;

CrmMapLoad *_crm_map_load_new  (CrmMapScope  scope,
                                gint64       scope_id);
void        _crm_map_load_free (gpointer     data);
void        _crm_map_load_job  (CrmStoreWorker *worker,
                                GTask          *task,
                                gpointer        data);

typedef enum
{
  CRM_MAP_EDIT_ATTRIBUTE,
  CRM_MAP_EDIT_ADD_MANAGER,
  CRM_MAP_EDIT_REMOVE_MANAGER,
  CRM_MAP_EDIT_ADD_INFLUENCE,
  CRM_MAP_EDIT_REMOVE_INFLUENCE,
  CRM_MAP_EDIT_PLACE,
  CRM_MAP_EDIT_CLEAR_PLACES,
  CRM_MAP_EDIT_ADD_PERSON,
  CRM_MAP_EDIT_CREATE_PERSON,
  CRM_MAP_EDIT_REMOVE_PERSON,
} CrmMapEditKind;

/* One edit for the worker.  The job fills the results; the main thread reads
 * them once the task completed. */
typedef struct
{
  CrmMapEditKind  kind;
  CrmMapScope     scope;
  gint64          scope_id;
  gint64          organization_id;
  gint64          person_id;     /* the person; influences: the influencer */
  gint64          other_id;      /* manager, or the influenced person */
  char           *attribute;     /* ATTRIBUTE */
  char           *value;         /* ATTRIBUTE: the key or notes; ADD_INFLUENCE: the strength;
                                  * CREATE_PERSON: the name */
  char           *title;         /* CREATE_PERSON */
  double          x;
  double          y;

  /* results */
  gint64          row_id;        /* ADD_MANAGER, ADD_INFLUENCE: the line's or link's id */
  gboolean        has_node;      /* ADD_PERSON, CREATE_PERSON: @node was read back */
  CrmMapNode      node;
  GArray         *edges;         /* with @node: the lines and links of the person (CrmMapEdge) */
} CrmMapEdit;

CrmMapEdit *_crm_map_edit_new  (CrmMapEditKind  kind);
void        _crm_map_edit_free (gpointer        data);
void        _crm_map_edit_job  (CrmStoreWorker *worker,
                                GTask          *task,
                                gpointer        data);

/* Candidates: the organization's people not in @exclude, by sort key. */
typedef struct
{
  gint64   organization_id;
  guint    limit;
  GArray  *exclude;   /* gint64, sorted */
  GArray  *ids;       /* result: gint64 */
} CrmMapCandidates;

void        _crm_map_candidates_free (gpointer        data);
void        _crm_map_candidates_job  (CrmStoreWorker *worker,
                                      GTask          *task,
                                      gpointer        data);

/* qsort/bsearch order of gint64s. */
int         _crm_map_compare_ids     (gconstpointer   a,
                                      gconstpointer   b);
/* Frees the strength of @edge (a GArray clear func). */
void        _crm_map_edge_clear      (gpointer        edge);
/* Frees the strings of @node (a GArray clear func). */
void        _crm_map_node_clear      (gpointer        node);
/* "AB" for Ada Byron; the family name's character for a Han name. */
char       *_crm_map_initials        (const char     *given,
                                      const char     *family,
                                      const char     *display);
/* Splits a typed name into given and family names: "Ada Byron" → Ada, Byron;
 * "王芳" → 芳, 王. */
void        _crm_map_split_name      (const char     *name,
                                      char          **given,
                                      char          **family);
/* The name of a key list's column: "role" → "stakeholder_role" (organization)
 * or "role" (deal); NULL for an unknown attribute. */
const char *_crm_map_attribute_column (CrmMapScope    scope,
                                       const char    *attribute);

G_END_DECLS

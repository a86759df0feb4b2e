/* test-stakeholder-map.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholder map model: loading an organization's and a deal's map,
 * every edit saved (read back through a fresh store), refused edits leaving
 * the database as it was, a failed save reverted, store-less maps, the
 * "changed" flags, the accessible description and the candidates.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "crm-models.h"
#include "crm-search-fold.h"
#include "crm-stakeholder-map-private.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  CrmStore *store;
} Fixture;

/* Acme (1): Ada Byron (10, CEO) ← Bob Stone (11, CTO) ← Cleo Diaz (12) and
 * Dan Eto (13); Cleo also reports to Erin Fox (14, Finance); 王芳 (15) has no
 * manager; 16 is in the trash; 17 left (deleted affiliation).  Deal 100 is
 * Acme's, with Bob (champion) and Cleo; deal 101 has no organization. */
static const char fixture_sql[] =
  "INSERT INTO pipeline (id, created, updated, name) VALUES (1, 1, 1, 'Sales');"
  "INSERT INTO stage (id, created, updated, pipeline_id, name) VALUES (2, 1, 1, 1, 'Lead');"
  "INSERT INTO organization (id, created, updated, name, sort_key) VALUES"
  " (1, 1, 1, 'Acme', 'acme'), (2, 1, 1, 'Other', 'other');"
  "INSERT INTO person (id, created, updated, deleted, given_name, family_name, display_name, sort_key)"
  " VALUES (10, 1, 1, 0, 'Ada', 'Byron', 'Ada Byron', 'ada byron'),"
  " (11, 1, 1, 0, 'Bob', 'Stone', 'Bob Stone', 'bob stone'),"
  " (12, 1, 1, 0, 'Cleo', 'Diaz', '', 'cleo diaz'),"
  " (13, 1, 1, 0, 'Dan', 'Eto', 'Dan Eto', 'dan eto'),"
  " (14, 1, 1, 0, 'Erin', 'Fox', 'Erin Fox', 'erin fox'),"
  " (15, 1, 1, 0, '芳', '王', '王芳', 'wang fang 王芳'),"
  " (16, 1, 1, 1, 'Gil', 'Trash', 'Gil Trash', 'gil trash'),"
  " (17, 1, 1, 0, 'Hal', 'Gone', 'Hal Gone', 'hal gone'),"
  " (18, 1, 1, 0, 'Ivy', 'New', 'Ivy New', 'ivy new'),"
  " (19, 1, 1, 0, 'Jo', 'Elsewhere', 'Jo Elsewhere', 'jo elsewhere');"
  "INSERT INTO affiliation (id, created, updated, deleted, person_id, organization_id, title, department,"
  " stakeholder_role, influence, attitude, notes) VALUES"
  " (20, 1, 1, 0, 10, 1, 'CEO', 'Board', 'economic-buyer', 'high', 'neutral', 'signs'),"
  " (21, 1, 1, 0, 11, 1, 'CTO', 'IT', 'decision-maker', 'high', 'supporter', ''),"
  " (22, 1, 1, 0, 12, 1, 'Architect', 'IT', 'technical-evaluator', 'medium', 'opponent', ''),"
  " (23, 1, 1, 0, 13, 1, 'Engineer', 'IT', 'user', 'low', 'neutral', ''),"
  " (24, 1, 1, 0, 14, 1, 'CFO', 'Finance', '', 'medium', 'neutral', ''),"
  " (25, 1, 1, 0, 15, 1, '采购经理', 'Purchasing', 'gatekeeper', 'medium', 'neutral', ''),"
  " (26, 1, 1, 0, 16, 1, 'Trashed', 'IT', '', 'medium', 'neutral', ''),"
  " (27, 1, 1, 1, 17, 1, 'Left', 'IT', '', 'medium', 'neutral', ''),"
  " (28, 1, 1, 0, 18, 1, 'Intern', 'IT', '', 'medium', 'neutral', ''),"
  " (29, 1, 1, 0, 19, 2, 'Other', '', '', 'medium', 'neutral', '');"
  "INSERT INTO reporting_line (id, created, updated, deleted, organization_id, person_id, manager_id) VALUES"
  " (30, 1, 1, 0, 1, 11, 10), (31, 1, 1, 0, 1, 12, 11), (32, 1, 1, 0, 1, 13, 11),"
  " (33, 1, 1, 0, 1, 12, 14), (34, 1, 1, 1, 1, 15, 10), (35, 1, 1, 0, 1, 16, 11);"
  "INSERT INTO influence_link (id, created, updated, deleted, organization_id, from_person_id,"
  " to_person_id, strength) VALUES (40, 1, 1, 0, 1, 12, 10, 'high'), (41, 1, 1, 0, 1, 10, 12, 'low'),"
  " (42, 1, 1, 1, 1, 13, 10, 'low');"
  "INSERT INTO map_position (id, created, updated, deleted, scope_kind, scope_id, person_id, x, y) VALUES"
  " (50, 1, 1, 0, 'organization', 1, 13, 120.5, -40), (51, 1, 1, 1, 'organization', 1, 14, 1, 1),"
  " (52, 1, 1, 0, 'deal', 100, 11, 5, 6);"
  "INSERT INTO deal (id, created, updated, name, pipeline_id, stage_id, organization_id) VALUES"
  " (100, 1, 1, 'Acme rollout', 1, 2, 1), (101, 1, 1, 'Gift', 1, 2, NULL);"
  "INSERT INTO deal_stakeholder (id, created, updated, deleted, deal_id, person_id, role, influence,"
  " attitude, notes) VALUES (60, 1, 1, 0, 100, 11, 'champion', 'high', 'supporter', 'ally'),"
  " (61, 1, 1, 0, 100, 12, 'blocker', 'medium', 'opponent', ''),"
  " (62, 1, 1, 1, 100, 13, 'user', 'low', 'neutral', '');"
  "INSERT INTO activity (id, created, updated, kind, subject_kind, subject_id, occurred) VALUES"
  " (70, 1, 1, 'call', 'person', 11, 1700000000), (71, 1, 1, 'meeting', 'person', 11, 1700500000),"
  " (72, 1, 1, 'task', 'person', 12, 0);";

static void
exec_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GError *error = NULL;

  if (!_crm_store_worker_begin (worker, &error)
      || !_crm_store_worker_exec (worker, data, &error)
      || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
exec_sql (CrmStore   *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  _crm_store_run_sync (store, exec_job, (gpointer) sql, NULL, &error);
  g_assert_no_error (error);
}

typedef struct
{
  const char *sql;
  GString    *out;
} DumpData;

static void
dump_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  DumpData *d = data;
  GError *error = NULL;
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, d->sql, &error);

  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (d->out, "%s|", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (d->out, '\n');
    }
  sqlite3_reset (stmt);
  g_task_return_boolean (task, TRUE);
}

/* The rows of @sql as text, one line each. */
static char *
dump (CrmStore   *store,
      const char *sql)
{
  g_autoptr(GError) error = NULL;
  DumpData d = { sql, g_string_new (NULL) };

  _crm_store_run_sync (store, dump_job, &d, NULL, &error);
  g_assert_no_error (error);
  return g_string_free (d.out, FALSE);
}

/* Every row of the tables a map writes. */
static char *
dump_map_tables (CrmStore *store)
{
  static const char *const tables[] = {
    "person", "affiliation", "reporting_line", "influence_link", "map_position", "deal_stakeholder",
  };
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", tables[i]);
      g_autofree char *rows = dump (store, sql);

      g_string_append (all, rows);
    }
  return g_string_free (all, FALSE);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = crm_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "map.db", NULL);
  f->store = crm_store_open_sync (f->path, &error);
  g_assert_no_error (error);
  exec_sql (f->store, fixture_sql);
  drain ();
}

static void
close_store (CrmStore **store)
{
  crm_store_close (*store);
  drain ();
  g_clear_object (store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_store (&f->store);
  g_free (f->path);
  g_free (f->dir);
}

static CrmStakeholderMap *
load_map (CrmStore    *store,
          CrmMapScope  scope,
          gint64       id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CrmStakeholderMap *map;

  crm_stakeholder_map_load_async (store, scope, id, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  map = crm_stakeholder_map_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (map);
  return map;
}

static const CrmMapNode *
node_of (CrmStakeholderMap *map,
         gint64             person_id)
{
  int index = crm_stakeholder_map_find_node (map, person_id);

  g_assert_cmpint (index, >=, 0);
  return crm_stakeholder_map_get_node (map, index);
}

static gboolean
has_edge (CrmStakeholderMap *map,
          CrmMapEdgeKind     kind,
          gint64             from,
          gint64             to)
{
  for (guint i = 0; i < crm_stakeholder_map_get_n_edges (map); i++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (map, i);

      if (edge->kind == kind && edge->from == from && edge->to == to)
        return TRUE;
    }
  return FALSE;
}

/* Runs an edit and returns its error (NULL on success). */
typedef void (*EditFunc) (CrmStakeholderMap *map, GAsyncReadyCallback cb, gpointer data);

static GError *
finish_edit (CrmStakeholderMap  *map,
             GAsyncResult      **result)
{
  GError *error = NULL;

  crm_test_await (result);
  crm_stakeholder_map_edit_finish (map, *result, &error);
  g_clear_object (result);
  return error;
}

#define EDIT(map, call) \
  ({ g_autoptr(GAsyncResult) _r = NULL; \
     call; \
     finish_edit ((map), &_r); })
#define CB crm_test_store_result, &_r

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A description of the whole map, to compare two loads. */
static char *
describe_map (CrmStakeholderMap *map)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) edges = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (out, "%s org=%" G_GINT64_FORMAT "\n", crm_stakeholder_map_get_title (map),
                          crm_stakeholder_map_get_organization_id (map));
  for (guint i = 0; i < crm_stakeholder_map_get_n_nodes (map); i++)
    {
      const CrmMapNode *n = crm_stakeholder_map_get_node (map, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT " %s|%s|%s|%s|%s|%s|%s|%s|%" G_GINT64_FORMAT
                              "|%d|%g|%g\n", n->person_id, n->name, n->title, n->department,
                              n->initials, n->role, n->influence, n->attitude, n->notes,
                              n->last_contact, n->placed, n->placed ? n->x : 0, n->placed ? n->y : 0);
    }
  for (guint i = 0; i < crm_stakeholder_map_get_n_edges (map); i++)
    {
      const CrmMapEdge *e = crm_stakeholder_map_get_edge (map, i);

      g_ptr_array_add (edges, g_strdup_printf ("%d %" G_GINT64_FORMAT "→%" G_GINT64_FORMAT " %s",
                                               e->kind, e->from, e->to, e->strength ? e->strength : "-"));
    }
  g_ptr_array_sort (edges, compare_strings);
  for (guint i = 0; i < edges->len; i++)
    g_string_append_printf (out, "%s\n", (char *) edges->pdata[i]);
  return g_string_free (out, FALSE);
}

/* Reads the map again through a new store on the same file. */
static char *
describe_reloaded (Fixture     *f,
                   CrmMapScope  scope,
                   gint64       id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmStakeholderMap) map = NULL;
  char *text;

  close_store (&f->store);
  store = crm_store_open_sync (f->path, &error);
  g_assert_no_error (error);
  map = load_map (store, scope, id);
  text = describe_map (map);
  g_clear_object (&map);
  f->store = g_steal_pointer (&store);
  return text;
}

static void
on_changed_cb (CrmStakeholderMap *map,
               guint              what,
               GArray            *flags)
{
  g_array_append_val (flags, what);
}

/* --- loading --- */

static void
test_load_organization (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CrmStakeholderMap) map = load_map (f->store, CRM_MAP_SCOPE_ORGANIZATION, 1);
  const CrmMapNode *n;
  const char *order[] = { "Ada Byron", "Erin Fox", "Bob Stone", "Cleo Diaz", "Dan Eto", "Ivy New", "王芳" };

  g_assert_cmpstr (crm_stakeholder_map_get_title (map), ==, "Acme");
  g_assert_cmpint (crm_stakeholder_map_get_organization_id (map), ==, 1);
  g_assert_true (crm_stakeholder_map_get_store (map) == f->store);

  /* The trashed person and the ended affiliation are not on it; the order is
   * department (Board, Finance, IT, Purchasing), then name. */
  g_assert_cmpuint (crm_stakeholder_map_get_n_nodes (map), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (crm_stakeholder_map_get_node (map, i)->name, ==, order[i]);

  n = node_of (map, 10);
  g_assert_cmpstr (n->title, ==, "CEO");
  g_assert_cmpstr (n->department, ==, "Board");
  g_assert_cmpstr (n->initials, ==, "AB");
  g_assert_cmpstr (n->role, ==, "economic-buyer");
  g_assert_cmpstr (n->influence, ==, "high");
  g_assert_cmpstr (n->attitude, ==, "neutral");
  g_assert_cmpstr (n->notes, ==, "signs");
  g_assert_cmpint (n->last_contact, ==, 0);
  g_assert_false (n->placed);

  /* The last logged contact; an open task is no contact. */
  g_assert_cmpint (node_of (map, 11)->last_contact, ==, 1700500000);
  g_assert_cmpint (node_of (map, 12)->last_contact, ==, 0);
  /* No display name: made of the parts. */
  g_assert_cmpstr (node_of (map, 12)->initials, ==, "CD");
  g_assert_cmpstr (node_of (map, 15)->initials, ==, "王");

  n = node_of (map, 13);
  g_assert_true (n->placed);
  g_assert_cmpfloat (n->x, ==, 120.5);
  g_assert_cmpfloat (n->y, ==, -40);
  g_assert_false (node_of (map, 14)->placed);

  /* Live lines and links between people on the map only. */
  g_assert_cmpuint (crm_stakeholder_map_get_n_edges (map), ==, 6);
  g_assert_true (has_edge (map, CRM_MAP_EDGE_REPORTS_TO, 11, 10));
  g_assert_true (has_edge (map, CRM_MAP_EDGE_REPORTS_TO, 12, 11));
  g_assert_true (has_edge (map, CRM_MAP_EDGE_REPORTS_TO, 13, 11));
  g_assert_true (has_edge (map, CRM_MAP_EDGE_REPORTS_TO, 12, 14));
  g_assert_true (has_edge (map, CRM_MAP_EDGE_INFLUENCES, 12, 10));
  g_assert_true (has_edge (map, CRM_MAP_EDGE_INFLUENCES, 10, 12));
  for (guint i = 0; i < crm_stakeholder_map_get_n_edges (map); i++)
    {
      const CrmMapEdge *e = crm_stakeholder_map_get_edge (map, i);

      g_assert_cmpint (e->id, >, 0);
      if (e->kind == CRM_MAP_EDGE_INFLUENCES && e->from == 12)
        g_assert_cmpstr (e->strength, ==, "high");
      if (e->kind == CRM_MAP_EDGE_REPORTS_TO)
        g_assert_null (e->strength);
    }

  {
    g_autoptr(GArray) managers = crm_stakeholder_map_dup_managers (map, 12);

    g_assert_cmpuint (managers->len, ==, 2);
    g_assert_cmpint (g_array_index (managers, gint64, 0), ==, 11);
    g_assert_cmpint (g_array_index (managers, gint64, 1), ==, 14);
  }
}

static void
test_load_deal (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CrmStakeholderMap) map = load_map (f->store, CRM_MAP_SCOPE_DEAL, 100);
  g_autoptr(CrmStakeholderMap) b2c = NULL;
  const CrmMapNode *n;

  g_assert_cmpstr (crm_stakeholder_map_get_title (map), ==, "Acme rollout");
  g_assert_cmpint (crm_stakeholder_map_get_scope (map), ==, CRM_MAP_SCOPE_DEAL);
  g_assert_cmpint (crm_stakeholder_map_get_scope_id (map), ==, 100);
  g_assert_cmpint (crm_stakeholder_map_get_organization_id (map), ==, 1);
  g_assert_cmpuint (crm_stakeholder_map_get_n_nodes (map), ==, 2);

  /* The deal's role; the title at the deal's organization. */
  n = node_of (map, 11);
  g_assert_cmpstr (n->role, ==, "champion");
  g_assert_cmpstr (n->notes, ==, "ally");
  g_assert_cmpstr (n->title, ==, "CTO");
  g_assert_cmpstr (n->department, ==, "IT");
  g_assert_true (n->placed);
  g_assert_cmpfloat (n->x, ==, 5);
  n = node_of (map, 12);
  g_assert_cmpstr (n->role, ==, "blocker");
  g_assert_cmpstr (n->attitude, ==, "opponent");
  g_assert_false (n->placed);

  g_assert_cmpuint (crm_stakeholder_map_get_n_edges (map), ==, 1);
  g_assert_true (has_edge (map, CRM_MAP_EDGE_REPORTS_TO, 12, 11));

  b2c = load_map (f->store, CRM_MAP_SCOPE_DEAL, 101);
  g_assert_cmpint (crm_stakeholder_map_get_organization_id (b2c), ==, 0);
  g_assert_cmpuint (crm_stakeholder_map_get_n_nodes (b2c), ==, 0);
}

static void
test_load_missing (Fixture       *f,
                   gconstpointer  data)
{
  const CrmMapScope scopes[] = { CRM_MAP_SCOPE_ORGANIZATION, CRM_MAP_SCOPE_DEAL };

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmStakeholderMap) map = NULL;

      crm_stakeholder_map_load_async (f->store, scopes[i], 4242, NULL, crm_test_store_result, &result);
      crm_test_await (&result);
      map = crm_stakeholder_map_load_finish (result, &error);
      g_assert_null (map);
      g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
    }
}

/* --- edits through the store --- */

static void
test_edits_persist (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmStakeholderMap) map = load_map (f->store, CRM_MAP_SCOPE_ORGANIZATION, 1);
  g_autoptr(GArray) flags = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reloaded = NULL;
  GError *error;
  gint64 created_id;

  g_signal_connect (map, "changed", G_CALLBACK (on_changed_cb), flags);

  error = EDIT (map, crm_stakeholder_map_set_attribute_async (map, 14, "role", "decision-maker", NULL, CB));
  g_assert_no_error (error);
  g_assert_cmpstr (node_of (map, 14)->role, ==, "decision-maker");
  g_assert_cmpuint (flags->len, ==, 1);
  g_assert_cmpuint (g_array_index (flags, guint, 0), ==, CRM_MAP_CHANGE_ATTRIBUTES);
  g_assert_no_error (EDIT (map, crm_stakeholder_map_set_attribute_async (map, 14, "attitude", "opponent",
                                                                         NULL, CB)));
  g_assert_no_error (EDIT (map, crm_stakeholder_map_set_attribute_async (map, 14, "influence", "high",
                                                                         NULL, CB)));
  g_assert_no_error (EDIT (map, crm_stakeholder_map_set_attribute_async (map, 14, "notes", "Budget owner",
                                                                         NULL, CB)));
  g_assert_no_error (EDIT (map, crm_stakeholder_map_set_attribute_async (map, 10, "role", "", NULL, CB)));

  /* A second manager, across departments; then one line less. */
  g_array_set_size (flags, 0);
  g_assert_no_error (EDIT (map, crm_stakeholder_map_add_manager_async (map, 13, 14, NULL, CB)));
  g_assert_cmpuint (flags->len, ==, 1);
  g_assert_cmpuint (g_array_index (flags, guint, 0), ==, CRM_MAP_CHANGE_STRUCTURE);
  g_assert_true (has_edge (map, CRM_MAP_EDGE_REPORTS_TO, 13, 14));
  for (guint i = 0; i < crm_stakeholder_map_get_n_edges (map); i++)
    g_assert_cmpint (crm_stakeholder_map_get_edge (map, i)->id, >, 0);
  g_assert_no_error (EDIT (map, crm_stakeholder_map_remove_manager_async (map, 12, 11, NULL, CB)));
  g_assert_false (has_edge (map, CRM_MAP_EDGE_REPORTS_TO, 12, 11));
  /* A line removed and added again revives its row. */
  g_assert_no_error (EDIT (map, crm_stakeholder_map_add_manager_async (map, 15, 10, NULL, CB)));

  g_assert_no_error (EDIT (map, crm_stakeholder_map_add_influence_async (map, 15, 11, "low", NULL, CB)));
  g_assert_no_error (EDIT (map, crm_stakeholder_map_remove_influence_async (map, 10, 12, NULL, CB)));

  g_array_set_size (flags, 0);
  g_assert_no_error (EDIT (map, crm_stakeholder_map_place_async (map, 10, 300, 25.25, NULL, CB)));
  g_assert_no_error (EDIT (map, crm_stakeholder_map_place_async (map, 13, -1, 2, NULL, CB)));
  g_assert_cmpuint (flags->len, ==, 2);
  g_assert_cmpuint (g_array_index (flags, guint, 1), ==, CRM_MAP_CHANGE_POSITIONS);

  /* Someone of another organization joins; someone new is created. */
  g_array_set_size (flags, 0);
  g_assert_no_error (EDIT (map, crm_stakeholder_map_add_person_async (map, 19, NULL, CB)));
  g_assert_cmpstr (node_of (map, 19)->name, ==, "Jo Elsewhere");
  g_assert_no_error (EDIT (map, crm_stakeholder_map_create_person_async (map, " 欧阳娜娜 ", "顾问", NULL, CB)));
  g_assert_cmpuint (flags->len, ==, 2);
  g_assert_cmpuint (g_array_index (flags, guint, 1), ==, CRM_MAP_CHANGE_STRUCTURE);
  g_assert_cmpuint (crm_stakeholder_map_get_n_nodes (map), ==, 9);
  created_id = 0;
  for (guint i = 0; i < crm_stakeholder_map_get_n_nodes (map); i++)
    if (g_str_equal (crm_stakeholder_map_get_node (map, i)->name, "欧阳娜娜"))
      created_id = crm_stakeholder_map_get_node (map, i)->person_id;
  g_assert_cmpint (created_id, >, 0);
  g_assert_cmpstr (node_of (map, created_id)->title, ==, "顾问");
  g_assert_cmpstr (node_of (map, created_id)->initials, ==, "欧");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT given_name, family_name, sort_key FROM person "
                                            "WHERE id = %" G_GINT64_FORMAT, created_id);
    g_autofree char *row = dump (f->store, sql);
    g_autofree char *key = _crm_search_sort_key ("欧阳娜娜");
    g_autofree char *expected = g_strdup_printf ("娜娜|欧阳|%s|\n", key);

    /* The store's own sort key: by pinyin. */
    g_assert_cmpstr (row, ==, expected);
  }

  /* Let the reloads that the map's own edits caused pass. */
  drain ();
  before = describe_map (map);
  g_assert_no_error (EDIT (map, crm_stakeholder_map_clear_places_async (map, NULL, CB)));
  g_assert_false (node_of (map, 10)->placed);
  g_assert_false (node_of (map, 13)->placed);
  after = describe_map (map);
  g_assert_cmpstr (before, !=, after);

  reloaded = describe_reloaded (f, CRM_MAP_SCOPE_ORGANIZATION, 1);
  g_assert_cmpstr (reloaded, ==, after);
  g_assert_true (strstr (after, "14 Erin Fox|CFO|Finance|EF|decision-maker|high|opponent|Budget owner|") != NULL);
}

static void
test_edits_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmStakeholderMap) map = load_map (f->store, CRM_MAP_SCOPE_ORGANIZATION, 1);
  g_autoptr(GArray) flags = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *before = dump_map_tables (f->store);
  g_autofree char *map_before = describe_map (map);
  g_autofree char *after = NULL;
  g_autofree char *map_after = NULL;
  GError *error;

  g_signal_connect (map, "changed", G_CALLBACK (on_changed_cb), flags);

#define ASSERT_REFUSED(call, code) \
  error = EDIT (map, call); \
  g_assert_error (error, CRM_STAKEHOLDER_MAP_ERROR, code); \
  g_clear_error (&error)

  ASSERT_REFUSED (crm_stakeholder_map_add_manager_async (map, 11, 11, NULL, CB), CRM_STAKEHOLDER_MAP_ERROR_SELF);
  ASSERT_REFUSED (crm_stakeholder_map_add_influence_async (map, 11, 11, NULL, NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_SELF);
  /* Ada is above Cleo through Bob: Cleo cannot become Ada's manager. */
  ASSERT_REFUSED (crm_stakeholder_map_add_manager_async (map, 10, 12, NULL, CB), CRM_STAKEHOLDER_MAP_ERROR_CYCLE);
  ASSERT_REFUSED (crm_stakeholder_map_add_manager_async (map, 11, 13, NULL, CB), CRM_STAKEHOLDER_MAP_ERROR_CYCLE);
  ASSERT_REFUSED (crm_stakeholder_map_add_manager_async (map, 12, 14, NULL, CB), CRM_STAKEHOLDER_MAP_ERROR_EXISTS);
  ASSERT_REFUSED (crm_stakeholder_map_add_influence_async (map, 12, 10, "low", NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_EXISTS);
  ASSERT_REFUSED (crm_stakeholder_map_add_person_async (map, 11, NULL, CB), CRM_STAKEHOLDER_MAP_ERROR_EXISTS);
  ASSERT_REFUSED (crm_stakeholder_map_add_manager_async (map, 17, 10, NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND);
  ASSERT_REFUSED (crm_stakeholder_map_remove_manager_async (map, 13, 14, NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND);
  ASSERT_REFUSED (crm_stakeholder_map_remove_influence_async (map, 13, 10, NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND);
  ASSERT_REFUSED (crm_stakeholder_map_set_attribute_async (map, 4242, "role", "user", NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND);
  ASSERT_REFUSED (crm_stakeholder_map_place_async (map, 4242, 1, 1, NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND);
  ASSERT_REFUSED (crm_stakeholder_map_set_attribute_async (map, 10, "salary", "high", NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_INVALID);
  ASSERT_REFUSED (crm_stakeholder_map_set_attribute_async (map, 10, "role", "Decision Maker", NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_INVALID);
  ASSERT_REFUSED (crm_stakeholder_map_set_attribute_async (map, 10, "influence", "", NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_INVALID);
  ASSERT_REFUSED (crm_stakeholder_map_set_attribute_async (map, 10, "attitude", "hostile", NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_INVALID);
  ASSERT_REFUSED (crm_stakeholder_map_add_influence_async (map, 10, 11, "huge", NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_INVALID);
  ASSERT_REFUSED (crm_stakeholder_map_create_person_async (map, "  ", "CTO", NULL, CB),
                  CRM_STAKEHOLDER_MAP_ERROR_INVALID);
  ASSERT_REFUSED (crm_stakeholder_map_remove_person_async (map, 10, NULL, CB), CRM_STAKEHOLDER_MAP_ERROR_INVALID);
  /* In the trash: not a person to add. */
  ASSERT_REFUSED (crm_stakeholder_map_add_person_async (map, 16, NULL, CB), CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND);
#undef ASSERT_REFUSED

  drain ();
  after = dump_map_tables (f->store);
  map_after = describe_map (map);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (map_before, ==, map_after);
  /* Refused before anything changed: no signal. */
  g_assert_cmpuint (flags->len, ==, 0);
}

static void
test_edit_reverted (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmStakeholderMap) map = load_map (f->store, CRM_MAP_SCOPE_ORGANIZATION, 1);
  g_autoptr(GArray) flags = g_array_new (FALSE, FALSE, sizeof (guint));
  GError *error;

  g_signal_connect (map, "changed", G_CALLBACK (on_changed_cb), flags);

  /* Erin's affiliation ends behind the map's back: saving her role fails,
   * and the map shows the old role again. */
  exec_sql (f->store, "UPDATE affiliation SET deleted = 1 WHERE id = 24");
  error = EDIT (map, crm_stakeholder_map_set_attribute_async (map, 14, "role", "champion", NULL, CB));
  g_assert_error (error, CRM_STAKEHOLDER_MAP_ERROR, CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (flags->len, >=, 2);
  g_assert_cmpuint (g_array_index (flags, guint, 0), ==, CRM_MAP_CHANGE_ATTRIBUTES);
  g_assert_cmpuint (g_array_index (flags, guint, 1), ==, CRM_MAP_CHANGE_ATTRIBUTES);
  if (crm_stakeholder_map_find_node (map, 14) >= 0)
    g_assert_cmpstr (node_of (map, 14)->role, ==, "");

  /* Then the reload for the change made elsewhere takes her off. */
  while (crm_stakeholder_map_find_node (map, 14) >= 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_array_index (flags, guint, flags->len - 1), ==,
                    CRM_MAP_CHANGE_STRUCTURE | CRM_MAP_CHANGE_ATTRIBUTES | CRM_MAP_CHANGE_POSITIONS);
  g_assert_false (has_edge (map, CRM_MAP_EDGE_REPORTS_TO, 12, 14));
}

static void
test_reload_external (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CrmStakeholderMap) map = load_map (f->store, CRM_MAP_SCOPE_ORGANIZATION, 1);
  g_autoptr(GArray) flags = g_array_new (FALSE, FALSE, sizeof (guint));

  g_signal_connect (map, "changed", G_CALLBACK (on_changed_cb), flags);

  /* The map's own edit: one signal, and its reload finds nothing new. */
  g_assert_no_error (EDIT (map, crm_stakeholder_map_set_attribute_async (map, 13, "role", "champion", NULL, CB)));
  g_assert_cmpuint (flags->len, ==, 1);

  /* Someone else adds a line: the map reloads once and shows it. */
  exec_sql (f->store, "INSERT INTO reporting_line (id, created, updated, organization_id, person_id, manager_id)"
                      " VALUES (36, 2, 2, 1, 15, 14)");
  while (!has_edge (map, CRM_MAP_EDGE_REPORTS_TO, 15, 14))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (flags->len, ==, 2);
  g_assert_cmpuint (g_array_index (flags, guint, 1), ==,
                    CRM_MAP_CHANGE_STRUCTURE | CRM_MAP_CHANGE_ATTRIBUTES | CRM_MAP_CHANGE_POSITIONS);
  g_assert_cmpstr (node_of (map, 13)->role, ==, "champion");

  /* A call logged with Dan elsewhere: his last contact follows. */
  exec_sql (f->store, "INSERT INTO activity (id, created, updated, kind, subject_kind, subject_id, occurred)"
                      " VALUES (73, 3, 3, 'call', 'person', 13, 1750000000)");
  while (node_of (map, 13)->last_contact != 1750000000)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (flags->len, ==, 3);
}

static void
test_deal_edits (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CrmStakeholderMap) map = load_map (f->store, CRM_MAP_SCOPE_DEAL, 100);
  g_autoptr(CrmStakeholderMap) b2c = load_map (f->store, CRM_MAP_SCOPE_DEAL, 101);
  g_autofree char *after = NULL;
  g_autofree char *reloaded = NULL;
  g_autofree char *rows = NULL;
  GError *error;

  g_assert_no_error (EDIT (map, crm_stakeholder_map_set_attribute_async (map, 12, "role", "influencer", NULL, CB)));
  /* Saved on the deal, not on the affiliation. */
  rows = dump (f->store, "SELECT role FROM deal_stakeholder WHERE id = 61 "
                         "UNION ALL SELECT stakeholder_role FROM affiliation WHERE id = 22");
  g_assert_cmpstr (rows, ==, "influencer|\ntechnical-evaluator|\n");
  g_clear_pointer (&rows, g_free);

  /* Dan was a stakeholder once: his row comes back.  Jo works elsewhere:
   * he is affiliated with Acme as well. */
  g_assert_no_error (EDIT (map, crm_stakeholder_map_add_person_async (map, 13, NULL, CB)));
  g_assert_cmpstr (node_of (map, 13)->title, ==, "Engineer");
  g_assert_true (has_edge (map, CRM_MAP_EDGE_REPORTS_TO, 13, 11));
  g_assert_no_error (EDIT (map, crm_stakeholder_map_add_person_async (map, 19, NULL, CB)));
  rows = dump (f->store, "SELECT count(*) FROM affiliation WHERE person_id = 19 AND organization_id = 1 "
                         "AND deleted = 0");
  g_assert_cmpstr (rows, ==, "1|\n");
  g_clear_pointer (&rows, g_free);

  g_assert_no_error (EDIT (map, crm_stakeholder_map_create_person_async (map, "Kim Lee", "Buyer", NULL, CB)));
  g_assert_no_error (EDIT (map, crm_stakeholder_map_add_manager_async (map, 19, 11, NULL, CB)));
  g_assert_no_error (EDIT (map, crm_stakeholder_map_place_async (map, 12, 7, 8, NULL, CB)));
  g_assert_no_error (EDIT (map, crm_stakeholder_map_remove_person_async (map, 11, NULL, CB)));
  g_assert_cmpint (crm_stakeholder_map_find_node (map, 11), <, 0);
  /* Lines to a person off the map are not drawn. */
  g_assert_false (has_edge (map, CRM_MAP_EDGE_REPORTS_TO, 13, 11));
  error = EDIT (map, crm_stakeholder_map_remove_person_async (map, 11, NULL, CB));
  g_assert_error (error, CRM_STAKEHOLDER_MAP_ERROR, CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A deal without organization has no lines to hold. */
  g_assert_no_error (EDIT (b2c, crm_stakeholder_map_add_person_async (b2c, 10, NULL, CB)));
  g_assert_no_error (EDIT (b2c, crm_stakeholder_map_add_person_async (b2c, 11, NULL, CB)));
  error = EDIT (b2c, crm_stakeholder_map_add_manager_async (b2c, 11, 10, NULL, CB));
  g_assert_error (error, CRM_STAKEHOLDER_MAP_ERROR, CRM_STAKEHOLDER_MAP_ERROR_INVALID);
  g_clear_error (&error);

  drain ();
  after = describe_map (map);
  g_clear_object (&map);
  g_clear_object (&b2c);
  reloaded = describe_reloaded (f, CRM_MAP_SCOPE_DEAL, 100);
  g_assert_cmpstr (reloaded, ==, after);
  g_assert_true (strstr (after, "Kim Lee|Buyer|") != NULL);
}

static void
test_candidates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CrmStakeholderMap) map = load_map (f->store, CRM_MAP_SCOPE_DEAL, 100);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = NULL;
  const char *expected[] = { "Ada Byron", "Dan Eto", "Erin Fox" };

  crm_stakeholder_map_list_candidates_async (map, 3, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  people = crm_stakeholder_map_list_candidates_finish (map, result, &error);
  g_assert_no_error (error);
  /* Acme's people by name, without Bob and Cleo (on the map), the trashed,
   * the departed and at most three. */
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CrmPerson) person = g_list_model_get_item (people, i);

      g_assert_cmpstr (crm_person_get_display_name (person), ==, expected[i]);
    }
  g_clear_object (&result);
  g_clear_object (&people);

  crm_stakeholder_map_list_candidates_async (map, 100, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  people = crm_stakeholder_map_list_candidates_finish (map, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 5);
}

/* --- plain maps --- */

static void
add_plain (CrmStakeholderMap *map,
           gint64             id,
           const char        *name,
           const char        *department)
{
  CrmMapNode node = { .person_id = id, .name = (char *) name, .department = (char *) department };

  crm_stakeholder_map_add_node (map, &node);
}

static void
test_plain (void)
{
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_new (CRM_MAP_SCOPE_DEAL, 7, "Plain");
  g_autoptr(GArray) flags = g_array_new (FALSE, FALSE, sizeof (guint));
  CrmMapEdge line = { CRM_MAP_EDGE_REPORTS_TO, 0, 2, 1, NULL };
  GError *error;

  add_plain (map, 1, "Boss", "A");
  add_plain (map, 2, "Mid", "A");
  add_plain (map, 3, "Low", "B");
  crm_stakeholder_map_add_edge (map, &line);
  g_signal_connect (map, "changed", G_CALLBACK (on_changed_cb), flags);
  g_assert_null (crm_stakeholder_map_get_store (map));
  g_assert_cmpint (crm_stakeholder_map_get_organization_id (map), ==, 0);
  g_assert_cmpstr (node_of (map, 1)->influence, ==, "medium");
  g_assert_cmpstr (node_of (map, 1)->attitude, ==, "neutral");

  g_assert_no_error (EDIT (map, crm_stakeholder_map_add_manager_async (map, 3, 2, NULL, CB)));
  error = EDIT (map, crm_stakeholder_map_add_manager_async (map, 1, 3, NULL, CB));
  g_assert_error (error, CRM_STAKEHOLDER_MAP_ERROR, CRM_STAKEHOLDER_MAP_ERROR_CYCLE);
  g_clear_error (&error);
  g_assert_no_error (EDIT (map, crm_stakeholder_map_add_influence_async (map, 3, 1, NULL, NULL, CB)));
  g_assert_cmpstr (crm_stakeholder_map_get_edge (map, 2)->strength, ==, "medium");
  /* Influence may go round in circles. */
  g_assert_no_error (EDIT (map, crm_stakeholder_map_add_influence_async (map, 1, 3, "high", NULL, CB)));
  g_assert_no_error (EDIT (map, crm_stakeholder_map_set_attribute_async (map, 2, "attitude", "supporter",
                                                                         NULL, CB)));
  g_assert_no_error (EDIT (map, crm_stakeholder_map_place_async (map, 2, 10, 20, NULL, CB)));
  g_assert_true (node_of (map, 2)->placed);
  g_assert_no_error (EDIT (map, crm_stakeholder_map_create_person_async (map, "Ada Byron", "CEO", NULL, CB)));
  g_assert_cmpstr (node_of (map, 4)->initials, ==, "AB");
  g_assert_cmpstr (node_of (map, 4)->title, ==, "CEO");
  g_assert_no_error (EDIT (map, crm_stakeholder_map_remove_person_async (map, 1, NULL, CB)));
  g_assert_cmpint (crm_stakeholder_map_find_node (map, 1), <, 0);
  /* The lines and links of the person removed went with them. */
  g_assert_cmpuint (crm_stakeholder_map_get_n_edges (map), ==, 1);
  g_assert_no_error (EDIT (map, crm_stakeholder_map_clear_places_async (map, NULL, CB)));
  g_assert_false (node_of (map, 2)->placed);

  {
    const guint expected[] = {
      CRM_MAP_CHANGE_STRUCTURE, CRM_MAP_CHANGE_STRUCTURE, CRM_MAP_CHANGE_STRUCTURE,
      CRM_MAP_CHANGE_ATTRIBUTES, CRM_MAP_CHANGE_POSITIONS, CRM_MAP_CHANGE_STRUCTURE,
      CRM_MAP_CHANGE_STRUCTURE, CRM_MAP_CHANGE_POSITIONS,
    };

    g_assert_cmpuint (flags->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpuint (g_array_index (flags, guint, i), ==, expected[i]);
  }
}

static void
test_describe (void)
{
  CrmMapNode node = {
    .person_id = 1, .name = "Wang Fang", .title = "Chief Technology Officer",
    .role = "decision-maker", .attitude = "supporter",
  };
  g_autofree char *full = crm_map_node_describe (&node);
  g_autofree char *bare = NULL;

  g_assert_cmpstr (full, ==, "Wang Fang, Chief Technology Officer, Decision Maker, Supporter");
  node.title = "";
  node.role = "";
  node.attitude = "opponent";
  bare = crm_map_node_describe (&node);
  g_assert_cmpstr (bare, ==, "Wang Fang, Opponent");
}

static void
test_names (void)
{
  const struct { const char *name, *given, *family, *initials; } cases[] = {
    { "Ada Byron", "Ada", "Byron", "AB" },
    { "Mary Ann  Evans", "Mary Ann", "Evans", "ME" },
    { "Cher", "Cher", "", "C" },
    { "王芳", "芳", "王", "王" },
    { "欧阳娜娜", "娜娜", "欧阳", "欧" },
    { "élise durand", "élise", "durand", "ÉD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *given = NULL;
      g_autofree char *family = NULL;
      g_autofree char *initials = NULL;

      _crm_map_split_name (cases[i].name, &given, &family);
      g_assert_cmpstr (given, ==, cases[i].given);
      g_assert_cmpstr (family, ==, cases[i].family);
      initials = _crm_map_initials (given, family, cases[i].name);
      g_assert_cmpstr (initials, ==, cases[i].initials);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/stakeholder-map/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("load/organization", test_load_organization);
  ADD ("load/deal", test_load_deal);
  ADD ("load/missing", test_load_missing);
  ADD ("edits/persist", test_edits_persist);
  ADD ("edits/refused", test_edits_refused);
  ADD ("edits/reverted", test_edit_reverted);
  ADD ("edits/deal", test_deal_edits);
  ADD ("reload/external", test_reload_external);
  ADD ("candidates", test_candidates);
#undef ADD
  g_test_add_func ("/stakeholder-map/plain", test_plain);
  g_test_add_func ("/stakeholder-map/describe", test_describe);
  g_test_add_func ("/stakeholder-map/names", test_names);

  return g_test_run ();
}

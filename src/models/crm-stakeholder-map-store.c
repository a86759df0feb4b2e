/* crm-stakeholder-map-store.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker side of the stakeholder map: one job reads a whole map (the
 * people through the organization's affiliations or the deal's stakeholder
 * rows, their lines and links, and the placements), and one job writes an
 * edit in one transaction.  Lines, links, stakeholder rows and placements are
 * soft-deleted (deleted = 1) like every other row, and revived when the same
 * line or placement comes back, since their tables keep them unique.
 */

#define G_LOG_DOMAIN "CrmStakeholderMap"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-search-fold.h"
#include "crm-stakeholder-map-private.h"

/* --- names --- */

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

static gboolean
contains_han (const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    if (is_han (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
append_upper_initial (GString    *out,
                      const char *word)
{
  while (*word && !g_unichar_isalnum (g_utf8_get_char (word)))
    word = g_utf8_next_char (word);
  if (*word)
    g_string_append_unichar (out, g_unichar_toupper (g_utf8_get_char (word)));
}

char *
_crm_map_initials (const char *given,
                   const char *family,
                   const char *display)
{
  GString *out = g_string_new (NULL);

  given = given ? given : "";
  family = family ? family : "";
  display = display ? display : "";

  /* A Chinese name shows one character, the family name's, as Chinese
   * address books do ("王" for 王芳). */
  if (contains_han (family) || contains_han (given) || (!*family && !*given && contains_han (display)))
    {
      const char *from = *family ? family : (*display ? display : given);

      g_string_append_unichar (out, g_utf8_get_char (from));
      return g_string_free (out, FALSE);
    }

  if (*given || *family)
    {
      if (*given)
        append_upper_initial (out, given);
      if (*family)
        append_upper_initial (out, family);
    }
  else
    {
      guint n = 0;
      g_autofree char *trimmed = g_strstrip (g_strdup (display));
      g_auto(GStrv) parts = g_strsplit_set (trimmed, " \t", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i])
          n = i + 1;
      if (n > 0)
        {
          guint first = 0;

          while (!*parts[first])
            first++;
          append_upper_initial (out, parts[first]);
          if (n - 1 > first)
            append_upper_initial (out, parts[n - 1]);
        }
    }
  return g_string_free (out, FALSE);
}

/* Two-character family names: the common ones, so that 欧阳娜娜 splits as
 * 欧阳 + 娜娜. */
static const char *const compound_family_names[] = {
  "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯",
  "尉迟", "公孙", "宇文", "长孙", "端木", "独孤", "南宫", "西门", "轩辕", "百里",
};

void
_crm_map_split_name (const char  *name,
                     char       **given,
                     char       **family)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  const char *space;

  if (contains_han (trimmed) && strchr (trimmed, ' ') == NULL)
    {
      gsize family_len = g_utf8_next_char (trimmed) - trimmed;

      for (guint i = 0; i < G_N_ELEMENTS (compound_family_names); i++)
        if (g_str_has_prefix (trimmed, compound_family_names[i]) &&
            strlen (trimmed) > strlen (compound_family_names[i]))
          family_len = strlen (compound_family_names[i]);
      *family = g_strndup (trimmed, family_len);
      *given = g_strdup (trimmed + family_len);
      return;
    }

  space = strrchr (trimmed, ' ');
  if (space == NULL)
    {
      *given = g_steal_pointer (&trimmed);
      *family = g_strdup ("");
      return;
    }
  *given = g_strstrip (g_strndup (trimmed, space - trimmed));
  *family = g_strdup (space + 1);
}

const char *
_crm_map_attribute_column (CrmMapScope  scope,
                           const char  *attribute)
{
  if (g_strcmp0 (attribute, "role") == 0)
    return scope == CRM_MAP_SCOPE_DEAL ? "role" : "stakeholder_role";
  if (g_strcmp0 (attribute, "influence") == 0)
    return "influence";
  if (g_strcmp0 (attribute, "attitude") == 0)
    return "attitude";
  if (g_strcmp0 (attribute, "notes") == 0)
    return "notes";
  return NULL;
}

/* --- plain data --- */

void
_crm_map_node_clear (gpointer data)
{
  CrmMapNode *node = data;

  g_clear_pointer (&node->name, g_free);
  g_clear_pointer (&node->title, g_free);
  g_clear_pointer (&node->department, g_free);
  g_clear_pointer (&node->initials, g_free);
  g_clear_pointer (&node->role, g_free);
  g_clear_pointer (&node->influence, g_free);
  g_clear_pointer (&node->attitude, g_free);
  g_clear_pointer (&node->notes, g_free);
}

void
_crm_map_edge_clear (gpointer data)
{
  CrmMapEdge *edge = data;

  g_clear_pointer (&edge->strength, g_free);
}

CrmMapLoad *
_crm_map_load_new (CrmMapScope scope,
                   gint64      scope_id)
{
  CrmMapLoad *load = g_new0 (CrmMapLoad, 1);

  load->scope = scope;
  load->scope_id = scope_id;
  load->title = g_strdup ("");
  load->nodes = g_array_new (FALSE, TRUE, sizeof (CrmMapNode));
  g_array_set_clear_func (load->nodes, _crm_map_node_clear);
  load->edges = g_array_new (FALSE, TRUE, sizeof (CrmMapEdge));
  g_array_set_clear_func (load->edges, _crm_map_edge_clear);
  return load;
}

void
_crm_map_load_free (gpointer data)
{
  CrmMapLoad *load = data;

  g_free (load->title);
  g_array_unref (load->nodes);
  g_array_unref (load->edges);
  g_free (load);
}

CrmMapEdit *
_crm_map_edit_new (CrmMapEditKind kind)
{
  CrmMapEdit *edit = g_new0 (CrmMapEdit, 1);

  edit->kind = kind;
  edit->edges = g_array_new (FALSE, TRUE, sizeof (CrmMapEdge));
  g_array_set_clear_func (edit->edges, _crm_map_edge_clear);
  return edit;
}

void
_crm_map_edit_free (gpointer data)
{
  CrmMapEdit *edit = data;

  g_free (edit->attribute);
  g_free (edit->value);
  g_free (edit->title);
  _crm_map_node_clear (&edit->node);
  g_array_unref (edit->edges);
  g_free (edit);
}

void
_crm_map_candidates_free (gpointer data)
{
  CrmMapCandidates *c = data;

  g_clear_pointer (&c->exclude, g_array_unref);
  g_clear_pointer (&c->ids, g_array_unref);
  g_free (c);
}

/* --- worker: reading --- */

static char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  return g_strdup (text ? text : "");
}

static gboolean
step_error (sqlite3_stmt  *stmt,
            int            rc,
            CrmStoreWorker *worker,
            GError        **error)
{
  _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "stakeholder map");
  sqlite3_reset (stmt);
  return FALSE;
}

/* The people of an organization: through its affiliations (a person with
 * two affiliations to it counts once: the primary, else the oldest). */
static const char org_nodes_sql[] =
  "SELECT p.id, p.display_name, p.given_name, p.family_name, a.title, a.department, "
  "       a.stakeholder_role, a.influence, a.attitude, a.notes, p.last_activity, "
  "       mp.id IS NOT NULL, coalesce (mp.x, 0), coalesce (mp.y, 0) "
  "  FROM affiliation a JOIN person p ON p.id = a.person_id AND p.deleted = 0 "
  "  LEFT JOIN map_position mp ON mp.scope_kind = 'organization' AND mp.scope_id = a.organization_id "
  "                           AND mp.person_id = a.person_id AND mp.deleted = 0 "
  " WHERE a.organization_id = ?1 AND a.deleted = 0 AND (?2 = 0 OR a.person_id = ?2) "
  " ORDER BY a.person_id, a.is_primary DESC, a.id";

/* The stakeholders of a deal, with their title at the deal's organization. */
static const char deal_nodes_sql[] =
  "SELECT p.id, p.display_name, p.given_name, p.family_name, coalesce (a.title, ''), "
  "       coalesce (a.department, ''), s.role, s.influence, s.attitude, s.notes, p.last_activity, "
  "       mp.id IS NOT NULL, coalesce (mp.x, 0), coalesce (mp.y, 0) "
  "  FROM deal_stakeholder s JOIN person p ON p.id = s.person_id AND p.deleted = 0 "
  "  LEFT JOIN affiliation a ON a.id = (SELECT a2.id FROM affiliation a2 "
  "                                      WHERE a2.person_id = s.person_id AND a2.organization_id = ?3 "
  "                                        AND a2.deleted = 0 "
  "                                      ORDER BY a2.is_primary DESC, a2.id LIMIT 1) "
  "  LEFT JOIN map_position mp ON mp.scope_kind = 'deal' AND mp.scope_id = s.deal_id "
  "                           AND mp.person_id = s.person_id AND mp.deleted = 0 "
  " WHERE s.deal_id = ?1 AND s.deleted = 0 AND (?2 = 0 OR s.person_id = ?2) "
  " ORDER BY s.person_id";

static void
read_node (sqlite3_stmt *stmt,
           CrmMapNode   *node)
{
  g_autofree char *given = column_text (stmt, 2);
  g_autofree char *family = column_text (stmt, 3);
  char *name = column_text (stmt, 1);

  memset (node, 0, sizeof *node);
  node->person_id = sqlite3_column_int64 (stmt, 0);
  if (*name == '\0')
    {
      g_free (name);
      if (contains_han (given) || contains_han (family))
        name = g_strconcat (family, given, NULL);
      else
        name = g_strstrip (g_strjoin (" ", given, family, NULL));
    }
  node->name = name;
  node->initials = _crm_map_initials (given, family, name);
  node->title = column_text (stmt, 4);
  node->department = column_text (stmt, 5);
  node->role = column_text (stmt, 6);
  node->influence = column_text (stmt, 7);
  node->attitude = column_text (stmt, 8);
  node->notes = column_text (stmt, 9);
  node->last_contact = sqlite3_column_int64 (stmt, 10);
  node->placed = sqlite3_column_int (stmt, 11) != 0;
  node->x = sqlite3_column_double (stmt, 12);
  node->y = sqlite3_column_double (stmt, 13);
}

/* Appends the map's nodes (only @person_id's when not 0) to @nodes. */
static gboolean
read_nodes (CrmStoreWorker  *worker,
            CrmMapScope      scope,
            gint64           scope_id,
            gint64           organization_id,
            gint64           person_id,
            GArray          *nodes,
            GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 last = 0;
  int rc;

  stmt = _crm_store_worker_prepare (worker, scope == CRM_MAP_SCOPE_DEAL ? deal_nodes_sql : org_nodes_sql,
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scope_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  if (scope == CRM_MAP_SCOPE_DEAL)
    sqlite3_bind_int64 (stmt, 3, organization_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmMapNode node;

      if (sqlite3_column_int64 (stmt, 0) == last)
        continue;
      last = sqlite3_column_int64 (stmt, 0);
      read_node (stmt, &node);
      g_array_append_val (nodes, node);
    }
  if (rc != SQLITE_DONE)
    return step_error (stmt, rc, worker, error);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
read_header (CrmStoreWorker  *worker,
             CrmMapLoad      *load,
             GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (load->scope == CRM_MAP_SCOPE_DEAL)
    stmt = _crm_store_worker_prepare (worker, "SELECT name, coalesce (organization_id, 0) FROM deal "
                                              "WHERE id = ? AND deleted = 0", error);
  else
    stmt = _crm_store_worker_prepare (worker, "SELECT name, id FROM organization "
                                              "WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, load->scope_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, load->scope_id);

      sqlite3_reset (stmt);
      /* TRANSLATORS: %s is a record's number */
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   load->scope == CRM_MAP_SCOPE_DEAL ? _("There is no deal with the ID %s.")
                                                     : _("There is no organization with the ID %s."),
                   id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return step_error (stmt, rc, worker, error);
  g_free (load->title);
  load->title = column_text (stmt, 0);
  load->organization_id = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Appends the organization's live lines and links to @edges: those between
 * people of @on_map, or (when @person_id is not 0) those of @person_id. */
static gboolean
read_edges (CrmStoreWorker  *worker,
            gint64           organization_id,
            gint64           person_id,
            GHashTable      *on_map,
            GArray          *edges,
            GError         **error)
{
  static const char *const sql[] = {
    "SELECT id, person_id, manager_id, NULL FROM reporting_line "
    " WHERE organization_id = ?1 AND deleted = 0 "
    "   AND (?2 = 0 OR person_id = ?2 OR manager_id = ?2) ORDER BY id",
    "SELECT id, from_person_id, to_person_id, strength FROM influence_link "
    " WHERE organization_id = ?1 AND deleted = 0 "
    "   AND (?2 = 0 OR from_person_id = ?2 OR to_person_id = ?2) ORDER BY id",
  };

  if (organization_id == 0)
    return TRUE;

  for (guint k = 0; k < G_N_ELEMENTS (sql); k++)
    {
      sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql[k], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, organization_id);
      sqlite3_bind_int64 (stmt, 2, person_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CrmMapEdge edge = { 0 };

          edge.kind = k == 0 ? CRM_MAP_EDGE_REPORTS_TO : CRM_MAP_EDGE_INFLUENCES;
          edge.id = sqlite3_column_int64 (stmt, 0);
          edge.from = sqlite3_column_int64 (stmt, 1);
          edge.to = sqlite3_column_int64 (stmt, 2);
          if (on_map != NULL &&
              (!g_hash_table_contains (on_map, &edge.from) || !g_hash_table_contains (on_map, &edge.to)))
            continue;
          if (edge.kind == CRM_MAP_EDGE_INFLUENCES)
            edge.strength = column_text (stmt, 3);
          g_array_append_val (edges, edge);
        }
      if (rc != SQLITE_DONE)
        return step_error (stmt, rc, worker, error);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static gboolean
read_map_edges (CrmStoreWorker  *worker,
                CrmMapLoad      *load,
                GError         **error)
{
  g_autoptr(GHashTable) on_map = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < load->nodes->len; i++)
    {
      CrmMapNode *node = &g_array_index (load->nodes, CrmMapNode, i);
      g_hash_table_add (on_map, &node->person_id);
    }
  return read_edges (worker, load->organization_id, 0, on_map, load->edges, error);
}

void
_crm_map_load_job (CrmStoreWorker *worker,
                   GTask          *task,
                   gpointer        data)
{
  CrmMapLoad *request = data;
  CrmMapLoad *load = _crm_map_load_new (request->scope, request->scope_id);
  GError *error = NULL;

  /* One read transaction: the nodes and lines of the same moment. */
  if (!_crm_store_worker_exec (worker, "BEGIN", &error))
    goto fail;
  if (!read_header (worker, load, &error) ||
      !read_nodes (worker, load->scope, load->scope_id, load->organization_id, 0, load->nodes, &error) ||
      !read_map_edges (worker, load, &error))
    {
      _crm_store_worker_exec (worker, "COMMIT", NULL);
      goto fail;
    }
  _crm_store_worker_exec (worker, "COMMIT", NULL);

  g_task_return_pointer (task, load, _crm_map_load_free);
  return;

fail:
  _crm_map_load_free (load);
  g_task_return_error (task, error);
}

int
_crm_map_compare_ids (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

void
_crm_map_candidates_job (CrmStoreWorker *worker,
                         GTask          *task,
                         gpointer        data)
{
  CrmMapCandidates *c = data;
  GError *error = NULL;
  sqlite3_stmt *stmt;
  gint64 last = 0;
  int rc = SQLITE_ROW;

  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT p.id FROM affiliation a "
                                    "  JOIN person p ON p.id = a.person_id AND p.deleted = 0 "
                                    " WHERE a.organization_id = ? AND a.deleted = 0 "
                                    " ORDER BY p.sort_key, p.id", &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, c->organization_id);
  while (c->ids->len < c->limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id == last)
        continue;
      last = id;
      if (bsearch (&id, c->exclude->data, c->exclude->len, sizeof (gint64), _crm_map_compare_ids) != NULL)
        continue;
      g_array_append_val (c->ids, id);
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      step_error (stmt, rc, worker, &error);
      g_task_return_error (task, error);
      return;
    }
  sqlite3_reset (stmt);
  g_task_return_boolean (task, TRUE);
}

/* --- worker: writing --- */

static gboolean
run (CrmStoreWorker  *worker,
     sqlite3_stmt    *stmt,
     GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return step_error (stmt, rc, worker, error);
  sqlite3_reset (stmt);
  return TRUE;
}

static int
n_changes (CrmStoreWorker *worker)
{
  return sqlite3_changes (_crm_store_worker_get_db (worker));
}

static gboolean
fail_with (GError     **error,
           int          code,
           const char  *message)
{
  g_set_error_literal (error, CRM_STAKEHOLDER_MAP_ERROR, code, message);
  return FALSE;
}

/* The id of the first row @sql (with ?1..?3 bound to a, b, c) returns, 0 for
 * none, -1 on error; *@deleted gets its second column when not NULL. */
static gint64
find_row (CrmStoreWorker  *worker,
          const char      *sql,
          gint64           a,
          gint64           b,
          gint64           c,
          int             *deleted,
          GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_bind_int64 (stmt, 3, c);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (deleted != NULL)
        *deleted = sqlite3_column_int (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      step_error (stmt, rc, worker, error);
      return -1;
    }
  sqlite3_reset (stmt);
  return id;
}

static gboolean
edit_attribute (CrmStoreWorker  *worker,
                CrmMapEdit      *e,
                GError         **error)
{
  const char *column = _crm_map_attribute_column (e->scope, e->attribute);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (column == NULL)
    return fail_with (error, CRM_STAKEHOLDER_MAP_ERROR_INVALID, _("Unknown stakeholder attribute."));

  if (e->scope == CRM_MAP_SCOPE_DEAL)
    sql = g_strdup_printf ("UPDATE deal_stakeholder SET %s = ?1, updated = ?2 "
                           " WHERE deal_id = ?3 AND person_id = ?4 AND deleted = 0", column);
  else
    sql = g_strdup_printf ("UPDATE affiliation SET %s = ?1, updated = ?2 WHERE id = "
                           " (SELECT id FROM affiliation WHERE organization_id = ?3 AND person_id = ?4 "
                           "     AND deleted = 0 ORDER BY is_primary DESC, id LIMIT 1)", column);
  if (!(stmt = _crm_store_worker_prepare (worker, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, e->value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, _crm_store_worker_now (worker));
  sqlite3_bind_int64 (stmt, 3, e->scope_id);
  sqlite3_bind_int64 (stmt, 4, e->person_id);
  if (!run (worker, stmt, error))
    return FALSE;
  if (n_changes (worker) == 0)
    return fail_with (error, CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND,
                      _("The person is no longer on this map."));
  return TRUE;
}

static gboolean
edit_add_manager (CrmStoreWorker  *worker,
                  CrmMapEdit      *e,
                  GError         **error)
{
  sqlite3_stmt *stmt;
  int deleted = 0;
  gint64 now = _crm_store_worker_now (worker);
  gint64 id = find_row (worker, "SELECT id, deleted FROM reporting_line "
                                " WHERE organization_id = ?1 AND person_id = ?2 AND manager_id = ?3",
                        e->organization_id, e->person_id, e->other_id, &deleted, error);

  if (id < 0)
    return FALSE;
  if (id > 0 && !deleted)
    return fail_with (error, CRM_STAKEHOLDER_MAP_ERROR_EXISTS,
                      _("The person already reports to this manager."));
  if (id > 0)
    {
      if (!(stmt = _crm_store_worker_prepare (worker, "UPDATE reporting_line SET deleted = 0, updated = ? "
                                                      " WHERE id = ?", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, now);
      sqlite3_bind_int64 (stmt, 2, id);
      e->row_id = id;
      return run (worker, stmt, error);
    }

  stmt = _crm_store_worker_prepare (worker,
                                    "INSERT INTO reporting_line (id, created, updated, organization_id, "
                                    " person_id, manager_id) VALUES (?1, ?2, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  e->row_id = _crm_store_worker_next_id (worker);
  sqlite3_bind_int64 (stmt, 1, e->row_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, e->organization_id);
  sqlite3_bind_int64 (stmt, 4, e->person_id);
  sqlite3_bind_int64 (stmt, 5, e->other_id);
  return run (worker, stmt, error);
}

static gboolean
edit_add_influence (CrmStoreWorker  *worker,
                    CrmMapEdit      *e,
                    GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id = find_row (worker, "SELECT id FROM influence_link WHERE organization_id = ?1 "
                                " AND from_person_id = ?2 AND to_person_id = ?3 AND deleted = 0",
                        e->organization_id, e->person_id, e->other_id, NULL, error);

  if (id < 0)
    return FALSE;
  if (id > 0)
    return fail_with (error, CRM_STAKEHOLDER_MAP_ERROR_EXISTS,
                      _("The person already influences the other."));

  stmt = _crm_store_worker_prepare (worker,
                                    "INSERT INTO influence_link (id, created, updated, organization_id, "
                                    " from_person_id, to_person_id, strength) "
                                    "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  e->row_id = _crm_store_worker_next_id (worker);
  sqlite3_bind_int64 (stmt, 1, e->row_id);
  sqlite3_bind_int64 (stmt, 2, _crm_store_worker_now (worker));
  sqlite3_bind_int64 (stmt, 3, e->organization_id);
  sqlite3_bind_int64 (stmt, 4, e->person_id);
  sqlite3_bind_int64 (stmt, 5, e->other_id);
  sqlite3_bind_text (stmt, 6, e->value, -1, SQLITE_TRANSIENT);
  return run (worker, stmt, error);
}

/* Soft-deletes the rows of @sql (?1 now, ?2..?4 bound to a, b, c); fails with
 * NOT_FOUND when there were none and @must is TRUE. */
static gboolean
soft_delete (CrmStoreWorker  *worker,
             const char      *sql,
             gint64           a,
             gint64           b,
             gint64           c,
             gboolean         must,
             GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, _crm_store_worker_now (worker));
  sqlite3_bind_int64 (stmt, 2, a);
  sqlite3_bind_int64 (stmt, 3, b);
  sqlite3_bind_int64 (stmt, 4, c);
  if (!run (worker, stmt, error))
    return FALSE;
  if (must && n_changes (worker) == 0)
    return fail_with (error, CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND, _("The line or link is not there."));
  return TRUE;
}

static gboolean
edit_place (CrmStoreWorker  *worker,
            CrmMapEdit      *e,
            GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
    "INSERT INTO map_position (id, created, updated, deleted, scope_kind, scope_id, person_id, x, y) "
    "VALUES (?1, ?2, ?2, 0, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (scope_kind, scope_id, person_id) DO UPDATE SET "
    " deleted = 0, updated = excluded.updated, x = excluded.x, y = excluded.y", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, _crm_store_worker_next_id (worker));
  sqlite3_bind_int64 (stmt, 2, _crm_store_worker_now (worker));
  sqlite3_bind_text (stmt, 3, crm_map_scope_to_key (e->scope), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, e->scope_id);
  sqlite3_bind_int64 (stmt, 5, e->person_id);
  sqlite3_bind_double (stmt, 6, e->x);
  sqlite3_bind_double (stmt, 7, e->y);
  return run (worker, stmt, error);
}

static gboolean
edit_clear_places (CrmStoreWorker  *worker,
                   CrmMapEdit      *e,
                   GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
    "UPDATE map_position SET deleted = 1, updated = ?1 "
    " WHERE scope_kind = ?2 AND scope_id = ?3 AND deleted = 0", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, _crm_store_worker_now (worker));
  sqlite3_bind_text (stmt, 2, crm_map_scope_to_key (e->scope), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, e->scope_id);
  return run (worker, stmt, error);
}

static gboolean
insert_affiliation (CrmStoreWorker  *worker,
                    gint64           person_id,
                    gint64           organization_id,
                    const char      *title,
                    GError         **error)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
    "INSERT INTO affiliation (id, created, updated, person_id, organization_id, title) "
    "VALUES (?1, ?2, ?2, ?3, ?4, ?5)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, _crm_store_worker_next_id (worker));
  sqlite3_bind_int64 (stmt, 2, _crm_store_worker_now (worker));
  sqlite3_bind_int64 (stmt, 3, person_id);
  sqlite3_bind_int64 (stmt, 4, organization_id);
  sqlite3_bind_text (stmt, 5, title ? title : "", -1, SQLITE_TRANSIENT);
  return run (worker, stmt, error);
}

/* A deal stakeholder row for the person (revived when one was removed), and
 * an affiliation with the deal's organization when they have none. */
static gboolean
add_to_deal (CrmStoreWorker  *worker,
             CrmMapEdit      *e,
             const char      *title,
             GError         **error)
{
  sqlite3_stmt *stmt;
  int deleted = 0;
  gint64 now = _crm_store_worker_now (worker);
  gint64 id = find_row (worker, "SELECT id, deleted FROM deal_stakeholder WHERE deal_id = ?1 "
                                " AND person_id = ?2",
                        e->scope_id, e->person_id, 0, &deleted, error);

  if (id < 0)
    return FALSE;
  if (id > 0 && !deleted)
    return fail_with (error, CRM_STAKEHOLDER_MAP_ERROR_EXISTS, _("The person is on this map already."));
  if (id > 0)
    stmt = _crm_store_worker_prepare (worker, "UPDATE deal_stakeholder SET deleted = 0, updated = ?2 "
                                              " WHERE id = ?1", error);
  else
    stmt = _crm_store_worker_prepare (worker, "INSERT INTO deal_stakeholder (id, created, updated, "
                                              " deal_id, person_id) VALUES (?1, ?2, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id > 0 ? id : _crm_store_worker_next_id (worker));
  sqlite3_bind_int64 (stmt, 2, now);
  if (id == 0)
    {
      sqlite3_bind_int64 (stmt, 3, e->scope_id);
      sqlite3_bind_int64 (stmt, 4, e->person_id);
    }
  if (!run (worker, stmt, error))
    return FALSE;

  if (e->organization_id == 0)
    return TRUE;
  id = find_row (worker, "SELECT id FROM affiliation WHERE organization_id = ?1 AND person_id = ?2 "
                         " AND deleted = 0",
                 e->organization_id, e->person_id, 0, NULL, error);
  if (id < 0)
    return FALSE;
  return id > 0 || insert_affiliation (worker, e->person_id, e->organization_id, title, error);
}

static gboolean
edit_add_person (CrmStoreWorker  *worker,
                 CrmMapEdit      *e,
                 GError         **error)
{
  gint64 id = find_row (worker, "SELECT id FROM person WHERE id = ?1 AND deleted = 0",
                        e->person_id, 0, 0, NULL, error);

  if (id < 0)
    return FALSE;
  if (id == 0)
    return fail_with (error, CRM_STAKEHOLDER_MAP_ERROR_NOT_FOUND, _("There is no such person."));

  if (e->scope == CRM_MAP_SCOPE_DEAL)
    return add_to_deal (worker, e, "", error);

  id = find_row (worker, "SELECT id FROM affiliation WHERE organization_id = ?1 AND person_id = ?2 "
                         " AND deleted = 0",
                 e->organization_id, e->person_id, 0, NULL, error);
  if (id < 0)
    return FALSE;
  if (id > 0)
    return fail_with (error, CRM_STAKEHOLDER_MAP_ERROR_EXISTS, _("The person is on this map already."));
  return insert_affiliation (worker, e->person_id, e->organization_id, "", error);
}

static gboolean
edit_create_person (CrmStoreWorker  *worker,
                    CrmMapEdit      *e,
                    GError         **error)
{
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *display = g_strstrip (g_strdup (e->value));
  g_autofree char *sort_key = _crm_search_sort_key (display);
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
    "INSERT INTO person (id, created, updated, given_name, family_name, display_name, sort_key) "
    "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  _crm_map_split_name (display, &given, &family);
  e->person_id = _crm_store_worker_next_id (worker);
  sqlite3_bind_int64 (stmt, 1, e->person_id);
  sqlite3_bind_int64 (stmt, 2, _crm_store_worker_now (worker));
  sqlite3_bind_text (stmt, 3, given, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, family, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, display, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, sort_key, -1, SQLITE_TRANSIENT);
  if (!run (worker, stmt, error))
    return FALSE;

  if (e->scope == CRM_MAP_SCOPE_DEAL)
    return add_to_deal (worker, e, e->title, error);
  return insert_affiliation (worker, e->person_id, e->organization_id, e->title, error);
}

static gboolean
apply_edit (CrmStoreWorker  *worker,
            CrmMapEdit      *e,
            GError         **error)
{
  switch (e->kind)
    {
    case CRM_MAP_EDIT_ATTRIBUTE:
      return edit_attribute (worker, e, error);
    case CRM_MAP_EDIT_ADD_MANAGER:
      return edit_add_manager (worker, e, error);
    case CRM_MAP_EDIT_REMOVE_MANAGER:
      return soft_delete (worker, "UPDATE reporting_line SET deleted = 1, updated = ?1 "
                                  " WHERE organization_id = ?2 AND person_id = ?3 AND manager_id = ?4 "
                                  "   AND deleted = 0",
                          e->organization_id, e->person_id, e->other_id, TRUE, error);
    case CRM_MAP_EDIT_ADD_INFLUENCE:
      return edit_add_influence (worker, e, error);
    case CRM_MAP_EDIT_REMOVE_INFLUENCE:
      return soft_delete (worker, "UPDATE influence_link SET deleted = 1, updated = ?1 "
                                  " WHERE organization_id = ?2 AND from_person_id = ?3 "
                                  "   AND to_person_id = ?4 AND deleted = 0",
                          e->organization_id, e->person_id, e->other_id, TRUE, error);
    case CRM_MAP_EDIT_PLACE:
      return edit_place (worker, e, error);
    case CRM_MAP_EDIT_CLEAR_PLACES:
      return edit_clear_places (worker, e, error);
    case CRM_MAP_EDIT_ADD_PERSON:
      return edit_add_person (worker, e, error);
    case CRM_MAP_EDIT_CREATE_PERSON:
      return edit_create_person (worker, e, error);
    case CRM_MAP_EDIT_REMOVE_PERSON:
      return soft_delete (worker, "UPDATE deal_stakeholder SET deleted = 1, updated = ?1 "
                                  " WHERE deal_id = ?2 AND person_id = ?3 AND deleted = 0",
                          e->scope_id, e->person_id, 0, TRUE, error);
    default:
      g_assert_not_reached ();
    }
}

void
_crm_map_edit_job (CrmStoreWorker *worker,
                   GTask          *task,
                   gpointer        data)
{
  CrmMapEdit *e = data;
  GError *error = NULL;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!apply_edit (worker, e, &error) || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }

  /* A new node is read back after the commit, as a load would read it. */
  if (e->kind == CRM_MAP_EDIT_ADD_PERSON || e->kind == CRM_MAP_EDIT_CREATE_PERSON)
    {
      g_autoptr(GArray) nodes = g_array_new (FALSE, TRUE, sizeof (CrmMapNode));

      g_array_set_clear_func (nodes, _crm_map_node_clear);
      if (read_nodes (worker, e->scope, e->scope_id, e->organization_id, e->person_id, nodes, NULL) &&
          nodes->len > 0)
        {
          e->node = g_array_index (nodes, CrmMapNode, 0);
          memset (&g_array_index (nodes, CrmMapNode, 0), 0, sizeof (CrmMapNode));
          e->has_node = TRUE;
          read_edges (worker, e->organization_id, e->person_id, NULL, e->edges, NULL);
        }
    }

  g_task_return_boolean (task, TRUE);
}

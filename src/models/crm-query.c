/* crm-query.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmQuery"

#include "config.h"

#include <string.h>

#include "crm-query-private.h"

typedef struct
{
  int         column;      /* index in the table */
  CrmQueryOp  op;
  gboolean    is_text;
  char       *text;
  gint64      number;
} Filter;

struct _CrmQuery
{
  gatomicrefcount  ref_count;
  const CrmTable  *table;
  GArray          *filters;   /* Filter */
  int              order_column;  /* -1: default */
  gboolean         descending;
  gboolean         trashed;
  guint            limit;
};

G_DEFINE_BOXED_TYPE (CrmQuery, crm_query, crm_query_ref, crm_query_unref)

static void
filter_clear (gpointer data)
{
  Filter *f = data;

  g_clear_pointer (&f->text, g_free);
}

CrmQuery *
crm_query_new (GType record_type)
{
  const CrmTable *table = _crm_table_for_type (record_type);
  CrmQuery *self;

  g_return_val_if_fail (table != NULL, NULL);

  self = g_new0 (CrmQuery, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->table = table;
  self->filters = g_array_new (FALSE, TRUE, sizeof (Filter));
  g_array_set_clear_func (self->filters, filter_clear);
  self->order_column = -1;
  return self;
}

CrmQuery *
crm_query_ref (CrmQuery *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
crm_query_unref (CrmQuery *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->filters);
      g_free (self);
    }
}

CrmQuery *
crm_query_copy (CrmQuery *self)
{
  CrmQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = crm_query_new (self->table->type);
  for (guint i = 0; i < self->filters->len; i++)
    {
      Filter f = g_array_index (self->filters, Filter, i);

      f.text = g_strdup (f.text);
      g_array_append_val (copy->filters, f);
    }
  copy->order_column = self->order_column;
  copy->descending = self->descending;
  copy->trashed = self->trashed;
  copy->limit = self->limit;
  return copy;
}

GType
crm_query_get_record_type (CrmQuery *self)
{
  g_return_val_if_fail (self != NULL, G_TYPE_INVALID);

  return self->table->type;
}

/* Columns every table has, numbered after the table's own. */
static const char * const base_columns[] = { "id", "created", "updated" };
#define BASE_COLUMN_FIRST CRM_RECORD_MAX_COLUMNS

static int
find_column (CrmQuery   *self,
             const char *property)
{
  int col = _crm_table_find_column (self->table, property);

  for (guint i = 0; col < 0 && i < G_N_ELEMENTS (base_columns); i++)
    if (g_str_equal (property, base_columns[i]))
      col = BASE_COLUMN_FIRST + i;

  if (col < 0)
    g_critical ("Records of table %s have no property %s", self->table->name, property);
  return col;
}

static const char *
column_name (const CrmTable *table,
             int             col)
{
  if (col >= BASE_COLUMN_FIRST)
    return base_columns[col - BASE_COLUMN_FIRST];
  return table->columns[col].name;
}

static CrmColumnType
column_type (const CrmTable *table,
             int             col)
{
  if (col >= BASE_COLUMN_FIRST)
    return CRM_COLUMN_INT;
  return table->columns[col].type;
}

/* LIKE with the value's own % _ and \ escaped: user input is always a plain
 * string, never a pattern. */
static char *
like_pattern (const char *value,
              gboolean    leading)
{
  GString *s = g_string_new (leading ? "%" : "");

  for (const char *p = value; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

void
crm_query_add_text (CrmQuery   *self,
                    const char *property,
                    CrmQueryOp  op,
                    const char *value)
{
  Filter f = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (property != NULL);

  if ((f.column = find_column (self, property)) < 0)
    return;

  f.op = op;
  f.is_text = TRUE;
  if (value == NULL)
    value = "";
  if (op == CRM_QUERY_PREFIX || op == CRM_QUERY_CONTAINS)
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      g_autofree char *folded = _crm_fold_key (valid);

      /* sort_key columns hold case-folded text; others are matched by LIKE,
       * which folds ASCII case itself. */
      f.text = like_pattern (f.column == self->table->sort_column ? folded : valid,
                             op == CRM_QUERY_CONTAINS);
    }
  else
    f.text = g_utf8_make_valid (value, -1);
  g_array_append_val (self->filters, f);
}

void
crm_query_add_int (CrmQuery   *self,
                   const char *property,
                   CrmQueryOp  op,
                   gint64      value)
{
  Filter f = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (op != CRM_QUERY_PREFIX && op != CRM_QUERY_CONTAINS);

  if ((f.column = find_column (self, property)) < 0)
    return;

  f.op = op;
  f.number = value;
  g_array_append_val (self->filters, f);
}

void
crm_query_set_order (CrmQuery   *self,
                     const char *property,
                     gboolean    descending)
{
  g_return_if_fail (self != NULL);

  self->order_column = property ? find_column (self, property) : -1;
  self->descending = descending;
}

void
crm_query_set_trashed (CrmQuery *self,
                       gboolean  trashed)
{
  g_return_if_fail (self != NULL);

  self->trashed = !!trashed;
}

void
crm_query_set_limit (CrmQuery *self,
                     guint     limit)
{
  g_return_if_fail (self != NULL);

  self->limit = limit;
}

gboolean
crm_query_equal (CrmQuery *a,
                 CrmQuery *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  if (a->table != b->table || a->order_column != b->order_column ||
      a->descending != b->descending || a->trashed != b->trashed ||
      a->limit != b->limit || a->filters->len != b->filters->len)
    return FALSE;

  for (guint i = 0; i < a->filters->len; i++)
    {
      Filter *fa = &g_array_index (a->filters, Filter, i);
      Filter *fb = &g_array_index (b->filters, Filter, i);

      if (fa->column != fb->column || fa->op != fb->op || fa->is_text != fb->is_text ||
          fa->number != fb->number || g_strcmp0 (fa->text, fb->text) != 0)
        return FALSE;
    }
  return TRUE;
}

const CrmTable *
_crm_query_get_table (CrmQuery *self)
{
  return self->table;
}

static const char *
op_sql (CrmQueryOp op)
{
  switch (op)
    {
    case CRM_QUERY_EQ: return "=";
    case CRM_QUERY_NE: return "!=";
    case CRM_QUERY_LT: return "<";
    case CRM_QUERY_LE: return "<=";
    case CRM_QUERY_GT: return ">";
    case CRM_QUERY_GE: return ">=";
    case CRM_QUERY_PREFIX:
    case CRM_QUERY_CONTAINS:
    default:
      return "LIKE";
    }
}

char *
_crm_query_build_sql (CrmQuery        *self,
                      CrmQuerySqlKind  kind)
{
  const CrmTable *table = self->table;
  GString *sql = g_string_new ("SELECT ");
  int order = self->order_column >= 0 ? self->order_column : table->sort_column;

  switch (kind)
    {
    case CRM_QUERY_SQL_ROWS:
      g_string_append (sql, _crm_table_get_select_list (table));
      break;
    case CRM_QUERY_SQL_IDS:
      g_string_append (sql, "id");
      break;
    case CRM_QUERY_SQL_COUNT:
    default:
      g_string_append (sql, "count(*)");
      break;
    }

  /* Table and column names come from the class description, never from
   * the caller; values are bound. */
  g_string_append_printf (sql, " FROM %s WHERE deleted = ?", table->name);
  for (guint i = 0; i < self->filters->len; i++)
    {
      Filter *f = &g_array_index (self->filters, Filter, i);
      const char *name = column_name (table, f->column);

      if (column_type (table, f->column) == CRM_COLUMN_REF && !f->is_text && f->number == 0 &&
          (f->op == CRM_QUERY_EQ || f->op == CRM_QUERY_NE))
        g_string_append_printf (sql, " AND %s IS %sNULL AND ? = 0", name,
                                f->op == CRM_QUERY_EQ ? "" : "NOT ");
      else if (f->op == CRM_QUERY_PREFIX || f->op == CRM_QUERY_CONTAINS)
        g_string_append_printf (sql, " AND %s LIKE ? ESCAPE '\\'", name);
      else
        g_string_append_printf (sql, " AND %s %s ?", name, op_sql (f->op));
    }

  if (kind != CRM_QUERY_SQL_COUNT)
    {
      const char *dir = self->descending ? "DESC" : "ASC";

      if (order >= 0)
        g_string_append_printf (sql, " ORDER BY %s %s, id %s", column_name (table, order), dir, dir);
      else
        g_string_append_printf (sql, " ORDER BY id %s", dir);

      if (self->limit > 0)
        g_string_append_printf (sql, " LIMIT %u", self->limit);
    }

  return g_string_free (sql, FALSE);
}

int
_crm_query_bind (CrmQuery     *self,
                 sqlite3_stmt *stmt)
{
  int rc = sqlite3_bind_int (stmt, 1, self->trashed ? 1 : 0);

  for (guint i = 0; rc == SQLITE_OK && i < self->filters->len; i++)
    {
      Filter *f = &g_array_index (self->filters, Filter, i);

      if (f->is_text)
        rc = sqlite3_bind_text (stmt, i + 2, f->text, -1, SQLITE_TRANSIENT);
      else
        rc = sqlite3_bind_int64 (stmt, i + 2, f->number);
    }
  return rc;
}

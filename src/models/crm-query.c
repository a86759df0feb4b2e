/* crm-query.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmQuery"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "crm-query-private.h"

typedef enum
{
  FILTER_COLUMN,    /* a column of the table */
  FILTER_CUSTOM,    /* EXISTS over custom_value */
  FILTER_RELATED,   /* EXISTS over affiliation / record_tag, or a reference column */
  FILTER_IDS,       /* id IN a JSON array */
} FilterKind;

typedef enum
{
  MODE_OP,          /* <op> ? */
  MODE_RANGE,       /* BETWEEN ? AND ? */
  MODE_IN,          /* IN (SELECT value FROM json_each (?)) */
  MODE_SET,         /* not empty / not 0 / not NULL */
} FilterMode;

typedef struct
{
  FilterKind  kind;
  FilterMode  mode;
  gboolean    negate;      /* MODE_IN, MODE_SET, FILTER_RELATED */
  gboolean    few;         /* selects few rows: a planner hint (MODE_IN) */
  int         column;      /* index in the table (FILTER_COLUMN) */
  gint64      ref_id;      /* custom field id, related record id */
  const char *relation;    /* static: "organization", "tag" */
  CrmQueryOp  op;
  gboolean    is_text;
  char       *text;        /* value, range minimum, or JSON array */
  GStrv       values;      /* MODE_IN of a column: the values of the array */
  char       *text2;       /* range maximum */
  gint64      number;
  gint64      number2;
} Filter;

struct _CrmQuery
{
  gatomicrefcount  ref_count;
  const CrmTable  *table;
  GArray          *filters;   /* Filter */
  int              order_column;  /* -1: default */
  gboolean         descending;
  gboolean         zero_last;     /* order_column = 0, order_column, id */
  int              rank_column;   /* -1: none; else ranked by rank_keys first */
  GStrv            rank_keys;
  gboolean         trashed;
  gboolean         match_any;
  guint            limit;
};

G_DEFINE_BOXED_TYPE (CrmQuery, crm_query, crm_query_ref, crm_query_unref)

static void
filter_clear (gpointer data)
{
  Filter *f = data;

  g_clear_pointer (&f->text, g_free);
  g_clear_pointer (&f->text2, g_free);
  g_clear_pointer (&f->values, g_strfreev);
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
  self->rank_column = -1;
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
      g_strfreev (self->rank_keys);
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
      f.text2 = g_strdup (f.text2);
      f.values = g_strdupv (f.values);
      g_array_append_val (copy->filters, f);
    }
  copy->order_column = self->order_column;
  copy->descending = self->descending;
  copy->zero_last = self->zero_last;
  copy->rank_column = self->rank_column;
  copy->rank_keys = g_strdupv (self->rank_keys);
  copy->trashed = self->trashed;
  copy->match_any = self->match_any;
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

/* Starts a filter on @property's column; FALSE for an unknown property
 * (find_column() says which). */
static gboolean
column_filter (CrmQuery   *self,
               const char *property,
               Filter     *f)
{
  *f = (Filter) { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (property != NULL, FALSE);

  return (f->column = find_column (self, property)) >= 0;
}

void
crm_query_add_text (CrmQuery   *self,
                    const char *property,
                    CrmQueryOp  op,
                    const char *value)
{
  Filter f;

  if (!column_filter (self, property, &f))
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
  Filter f;

  g_return_if_fail (op != CRM_QUERY_PREFIX && op != CRM_QUERY_CONTAINS);

  if (!column_filter (self, property, &f))
    return;

  f.op = op;
  f.number = value;
  g_array_append_val (self->filters, f);
}

void
crm_query_add_text_range (CrmQuery   *self,
                          const char *property,
                          const char *min,
                          const char *max)
{
  Filter f;

  if (!column_filter (self, property, &f))
    return;

  f.mode = MODE_RANGE;
  f.is_text = TRUE;
  f.text = g_utf8_make_valid (min ? min : "", -1);
  f.text2 = g_utf8_make_valid (max ? max : "", -1);
  g_array_append_val (self->filters, f);
}

void
crm_query_add_int_range (CrmQuery   *self,
                         const char *property,
                         gint64      min,
                         gint64      max)
{
  Filter f;

  if (!column_filter (self, property, &f))
    return;

  f.mode = MODE_RANGE;
  f.number = min;
  f.number2 = max;
  g_array_append_val (self->filters, f);
}

/* A JSON array of the strings, bound as one value and read back by json_each:
 * any number of values, one prepared statement shape. */
static char *
strv_to_json (const char * const *values)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *valid = g_utf8_make_valid (values[i], -1);

      json_builder_add_string_value (builder, valid);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

void
crm_query_add_text_in (CrmQuery           *self,
                       const char         *property,
                       const char * const *values,
                       gboolean            negate)
{
  Filter f;

  if (!column_filter (self, property, &f))
    return;

  f.mode = MODE_IN;
  f.negate = !!negate;
  f.is_text = TRUE;
  f.text = strv_to_json (values);
  f.values = g_new0 (char *, (values != NULL ? g_strv_length ((char **) values) : 0) + 1);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    f.values[i] = g_utf8_make_valid (values[i], -1);
  g_array_append_val (self->filters, f);
}

void
crm_query_add_is_set (CrmQuery   *self,
                      const char *property,
                      gboolean    set)
{
  Filter f;

  if (!column_filter (self, property, &f))
    return;

  f.mode = MODE_SET;
  f.negate = !set;
  g_array_append_val (self->filters, f);
}

static Filter
custom_filter (gint64     field_id,
               FilterMode mode)
{
  Filter f = { 0 };

  f.kind = FILTER_CUSTOM;
  f.mode = mode;
  f.ref_id = field_id;
  f.column = -1;
  return f;
}

void
crm_query_add_custom_text (CrmQuery   *self,
                           gint64      field_id,
                           CrmQueryOp  op,
                           const char *value)
{
  Filter f = custom_filter (field_id, MODE_OP);
  g_autofree char *valid = g_utf8_make_valid (value ? value : "", -1);

  g_return_if_fail (self != NULL);

  f.op = op;
  f.is_text = TRUE;
  if (op == CRM_QUERY_PREFIX || op == CRM_QUERY_CONTAINS)
    f.text = like_pattern (valid, op == CRM_QUERY_CONTAINS);
  else
    f.text = g_steal_pointer (&valid);
  g_array_append_val (self->filters, f);
}

void
crm_query_add_custom_int (CrmQuery   *self,
                          gint64      field_id,
                          CrmQueryOp  op,
                          gint64      value)
{
  Filter f = custom_filter (field_id, MODE_OP);

  g_return_if_fail (self != NULL);
  g_return_if_fail (op != CRM_QUERY_PREFIX && op != CRM_QUERY_CONTAINS);

  f.op = op;
  f.number = value;
  g_array_append_val (self->filters, f);
}

void
crm_query_add_custom_int_range (CrmQuery *self,
                                gint64    field_id,
                                gint64    min,
                                gint64    max)
{
  Filter f = custom_filter (field_id, MODE_RANGE);

  g_return_if_fail (self != NULL);

  f.number = min;
  f.number2 = max;
  g_array_append_val (self->filters, f);
}

void
crm_query_add_custom_text_in (CrmQuery           *self,
                              gint64              field_id,
                              const char * const *values,
                              gboolean            negate)
{
  Filter f = custom_filter (field_id, MODE_IN);

  g_return_if_fail (self != NULL);

  f.negate = !!negate;
  f.is_text = TRUE;
  f.text = strv_to_json (values);
  g_array_append_val (self->filters, f);
}

void
crm_query_add_custom_is_set (CrmQuery *self,
                             gint64    field_id,
                             gboolean  set)
{
  Filter f = custom_filter (field_id, MODE_SET);

  g_return_if_fail (self != NULL);

  f.negate = !set;
  g_array_append_val (self->filters, f);
}

/* The relation as a static string, or NULL when @table has no such relation. */
static const char *
find_relation (const CrmTable *table,
               const char     *relation)
{
  if (g_str_equal (relation, "tag"))
    {
      static const char * const tagged[] = { "organization", "person", "deal", "ticket" };

      for (guint i = 0; i < G_N_ELEMENTS (tagged); i++)
        if (g_str_equal (table->name, tagged[i]))
          return "tag";
      return NULL;
    }
  if (g_str_equal (relation, "organization"))
    {
      if (g_str_equal (table->name, "person") ||
          _crm_table_find_column (table, "organization-id") >= 0)
        return "organization";
      return NULL;
    }
  return NULL;
}

gboolean
crm_query_has_relation (GType       record_type,
                        const char *relation)
{
  const CrmTable *table = _crm_table_for_type (record_type);

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (relation != NULL, FALSE);

  return find_relation (table, relation) != NULL;
}

void
crm_query_add_related_op (CrmQuery   *self,
                          const char *relation,
                          CrmQueryOp  op,
                          gint64      id)
{
  Filter f = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (relation != NULL);
  g_return_if_fail (op == CRM_QUERY_EQ || op == CRM_QUERY_NE);

  if (!(f.relation = find_relation (self->table, relation)))
    {
      g_critical ("Records of table %s have no relation %s", self->table->name, relation);
      return;
    }

  f.kind = FILTER_RELATED;
  f.column = -1;
  f.op = op;
  f.negate = op == CRM_QUERY_NE;
  f.ref_id = id;
  g_array_append_val (self->filters, f);
}

void
crm_query_add_related (CrmQuery   *self,
                       const char *relation,
                       gint64      id)
{
  crm_query_add_related_op (self, relation, CRM_QUERY_EQ, id);
}

void
crm_query_add_ids (CrmQuery     *self,
                   const gint64 *ids,
                   guint         n_ids)
{
  Filter f = { 0 };
  GString *json = g_string_new ("[");

  g_return_if_fail (self != NULL);
  g_return_if_fail (ids != NULL || n_ids == 0);

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "", ids[i]);
  g_string_append_c (json, ']');

  f.kind = FILTER_IDS;
  f.column = -1;
  f.mode = MODE_IN;
  f.is_text = TRUE;
  f.text = g_string_free (json, FALSE);
  g_array_append_val (self->filters, f);
}

void
crm_query_hint_few (CrmQuery *self)
{
  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->filters->len; i++)
    {
      Filter *f = &g_array_index (self->filters, Filter, i);

      if (f->kind == FILTER_COLUMN)
        f->few = TRUE;
    }
}

void
crm_query_set_match_any (CrmQuery *self,
                         gboolean  any)
{
  g_return_if_fail (self != NULL);

  self->match_any = !!any;
}

gboolean
crm_query_get_match_any (CrmQuery *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->match_any;
}

guint
crm_query_get_n_filters (CrmQuery *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->filters->len;
}

void
crm_query_set_order (CrmQuery   *self,
                     const char *property,
                     gboolean    descending)
{
  g_return_if_fail (self != NULL);

  self->order_column = property ? find_column (self, property) : -1;
  self->descending = descending;
  self->zero_last = FALSE;
}

void
crm_query_set_order_zero_last (CrmQuery   *self,
                               const char *property)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (property != NULL);

  self->order_column = find_column (self, property);
  self->descending = FALSE;
  self->zero_last = self->order_column >= 0;
}

/* Keys go into the SQL as literals: only letters, digits and '-'. */
static gboolean
is_plain_key (const char *key)
{
  if (key == NULL || key[0] == '\0')
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

void
crm_query_set_order_rank (CrmQuery           *self,
                          const char         *property,
                          const char * const *keys)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (property != NULL);
  g_return_if_fail (keys != NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    g_return_if_fail (is_plain_key (keys[i]));

  g_clear_pointer (&self->rank_keys, g_strfreev);
  self->rank_column = find_column (self, property);
  if (self->rank_column >= 0)
    self->rank_keys = g_strdupv ((char **) keys);
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
      a->match_any != b->match_any || a->zero_last != b->zero_last ||
      a->rank_column != b->rank_column ||
      (a->rank_keys != NULL) != (b->rank_keys != NULL) ||
      (a->rank_keys != NULL && !g_strv_equal ((const char * const *) a->rank_keys,
                                               (const char * const *) b->rank_keys)) ||
      a->limit != b->limit || a->filters->len != b->filters->len)
    return FALSE;

  for (guint i = 0; i < a->filters->len; i++)
    {
      Filter *fa = &g_array_index (a->filters, Filter, i);
      Filter *fb = &g_array_index (b->filters, Filter, i);

      if (fa->kind != fb->kind || fa->mode != fb->mode || fa->negate != fb->negate ||
          fa->few != fb->few ||
          fa->column != fb->column || fa->ref_id != fb->ref_id ||
          g_strcmp0 (fa->relation, fb->relation) != 0 || fa->op != fb->op ||
          fa->is_text != fb->is_text || fa->number != fb->number ||
          fa->number2 != fb->number2 || g_strcmp0 (fa->text, fb->text) != 0 ||
          g_strcmp0 (fa->text2, fb->text2) != 0)
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

/* Appends the condition of a column filter. */
static void
append_column_sql (GString        *sql,
                   const CrmTable *table,
                   Filter         *f)
{
  const char *name = column_name (table, f->column);
  CrmColumnType type = column_type (table, f->column);

  switch (f->mode)
    {
    case MODE_RANGE:
      g_string_append_printf (sql, "%s BETWEEN ? AND ?", name);
      return;
    case MODE_IN:
      if (f->few && f->values != NULL)
        {
          /* Value by value: SQLite then reads each one's rows from an index. */
          g_string_append_printf (sql, "%s %sIN (", name, f->negate ? "NOT " : "");
          for (guint i = 0; f->values[i] != NULL; i++)
            g_string_append (sql, i > 0 ? ", ?" : "?");
          g_string_append_c (sql, ')');
        }
      else
        g_string_append_printf (sql, "%s %sIN (SELECT value FROM json_each (?))", name,
                                f->negate ? "NOT " : "");
      return;
    case MODE_SET:
      if (type == CRM_COLUMN_REF)
        g_string_append_printf (sql, "%s IS %sNULL", name, f->negate ? "" : "NOT ");
      else if (type == CRM_COLUMN_TEXT)
        g_string_append_printf (sql, "%s %s ''", name, f->negate ? "=" : "!=");
      else if (f->negate)
        g_string_append_printf (sql, "%s = 0", name);
      else
        /* Not x != 0, which no index serves: an index on the expression
         * x = 0 (the ticket deadlines, crm-schema-v7.sql) searches this. */
        g_string_append_printf (sql, "(%s = 0) = 0", name);
      return;
    case MODE_OP:
    default:
      break;
    }

  if (type == CRM_COLUMN_REF && !f->is_text && f->number == 0 &&
      (f->op == CRM_QUERY_EQ || f->op == CRM_QUERY_NE))
    g_string_append_printf (sql, "(%s IS %sNULL AND ? = 0)", name,
                            f->op == CRM_QUERY_EQ ? "" : "NOT ");
  else if (f->op == CRM_QUERY_PREFIX || f->op == CRM_QUERY_CONTAINS)
    g_string_append_printf (sql, "%s LIKE ? ESCAPE '\\'", name);
  else
    g_string_append_printf (sql, "%s %s ?", name, op_sql (f->op));
}

/* Appends the condition of a custom-field filter: binds the field id, then
 * the value(s). */
static void
append_custom_sql (GString        *sql,
                   const CrmTable *table,
                   Filter         *f)
{
  const char *col = f->is_text ? "cv.text_value" : "cv.num_value";
  gboolean negate = f->negate;
  g_autoptr(GString) cond = g_string_new (NULL);

  switch (f->mode)
    {
    case MODE_RANGE:
      g_string_append_printf (cond, "%s BETWEEN ? AND ?", col);
      break;
    case MODE_IN:
      g_string_append_printf (cond, "%s IN (SELECT value FROM json_each (?))", col);
      break;
    case MODE_SET:
      /* Whichever column the field's type uses holds a real value. */
      g_string_append (cond, "(cv.num_value IS NOT NULL OR coalesce (cv.text_value, '') != '')");
      break;
    case MODE_OP:
    default:
      if (f->op == CRM_QUERY_PREFIX || f->op == CRM_QUERY_CONTAINS)
        g_string_append_printf (cond, "%s LIKE ? ESCAPE '\\'", col);
      else if (f->op == CRM_QUERY_NE)
        {
          /* "not X" also matches records without a value */
          negate = TRUE;
          g_string_append_printf (cond, "%s = ?", col);
        }
      else
        g_string_append_printf (cond, "%s %s ?", col, op_sql (f->op));
      break;
    }

  g_string_append_printf (sql,
                          "%sEXISTS (SELECT 1 FROM custom_value cv WHERE cv.field_id = ? "
                          "AND cv.record_id = %s.id AND cv.deleted = 0 AND %s)",
                          negate ? "NOT " : "", table->name, cond->str);
}

static void
append_related_sql (GString        *sql,
                    const CrmTable *table,
                    Filter         *f)
{
  const char *not = f->negate ? "NOT " : "";

  if (g_str_equal (f->relation, "tag"))
    g_string_append_printf (sql,
                            "%sEXISTS (SELECT 1 FROM record_tag rt WHERE rt.record_kind = ? "
                            "AND rt.record_id = %s.id AND rt.tag_id = ? AND rt.deleted = 0)",
                            not, table->name);
  else if (g_str_equal (table->name, "person"))
    g_string_append_printf (sql,
                            "%sEXISTS (SELECT 1 FROM affiliation a WHERE a.person_id = person.id "
                            "AND a.organization_id = ? AND a.deleted = 0 AND a.ended = '')", not);
  else
    g_string_append_printf (sql, "organization_id IS %s?", not);
}

const char **
_crm_query_dup_tables (CrmQuery *self)
{
  GPtrArray *tables = g_ptr_array_new ();

  g_ptr_array_add (tables, (gpointer) self->table->name);
  for (guint i = 0; i < self->filters->len; i++)
    {
      Filter *f = &g_array_index (self->filters, Filter, i);
      const char *name = NULL;

      if (f->kind == FILTER_CUSTOM)
        name = "custom_value";
      else if (f->kind == FILTER_RELATED && g_str_equal (f->relation, "tag"))
        name = "record_tag";
      else if (f->kind == FILTER_RELATED && g_str_equal (self->table->name, "person"))
        name = "affiliation";
      if (name != NULL && !g_ptr_array_find_with_equal_func (tables, name, g_str_equal, NULL))
        g_ptr_array_add (tables, (gpointer) name);
    }
  g_ptr_array_add (tables, NULL);
  return (const char **) g_ptr_array_free (tables, FALSE);
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
   * the caller; values are bound.  With match-any the filters are ORed
   * inside one group, so the trash condition still applies to all. */
  g_string_append_printf (sql, " FROM %s WHERE deleted = ?", table->name);
  if (self->filters->len > 0)
    g_string_append (sql, " AND (");
  for (guint i = 0; i < self->filters->len; i++)
    {
      Filter *f = &g_array_index (self->filters, Filter, i);

      if (i > 0)
        g_string_append (sql, self->match_any ? " OR " : " AND ");
      g_string_append_c (sql, '(');
      switch (f->kind)
        {
        case FILTER_CUSTOM:
          append_custom_sql (sql, table, f);
          break;
        case FILTER_RELATED:
          append_related_sql (sql, table, f);
          break;
        case FILTER_IDS:
          g_string_append (sql, "id IN (SELECT value FROM json_each (?))");
          break;
        case FILTER_COLUMN:
        default:
          /* The hint keeps the term usable by an index on the column. */
          if (f->few)
            g_string_append (sql, "likelihood (");
          append_column_sql (sql, table, f);
          if (f->few)
            g_string_append (sql, ", 0.0625)");
          break;
        }
      g_string_append_c (sql, ')');
    }
  if (self->filters->len > 0)
    g_string_append_c (sql, ')');

  if (kind != CRM_QUERY_SQL_COUNT)
    {
      const char *dir = self->descending ? "DESC" : "ASC";

      g_string_append (sql, " ORDER BY ");
      if (self->rank_column >= 0)
        {
          guint i;

          /* Literal keys (checked in crm_query_set_order_rank()), the
           * expression of the index that serves this order. */
          g_string_append_printf (sql, "CASE %s", column_name (table, self->rank_column));
          for (i = 0; self->rank_keys[i] != NULL; i++)
            g_string_append_printf (sql, " WHEN '%s' THEN %u", self->rank_keys[i], i);
          g_string_append_printf (sql, " ELSE %u END, ", i);
        }

      if (order >= 0 && self->zero_last)
        g_string_append_printf (sql, "%s = 0, %s, id", column_name (table, order),
                                column_name (table, order));
      else if (order >= 0)
        g_string_append_printf (sql, "%s %s, id %s", column_name (table, order), dir, dir);
      else
        g_string_append_printf (sql, "id %s", dir);

      if (self->limit > 0)
        g_string_append_printf (sql, " LIMIT %u", self->limit);
    }

  return g_string_free (sql, FALSE);
}

static int
bind_values (Filter       *f,
             sqlite3_stmt *stmt,
             int          *param)
{
  int rc;

  if (f->mode == MODE_SET)
    return SQLITE_OK;

  if (f->mode == MODE_IN && f->few && f->values != NULL)
    {
      rc = SQLITE_OK;
      for (guint i = 0; rc == SQLITE_OK && f->values[i] != NULL; i++)
        rc = sqlite3_bind_text (stmt, (*param)++, f->values[i], -1, SQLITE_TRANSIENT);
      return rc;
    }

  if (f->is_text)
    rc = sqlite3_bind_text (stmt, (*param)++, f->text, -1, SQLITE_TRANSIENT);
  else
    rc = sqlite3_bind_int64 (stmt, (*param)++, f->number);

  if (rc == SQLITE_OK && f->mode == MODE_RANGE)
    {
      if (f->is_text)
        rc = sqlite3_bind_text (stmt, (*param)++, f->text2, -1, SQLITE_TRANSIENT);
      else
        rc = sqlite3_bind_int64 (stmt, (*param)++, f->number2);
    }
  return rc;
}

int
_crm_query_bind (CrmQuery     *self,
                 sqlite3_stmt *stmt)
{
  int param = 1;
  int rc = sqlite3_bind_int (stmt, param++, self->trashed ? 1 : 0);

  for (guint i = 0; rc == SQLITE_OK && i < self->filters->len; i++)
    {
      Filter *f = &g_array_index (self->filters, Filter, i);

      switch (f->kind)
        {
        case FILTER_CUSTOM:
          rc = sqlite3_bind_int64 (stmt, param++, f->ref_id);
          if (rc == SQLITE_OK)
            rc = bind_values (f, stmt, &param);
          break;
        case FILTER_RELATED:
          if (g_str_equal (f->relation, "tag"))
            rc = sqlite3_bind_text (stmt, param++, self->table->name, -1, SQLITE_STATIC);
          if (rc == SQLITE_OK)
            rc = sqlite3_bind_int64 (stmt, param++, f->ref_id);
          break;
        case FILTER_IDS:
        case FILTER_COLUMN:
        default:
          rc = bind_values (f, stmt, &param);
          break;
        }
    }
  return rc;
}

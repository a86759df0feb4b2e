/* crm-record.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base of every record type.  A subclass describes its table in
 * class_init (crm_record_class_set_table + crm_record_class_add_column); every
 * column becomes a GObject property.  Setting one marks it dirty and asks the
 * store for a coalesced save; rows read by the store update the object and
 * notify, keeping pending edits.
 */

#define G_LOG_DOMAIN "CrmRecord"

#include "config.h"

#include <string.h>

#include "crm-models.h"
#include "crm-record-private.h"
#include "crm-search-fold.h"
#include "crm-store-private.h"

typedef struct
{
  CrmStore *store;
  gint64    id;
  gint64    created;
  gint64    updated;
  gboolean  deleted;
  guint64   dirty;
  guint64   saving;    /* columns whose edits are on their way to the database */
  guint     n_saving;  /* saves of this record on their way */
  CrmValue *values;
} CrmRecordPrivate;

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED,
  PROP_UPDATED,
  PROP_TRASHED,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GHashTable *tables_by_name;   /* name → CrmTable*, never freed */
static GMutex tables_lock;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CrmRecord, crm_record, G_TYPE_OBJECT)

static const CrmTable *
get_table (CrmRecord *self)
{
  return CRM_RECORD_GET_CLASS (self)->table;
}

static gboolean
value_equal (CrmColumnType   type,
             const CrmValue *a,
             const CrmValue *b)
{
  switch (type)
    {
    case CRM_COLUMN_TEXT:
      return g_strcmp0 (a->s, b->s) == 0;
    case CRM_COLUMN_REAL:
      return a->d == b->d;
    case CRM_COLUMN_INT:
    case CRM_COLUMN_BOOL:
    case CRM_COLUMN_REF:
    default:
      return a->i == b->i;
    }
}

static void
value_copy (CrmColumnType   type,
            CrmValue       *dest,
            const CrmValue *src)
{
  if (type == CRM_COLUMN_TEXT)
    {
      g_free (dest->s);
      dest->s = g_strdup (src->s ? src->s : "");
    }
  else
    {
      *dest = *src;
    }
}

static void
value_to_gvalue (CrmColumnType   type,
                 const CrmValue *v,
                 GValue         *gv)
{
  switch (type)
    {
    case CRM_COLUMN_TEXT:
      g_value_set_string (gv, v->s ? v->s : "");
      break;
    case CRM_COLUMN_BOOL:
      g_value_set_boolean (gv, v->i != 0);
      break;
    case CRM_COLUMN_REAL:
      g_value_set_double (gv, v->d);
      break;
    case CRM_COLUMN_INT:
    case CRM_COLUMN_REF:
    default:
      g_value_set_int64 (gv, v->i);
      break;
    }
}

static void
value_from_gvalue (CrmColumnType  type,
                   CrmValue      *v,
                   const GValue  *gv)
{
  switch (type)
    {
    case CRM_COLUMN_TEXT:
      {
        const char *s = g_value_get_string (gv);
        v->s = g_strdup (s ? s : "");
        break;
      }
    case CRM_COLUMN_BOOL:
      v->i = g_value_get_boolean (gv) ? 1 : 0;
      break;
    case CRM_COLUMN_REAL:
      v->d = g_value_get_double (gv);
      break;
    case CRM_COLUMN_INT:
    case CRM_COLUMN_REF:
    default:
      v->i = g_value_get_int64 (gv);
      break;
    }
}

/* Allocates the column values with their defaults.  Done on first use, as
 * g_object_new() sets column properties before constructed() when given. */
static void
ensure_values (CrmRecord *self)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  const CrmTable *table = get_table (self);

  if (priv->values != NULL)
    return;

  priv->values = g_new0 (CrmValue, table->n_columns);
  for (guint i = 0; i < table->n_columns; i++)
    if (table->columns[i].type == CRM_COLUMN_TEXT)
      priv->values[i].s = g_strdup ("");
}

static gboolean
contains_han (const char *s)
{
  for (; s && *s; s = g_utf8_next_char (s))
    if (g_unichar_get_script (g_utf8_get_char (s)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

/* Stores a column value and reports whether it changed; @v is consumed. */
static gboolean
store_value (CrmRecord *self,
             guint      col,
             CrmValue  *v)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  const CrmTable *table = get_table (self);
  CrmColumnType type = table->columns[col].type;

  if (value_equal (type, &priv->values[col], v))
    {
      if (type == CRM_COLUMN_TEXT)
        g_free (v->s);
      return FALSE;
    }

  if (type == CRM_COLUMN_TEXT)
    g_free (priv->values[col].s);
  priv->values[col] = *v;
  return TRUE;
}

static void
set_column (CrmRecord *self,
            guint      col,
            CrmValue  *v)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  const CrmTable *table = get_table (self);
  gboolean was_dirty = priv->dirty != 0;

  if (!store_value (self, col, v))
    return;

  priv->dirty |= G_GUINT64_CONSTANT (1) << col;
  g_object_notify_by_pspec (G_OBJECT (self), table->columns[col].pspec);
  if (!was_dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);

  if (priv->store != NULL && priv->id != 0)
    _crm_store_schedule_save (priv->store, self);
}

/* Derived columns: a person's display name from the name parts, and the sort
 * key from the display name or name. */
static void
derive_columns (CrmRecord *self,
                gboolean   all)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  const CrmTable *table = get_table (self);
  int given = _crm_table_find_column (table, "given-name");
  int family = _crm_table_find_column (table, "family-name");
  int display = _crm_table_find_column (table, "display-name");

  if (given >= 0 && family >= 0 && display >= 0)
    {
      guint64 parts = (G_GUINT64_CONSTANT (1) << given) | (G_GUINT64_CONSTANT (1) << family);
      gboolean display_set = (priv->dirty & (G_GUINT64_CONSTANT (1) << display)) != 0;
      const char *g = priv->values[given].s;
      const char *f = priv->values[family].s;

      if ((all || (priv->dirty & parts)) && !display_set && (*g || *f))
        {
          CrmValue v;

          if (contains_han (g) || contains_han (f))
            v.s = g_strconcat (f, g, NULL);
          else if (*g && *f)
            v.s = g_strconcat (g, " ", f, NULL);
          else
            v.s = g_strdup (*g ? g : f);
          set_column (self, display, &v);
        }
    }

  if (table->sort_column >= 0 && table->sort_source >= 0)
    {
      guint64 source_bit = G_GUINT64_CONSTANT (1) << table->sort_source;

      if (all || (priv->dirty & source_bit))
        {
          CrmValue v = { .s = _crm_search_sort_key (priv->values[table->sort_source].s) };

          set_column (self, table->sort_column, &v);
        }
    }
}

static void
crm_record_column_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmRecord *self = CRM_RECORD (object);
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  const CrmTable *table = get_table (self);
  guint col = prop_id - 1;

  g_assert (col < table->n_columns);
  ensure_values (self);
  value_to_gvalue (table->columns[col].type, &priv->values[col], value);
}

static void
crm_record_column_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmRecord *self = CRM_RECORD (object);
  const CrmTable *table = get_table (self);
  guint col = prop_id - 1;
  CrmValue v = { 0 };

  g_assert (col < table->n_columns);
  ensure_values (self);
  value_from_gvalue (table->columns[col].type, &v, value);
  set_column (self, col, &v);
}

static void
crm_record_constructed (GObject *object)
{
  CrmRecord *self = CRM_RECORD (object);
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  const CrmTable *table = get_table (self);

  G_OBJECT_CLASS (crm_record_parent_class)->constructed (object);

  g_assert (table != NULL);
  ensure_values (self);
  (void) priv;
}

static void
crm_record_dispose (GObject *object)
{
  CrmRecord *self = CRM_RECORD (object);
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  /* Pending edits are written before the object goes (the store takes its
   * own reference to the record while a save is scheduled, so this only runs
   * when nothing is pending). */
  if (priv->store != NULL && priv->id != 0)
    _crm_store_forget (priv->store, self);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (crm_record_parent_class)->dispose (object);
}

static void
crm_record_finalize (GObject *object)
{
  CrmRecord *self = CRM_RECORD (object);
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  const CrmTable *table = get_table (self);

  for (guint i = 0; priv->values != NULL && i < table->n_columns; i++)
    if (table->columns[i].type == CRM_COLUMN_TEXT)
      g_free (priv->values[i].s);
  g_free (priv->values);

  G_OBJECT_CLASS (crm_record_parent_class)->finalize (object);
}

static void
crm_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmRecord *self = CRM_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, crm_record_get_id (self));
      break;
    case PROP_CREATED:
      g_value_set_int64 (value, crm_record_get_created (self));
      break;
    case PROP_UPDATED:
      g_value_set_int64 (value, crm_record_get_updated (self));
      break;
    case PROP_TRASHED:
      g_value_set_boolean (value, crm_record_get_trashed (self));
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, crm_record_get_dirty (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_record_class_init (CrmRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = crm_record_constructed;
  object_class->dispose = crm_record_dispose;
  object_class->finalize = crm_record_finalize;
  object_class->get_property = crm_record_get_property;

  /**
   * CrmRecord:id:
   *
   * The row id, unique across machines; 0 until the record is inserted.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_int64 ("created", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] =
    g_param_spec_int64 ("updated", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CrmRecord:trashed:
   *
   * Whether the record is in the trash (see crm_store_trash_async()).
   */
  properties[PROP_TRASHED] =
    g_param_spec_boolean ("trashed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CrmRecord:dirty:
   *
   * Whether edits are waiting to be written.
   */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_record_init (CrmRecord *self)
{
  /* The values array is sized in constructed(): during this function
   * G_OBJECT_GET_CLASS() is still CrmRecordClass, not the subclass. */
}

/* --- Class set-up --- */

void
crm_record_class_set_table (CrmRecordClass *klass,
                            const char     *table_name)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  CrmTable *table;

  g_return_if_fail (CRM_IS_RECORD_CLASS (klass));
  g_return_if_fail (table_name != NULL);
  g_return_if_fail (klass->table == NULL);

  table = g_new0 (CrmTable, 1);
  table->type = G_TYPE_FROM_CLASS (klass);
  /* interned: the store keys its maps by this pointer */
  table->name = (char *) g_intern_string (table_name);
  table->sort_column = -1;
  table->sort_source = -1;
  klass->table = table;

  object_class->get_property = crm_record_column_get_property;
  object_class->set_property = crm_record_column_set_property;

  g_mutex_lock (&tables_lock);
  if (tables_by_name == NULL)
    tables_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (tables_by_name, table->name, table);
  g_mutex_unlock (&tables_lock);
}

GParamSpec *
crm_record_class_add_column (CrmRecordClass *klass,
                             const char     *column,
                             CrmColumnType   type)
{
  CrmTable *table;
  CrmColumn *col;
  g_autofree char *prop = NULL;
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY;
  guint index;

  g_return_val_if_fail (CRM_IS_RECORD_CLASS (klass), NULL);
  g_return_val_if_fail (klass->table != NULL, NULL);

  table = klass->table;
  g_return_val_if_fail (table->n_columns < CRM_RECORD_MAX_COLUMNS, NULL);

  prop = g_strdelimit (g_strdup (column), "_", '-');
  index = table->n_columns++;
  col = &table->columns[index];
  col->name = g_strdup (column);
  col->property = g_steal_pointer (&prop);
  col->type = type;

  switch (type)
    {
    case CRM_COLUMN_TEXT:
      col->pspec = g_param_spec_string (col->property, NULL, NULL, "", flags);
      break;
    case CRM_COLUMN_BOOL:
      col->pspec = g_param_spec_boolean (col->property, NULL, NULL, FALSE, flags);
      break;
    case CRM_COLUMN_REAL:
      col->pspec = g_param_spec_double (col->property, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
      break;
    case CRM_COLUMN_REF:
      col->pspec = g_param_spec_int64 (col->property, NULL, NULL, 0, G_MAXINT64, 0, flags);
      break;
    case CRM_COLUMN_INT:
    default:
      col->pspec = g_param_spec_int64 (col->property, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
      break;
    }

  g_object_class_install_property (G_OBJECT_CLASS (klass), index + 1, col->pspec);

  if (g_str_equal (column, "sort_key"))
    table->sort_column = index;
  else if (g_str_equal (column, "display_name") ||
           (g_str_equal (column, "name") && table->sort_source < 0))
    table->sort_source = index;

  return col->pspec;
}

const char *
crm_record_class_get_table (CrmRecordClass *klass)
{
  g_return_val_if_fail (CRM_IS_RECORD_CLASS (klass), NULL);

  return klass->table ? ((CrmTable *) klass->table)->name : NULL;
}

const CrmTable *
_crm_record_class_get_table_info (CrmRecordClass *klass)
{
  return klass->table;
}

const CrmTable *
_crm_table_lookup (const char *name)
{
  const CrmTable *table = NULL;

  crm_models_ensure_types ();
  g_mutex_lock (&tables_lock);
  if (tables_by_name != NULL)
    table = g_hash_table_lookup (tables_by_name, name);
  g_mutex_unlock (&tables_lock);

  return table;
}

const CrmTable *
_crm_table_for_type (GType type)
{
  g_autoptr(GTypeClass) klass = NULL;

  if (!g_type_is_a (type, CRM_TYPE_RECORD) || G_TYPE_IS_ABSTRACT (type))
    return NULL;

  klass = g_type_class_ref (type);
  return CRM_RECORD_CLASS (klass)->table;
}

GType
crm_record_type_for_table (const char *table)
{
  const CrmTable *info;

  g_return_val_if_fail (table != NULL, G_TYPE_INVALID);

  info = _crm_table_lookup (table);
  return info ? info->type : G_TYPE_INVALID;
}

GPtrArray *
crm_record_list_types (void)
{
  GPtrArray *ret = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  crm_models_ensure_types ();
  g_mutex_lock (&tables_lock);
  g_hash_table_iter_init (&iter, tables_by_name);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (ret, GSIZE_TO_POINTER (((CrmTable *) value)->type));
  g_mutex_unlock (&tables_lock);

  return ret;
}

int
_crm_table_find_column (const CrmTable *table,
                        const char     *property)
{
  for (guint i = 0; i < table->n_columns; i++)
    if (g_str_equal (table->columns[i].property, property) ||
        g_str_equal (table->columns[i].name, property))
      return i;
  return -1;
}

const char *
_crm_table_get_select_list (const CrmTable *table)
{
  CrmTable *mutable = (CrmTable *) table;

  g_mutex_lock (&tables_lock);
  if (mutable->select_list == NULL)
    {
      GString *s = g_string_new ("id, created, updated, deleted");

      for (guint i = 0; i < table->n_columns; i++)
        g_string_append_printf (s, ", %s", table->columns[i].name);
      mutable->select_list = g_string_free (s, FALSE);
    }
  g_mutex_unlock (&tables_lock);

  return table->select_list;
}

/* The sort key of a text: composed (NFKC) and case-folded, so "José" typed
 * with a combining accent and "JOSÉ" both become "josé". */
char *
_crm_fold_key (const char *text)
{
  g_autofree char *norm = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_ALL_COMPOSE);

  return g_utf8_casefold (norm ? norm : "", -1);
}

/* --- Rows --- */

CrmRow *
_crm_row_new (const CrmTable *table)
{
  CrmRow *row = g_malloc0 (sizeof (CrmRow) + table->n_columns * sizeof (CrmValue));

  row->table = table;
  return row;
}

void
_crm_row_free (CrmRow *row)
{
  if (row == NULL)
    return;

  for (guint i = 0; i < row->table->n_columns; i++)
    if (row->table->columns[i].type == CRM_COLUMN_TEXT)
      g_free (row->values[i].s);
  g_free (row);
}

CrmRow *
_crm_row_from_stmt (const CrmTable *table,
                    sqlite3_stmt   *stmt)
{
  CrmRow *row = _crm_row_new (table);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->created = sqlite3_column_int64 (stmt, 1);
  row->updated = sqlite3_column_int64 (stmt, 2);
  row->deleted = sqlite3_column_int (stmt, 3) != 0;
  row->mask = table->n_columns == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << table->n_columns) - 1;

  for (guint i = 0; i < table->n_columns; i++)
    {
      int c = 4 + i;

      switch (table->columns[i].type)
        {
        case CRM_COLUMN_TEXT:
          {
            const char *s = (const char *) sqlite3_column_text (stmt, c);
            int len = sqlite3_column_bytes (stmt, c);

            /* Text from another program may not be UTF-8: never hand invalid
             * UTF-8 to GTK. */
            if (s == NULL)
              row->values[i].s = g_strdup ("");
            else if (g_utf8_validate_len (s, len, NULL))
              row->values[i].s = g_strndup (s, len);
            else
              row->values[i].s = g_utf8_make_valid (s, len);
            break;
          }
        case CRM_COLUMN_REAL:
          row->values[i].d = sqlite3_column_double (stmt, c);
          break;
        case CRM_COLUMN_INT:
        case CRM_COLUMN_BOOL:
        case CRM_COLUMN_REF:
        default:
          row->values[i].i = sqlite3_column_int64 (stmt, c);
          break;
        }
    }

  return row;
}

int
_crm_row_bind_column (const CrmRow *row,
                      guint         col,
                      sqlite3_stmt *stmt,
                      int           param)
{
  const CrmValue *v = &row->values[col];

  switch (row->table->columns[col].type)
    {
    case CRM_COLUMN_TEXT:
      return sqlite3_bind_text (stmt, param, v->s ? v->s : "", -1, SQLITE_TRANSIENT);
    case CRM_COLUMN_REAL:
      return sqlite3_bind_double (stmt, param, v->d);
    case CRM_COLUMN_REF:
      if (v->i == 0)
        return sqlite3_bind_null (stmt, param);
      return sqlite3_bind_int64 (stmt, param, v->i);
    case CRM_COLUMN_BOOL:
    case CRM_COLUMN_INT:
    default:
      return sqlite3_bind_int64 (stmt, param, v->i);
    }
}

/* --- Store-facing internals --- */

CrmRow *
_crm_record_take_edits (CrmRecord *self,
                        gboolean   all)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  const CrmTable *table = get_table (self);
  CrmRecordClass *klass = CRM_RECORD_GET_CLASS (self);
  CrmRow *row;

  derive_columns (self, all);
  if (klass->prepare_save != NULL)
    klass->prepare_save (self);

  if (!all && priv->dirty == 0)
    return NULL;

  row = _crm_row_new (table);
  row->id = priv->id;
  row->created = priv->created;
  row->updated = priv->updated;
  row->deleted = priv->deleted;
  row->mask = all ? (table->n_columns == 64 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << table->n_columns) - 1)
                  : priv->dirty;
  for (guint i = 0; i < table->n_columns; i++)
    if (row->mask & (G_GUINT64_CONSTANT (1) << i))
      value_copy (table->columns[i].type, &row->values[i], &priv->values[i]);

  /* Until the save is done, a row read before it must not bring back the
   * values these edits replace. */
  if (!all)
    {
      priv->saving |= priv->dirty;
      priv->n_saving++;
    }
  priv->dirty = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);

  return row;
}

void
_crm_record_edits_done (CrmRecord *self)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  g_return_if_fail (priv->n_saving > 0);

  if (--priv->n_saving == 0)
    priv->saving = 0;
}

void
_crm_record_apply_row (CrmRecord    *self,
                       const CrmRow *row,
                       gboolean      silent)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  const CrmTable *table = get_table (self);
  GObject *object = G_OBJECT (self);

  g_return_if_fail (row->table == table);

  if (!silent)
    g_object_freeze_notify (object);

  for (guint i = 0; i < table->n_columns; i++)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << i;
      CrmValue v = { 0 };

      if (!(row->mask & bit) || ((priv->dirty | priv->saving) & bit))
        continue;

      value_copy (table->columns[i].type, &v, &row->values[i]);
      if (store_value (self, i, &v) && !silent)
        g_object_notify_by_pspec (object, table->columns[i].pspec);
    }

  if (priv->created != row->created)
    {
      priv->created = row->created;
      if (!silent)
        g_object_notify_by_pspec (object, properties[PROP_CREATED]);
    }
  if (priv->updated != row->updated)
    {
      priv->updated = row->updated;
      if (!silent)
        g_object_notify_by_pspec (object, properties[PROP_UPDATED]);
    }
  if (priv->deleted != row->deleted)
    {
      priv->deleted = row->deleted;
      if (!silent)
        g_object_notify_by_pspec (object, properties[PROP_TRASHED]);
    }

  if (!silent)
    g_object_thaw_notify (object);
}

void
_crm_record_attach (CrmRecord *self,
                    CrmStore  *store,
                    gint64     id)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  g_set_object (&priv->store, store);
  if (priv->id != id)
    {
      priv->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }
}

/* --- Public API --- */

gint64
crm_record_get_id (CrmRecord *self)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD (self), 0);

  return priv->id;
}

gint64
crm_record_get_created (CrmRecord *self)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD (self), 0);

  return priv->created;
}

gint64
crm_record_get_updated (CrmRecord *self)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD (self), 0);

  return priv->updated;
}

gboolean
crm_record_get_trashed (CrmRecord *self)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD (self), FALSE);

  return priv->deleted;
}

CrmStore *
crm_record_get_store (CrmRecord *self)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD (self), NULL);

  return priv->store;
}

gboolean
crm_record_get_dirty (CrmRecord *self)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_RECORD (self), FALSE);

  return priv->dirty != 0;
}

static int
lookup_column (CrmRecord     *self,
               const char    *property,
               CrmColumnType  want)
{
  const CrmTable *table = get_table (self);
  int col = _crm_table_find_column (table, property);

  if (col < 0)
    {
      g_critical ("%s has no column %s", G_OBJECT_TYPE_NAME (self), property);
      return -1;
    }

  /* REF and BOOL columns are read and written through the int accessors too. */
  if (table->columns[col].type != want &&
      !(want == CRM_COLUMN_INT && (table->columns[col].type == CRM_COLUMN_REF ||
                                   table->columns[col].type == CRM_COLUMN_BOOL)) &&
      !(want == CRM_COLUMN_BOOL && table->columns[col].type == CRM_COLUMN_INT))
    {
      g_critical ("%s:%s is not of the requested type", G_OBJECT_TYPE_NAME (self), property);
      return -1;
    }

  return col;
}

const char *
crm_record_get_text (CrmRecord  *self,
                     const char *property)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  int col;

  g_return_val_if_fail (CRM_IS_RECORD (self), NULL);

  col = lookup_column (self, property, CRM_COLUMN_TEXT);
  return col < 0 ? NULL : priv->values[col].s;
}

gint64
crm_record_get_int (CrmRecord  *self,
                    const char *property)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  int col;

  g_return_val_if_fail (CRM_IS_RECORD (self), 0);

  col = lookup_column (self, property, CRM_COLUMN_INT);
  return col < 0 ? 0 : priv->values[col].i;
}

gboolean
crm_record_get_bool (CrmRecord  *self,
                     const char *property)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  int col;

  g_return_val_if_fail (CRM_IS_RECORD (self), FALSE);

  col = lookup_column (self, property, CRM_COLUMN_BOOL);
  return col < 0 ? FALSE : priv->values[col].i != 0;
}

double
crm_record_get_real (CrmRecord  *self,
                     const char *property)
{
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);
  int col;

  g_return_val_if_fail (CRM_IS_RECORD (self), 0);

  col = lookup_column (self, property, CRM_COLUMN_REAL);
  return col < 0 ? 0 : priv->values[col].d;
}

void
crm_record_set_text (CrmRecord  *self,
                     const char *property,
                     const char *value)
{
  CrmValue v;
  int col;

  g_return_if_fail (CRM_IS_RECORD (self));

  if ((col = lookup_column (self, property, CRM_COLUMN_TEXT)) < 0)
    return;

  /* Invalid UTF-8 never reaches the database. */
  if (value == NULL)
    v.s = g_strdup ("");
  else if (g_utf8_validate (value, -1, NULL))
    v.s = g_strdup (value);
  else
    v.s = g_utf8_make_valid (value, -1);
  set_column (self, col, &v);
}

void
crm_record_set_int (CrmRecord  *self,
                    const char *property,
                    gint64      value)
{
  CrmValue v = { .i = value };
  int col;

  g_return_if_fail (CRM_IS_RECORD (self));

  if ((col = lookup_column (self, property, CRM_COLUMN_INT)) < 0)
    return;
  if (get_table (self)->columns[col].type == CRM_COLUMN_BOOL)
    v.i = value != 0;
  set_column (self, col, &v);
}

void
crm_record_set_bool (CrmRecord  *self,
                     const char *property,
                     gboolean    value)
{
  CrmValue v = { .i = value ? 1 : 0 };
  int col;

  g_return_if_fail (CRM_IS_RECORD (self));

  if ((col = lookup_column (self, property, CRM_COLUMN_BOOL)) < 0)
    return;
  set_column (self, col, &v);
}

void
crm_record_set_real (CrmRecord  *self,
                     const char *property,
                     double      value)
{
  CrmValue v = { .d = value };
  int col;

  g_return_if_fail (CRM_IS_RECORD (self));

  if ((col = lookup_column (self, property, CRM_COLUMN_REAL)) < 0)
    return;
  set_column (self, col, &v);
}

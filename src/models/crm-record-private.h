/* crm-record-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Core-internal: table descriptions (immutable after class_init, so the worker
 * thread may read them) and CrmRow, the plain struct that carries a row
 * between the worker and the main thread.
 */

#pragma once

#include <sqlite3.h>

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_RECORD_MAX_COLUMNS 64

typedef struct
{
  char          *name;        /* SQL column: "display_name" */
  char          *property;    /* property: "display-name" */
  CrmColumnType  type;
  GParamSpec    *pspec;
} CrmColumn;

typedef struct
{
  GType       type;
  char       *name;            /* SQL table */
  guint       n_columns;
  CrmColumn   columns[CRM_RECORD_MAX_COLUMNS];
  int         sort_column;     /* index of sort_key, or -1 */
  int         sort_source;     /* index of display_name or name, or -1 */
  /* "id, created, updated, deleted, c1, c2, ..." built lazily (under a lock) */
  char       *select_list;
} CrmTable;

typedef union
{
  char   *s;
  gint64  i;
  double  d;
} CrmValue;

typedef struct _CrmRow
{
  const CrmTable *table;
  gint64          id;
  gint64          created;
  gint64          updated;
  gboolean        deleted;
  guint64         mask;        /* columns carried (all for a read row) */
  CrmValue        values[];    /* table->n_columns */
} CrmRow;

const CrmTable *_crm_record_class_get_table_info (CrmRecordClass *klass);
const CrmTable *_crm_table_lookup                (const char     *name);
const CrmTable *_crm_table_for_type              (GType           type);
int             _crm_table_find_column           (const CrmTable *table,
                                                  const char     *property);
const char     *_crm_table_get_select_list       (const CrmTable *table);

/* Case-folded, composed text as stored in sort_key columns; transfer full. */
char           *_crm_fold_key                    (const char     *text);

CrmRow         *_crm_row_new                     (const CrmTable *table);
void            _crm_row_free                    (CrmRow         *row);
/* Reads a row whose columns are the table's select list, starting at @first. */
CrmRow         *_crm_row_from_stmt               (const CrmTable *table,
                                                  sqlite3_stmt   *stmt);
/* Binds @row's value of column @col to parameter @param of @stmt. */
int             _crm_row_bind_column             (const CrmRow   *row,
                                                  guint           col,
                                                  sqlite3_stmt   *stmt,
                                                  int             param);

/* Main thread: a snapshot of the pending edits (or of every column when
 * @all), clearing the dirty mask; NULL when nothing is dirty. */
CrmRow         *_crm_record_take_edits           (CrmRecord      *self,
                                                  gboolean        all);
/* Main thread: the save of edits taken with _crm_record_take_edits (@all
 * FALSE) is over, written or not. */
void            _crm_record_edits_done           (CrmRecord      *self);
/* Main thread: applies a row read from the store; columns with pending edits
 * (or edits being saved) are kept.  Notifies changed properties unless @silent. */
void            _crm_record_apply_row            (CrmRecord      *self,
                                                  const CrmRow   *row,
                                                  gboolean        silent);
void            _crm_record_attach               (CrmRecord      *self,
                                                  CrmStore       *store,
                                                  gint64          id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmRow, _crm_row_free)

G_END_DECLS

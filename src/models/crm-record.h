/* crm-record.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_RECORD (crm_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (CrmRecord, crm_record, CRM, RECORD, GObject)

/**
 * CrmColumnType:
 * @CRM_COLUMN_TEXT: UTF-8 text, never NULL ("" when empty)
 * @CRM_COLUMN_INT: a 64-bit integer (money in minor units, unix times, counts)
 * @CRM_COLUMN_BOOL: 0 or 1
 * @CRM_COLUMN_REAL: a double
 * @CRM_COLUMN_REF: the id of another record, 0 for none (NULL in SQL)
 */
typedef enum
{
  CRM_COLUMN_TEXT,
  CRM_COLUMN_INT,
  CRM_COLUMN_BOOL,
  CRM_COLUMN_REAL,
  CRM_COLUMN_REF,
} CrmColumnType;

struct _CrmRecordClass
{
  GObjectClass parent_class;

  /* Derives stored columns from others before a write (sort keys, display
   * names).  Runs on the main thread. */
  void (*prepare_save) (CrmRecord *self);

  /*< private >*/
  gpointer table;
  gpointer padding[8];
};

/* Class set-up, for subclasses' class_init. */
void         crm_record_class_set_table     (CrmRecordClass *klass,
                                             const char     *table);
GParamSpec  *crm_record_class_add_column    (CrmRecordClass *klass,
                                             const char     *column,
                                             CrmColumnType   type);
const char  *crm_record_class_get_table     (CrmRecordClass *klass);
/* The record type stored in @table, or G_TYPE_INVALID. */
GType        crm_record_type_for_table      (const char     *table);
/* Every registered record type (ensures them all); transfer container. */
GPtrArray   *crm_record_list_types          (void);

gint64       crm_record_get_id              (CrmRecord      *self);
gint64       crm_record_get_created         (CrmRecord      *self);
gint64       crm_record_get_updated         (CrmRecord      *self);
gboolean     crm_record_get_trashed         (CrmRecord      *self);
/* transfer none; NULL for a record not yet inserted */
CrmStore    *crm_record_get_store           (CrmRecord      *self);
/* TRUE while edits wait to be written. */
gboolean     crm_record_get_dirty           (CrmRecord      *self);

/* Generic column access by property name ("display-name"). */
const char  *crm_record_get_text            (CrmRecord      *self,
                                             const char     *property);
gint64       crm_record_get_int             (CrmRecord      *self,
                                             const char     *property);
gboolean     crm_record_get_bool            (CrmRecord      *self,
                                             const char     *property);
double       crm_record_get_real            (CrmRecord      *self,
                                             const char     *property);
void         crm_record_set_text            (CrmRecord      *self,
                                             const char     *property,
                                             const char     *value);
void         crm_record_set_int             (CrmRecord      *self,
                                             const char     *property,
                                             gint64          value);
void         crm_record_set_bool            (CrmRecord      *self,
                                             const char     *property,
                                             gboolean        value);
void         crm_record_set_real            (CrmRecord      *self,
                                             const char     *property,
                                             double          value);

G_END_DECLS

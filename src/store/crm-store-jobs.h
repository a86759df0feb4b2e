/* crm-store-jobs.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of CrmStore: the jobs it runs on the worker thread, and the plain
 * structs they exchange with the main thread.
 */

#pragma once

#include "crm-query-private.h"
#include "crm-record-private.h"
#include "crm-store-worker.h"

G_BEGIN_DECLS

typedef struct
{
  char *path;
} OpenData;

typedef struct
{
  const CrmTable *table;
  GArray         *ids;    /* gint64 */
} RowsByIdData;

typedef struct
{
  CrmQuery *query;
} QueryData;

typedef struct
{
  GPtrArray *rows;      /* CrmRow* */
  GPtrArray *records;   /* CrmRecord* (ref), parallel to rows */
  gboolean   trashed;
} WriteData;

void       _crm_store_open_data_free       (gpointer data);
void       _crm_store_rows_by_id_data_free (gpointer data);
void       _crm_store_query_data_free      (gpointer data);
void       _crm_store_write_data_free      (gpointer data);
WriteData *_crm_store_write_data_new       (void);

void _crm_store_open_job       (CrmStoreWorker *worker, GTask *task, gpointer data);
void _crm_store_rows_by_id_job (CrmStoreWorker *worker, GTask *task, gpointer data);
void _crm_store_query_job      (CrmStoreWorker *worker, GTask *task, gpointer data);
void _crm_store_count_job      (CrmStoreWorker *worker, GTask *task, gpointer data);
void _crm_store_update_job     (CrmStoreWorker *worker, GTask *task, gpointer data);
void _crm_store_insert_job     (CrmStoreWorker *worker, GTask *task, gpointer data);
void _crm_store_trash_job      (CrmStoreWorker *worker, GTask *task, gpointer data);
void _crm_store_noop_job       (CrmStoreWorker *worker, GTask *task, gpointer data);
void _crm_store_poll_job       (CrmStoreWorker *worker, GTask *task, gpointer data);

G_END_DECLS

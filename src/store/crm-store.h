/* crm-store.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_STORE_ERROR (crm_store_error_quark ())

/**
 * CrmStoreError:
 * @CRM_STORE_ERROR_CORRUPT: the file is not a Rapport database or is damaged
 * @CRM_STORE_ERROR_LOCKED: another program holds the database locked
 * @CRM_STORE_ERROR_READ_ONLY: the file or its folder cannot be written
 * @CRM_STORE_ERROR_NEWER_VERSION: made by a newer Rapport; opening it could lose data
 * @CRM_STORE_ERROR_DISK_FULL: the disk (or the database's size limit) is full
 * @CRM_STORE_ERROR_NOT_FOUND: no such record or file
 * @CRM_STORE_ERROR_INVALID: a value or query was refused (unknown column, bad key)
 * @CRM_STORE_ERROR_CLOSED: the store was closed
 * @CRM_STORE_ERROR_FAILED: any other SQLite failure
 */
typedef enum
{
  CRM_STORE_ERROR_CORRUPT,
  CRM_STORE_ERROR_LOCKED,
  CRM_STORE_ERROR_READ_ONLY,
  CRM_STORE_ERROR_NEWER_VERSION,
  CRM_STORE_ERROR_DISK_FULL,
  CRM_STORE_ERROR_NOT_FOUND,
  CRM_STORE_ERROR_INVALID,
  CRM_STORE_ERROR_CLOSED,
  CRM_STORE_ERROR_FAILED,
} CrmStoreError;

#define CRM_TYPE_STORE (crm_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmStore, crm_store, CRM, STORE, GObject)

GQuark      crm_store_error_quark          (void);

/* $XDG_DATA_HOME/rapport/rapport.db; transfer full */
char       *crm_store_dup_default_path     (void);
int         crm_store_get_latest_schema_version (void);

void        crm_store_open_async           (const char           *path,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
CrmStore   *crm_store_open_finish          (GAsyncResult         *result,
                                            GError              **error);
/* Blocks the calling thread until the worker has opened the file: for the
 * command line, tests and benchmarks; the application uses the async form. */
CrmStore   *crm_store_open_sync            (const char           *path,
                                            GError              **error);

const char *crm_store_get_path             (CrmStore             *self);
gboolean    crm_store_is_read_only         (CrmStore             *self);
int         crm_store_get_schema_version   (CrmStore             *self);
/* The per-database node id woven into every id this store makes. */
guint32     crm_store_get_node_id          (CrmStore             *self);

/* Ends the worker after the queued jobs ran; later calls fail with CLOSED. */
void        crm_store_close                (CrmStore             *self);

/* Records: the identity map gives every caller the same instance per row. */
CrmRecord  *crm_store_lookup               (CrmStore             *self,
                                            GType                 record_type,
                                            gint64                id);
void        crm_store_load_async           (CrmStore             *self,
                                            GType                 record_type,
                                            gint64                id,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
CrmRecord  *crm_store_load_finish          (CrmStore             *self,
                                            GAsyncResult         *result,
                                            GError              **error);
/* Loads every row that @query matches (meant for small lists: stages, one
 * column's deals, an organization's people).  Returns a GListStore. */
void        crm_store_query_async          (CrmStore             *self,
                                            CrmQuery             *query,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GListModel *crm_store_query_finish         (CrmStore             *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void        crm_store_count_async          (CrmStore             *self,
                                            CrmQuery             *query,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gint64      crm_store_count_finish         (CrmStore             *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* Inserts a new record (id 0) and assigns its id, created and updated. */
void        crm_store_insert_async         (CrmStore             *self,
                                            CrmRecord            *record,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    crm_store_insert_finish        (CrmStore             *self,
                                            GAsyncResult         *result,
                                            GError              **error);
/* Writes the record's pending edits now instead of after the coalescing delay. */
void        crm_store_save_async           (CrmStore             *self,
                                            CrmRecord            *record,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    crm_store_save_finish          (CrmStore             *self,
                                            GAsyncResult         *result,
                                            GError              **error);
/* Moves a record to the trash (or back out of it with @trashed FALSE). */
void        crm_store_trash_async          (CrmStore             *self,
                                            CrmRecord            *record,
                                            gboolean              trashed,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    crm_store_trash_finish         (CrmStore             *self,
                                            GAsyncResult         *result,
                                            GError              **error);
/* Resolves once every write queued before it has been committed. */
void        crm_store_flush_async          (CrmStore             *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    crm_store_flush_finish         (CrmStore             *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* Maintenance (also used by rapport-cli). */
void        crm_store_check_async          (CrmStore             *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* Returns NULL and no error when the database is sound; otherwise the problems. */
char       *crm_store_check_finish         (CrmStore             *self,
                                            GAsyncResult         *result,
                                            GError              **error);
void        crm_store_backup_async         (CrmStore             *self,
                                            const char           *dest_path,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    crm_store_backup_finish        (CrmStore             *self,
                                            GAsyncResult         *result,
                                            GError              **error);
/* Per-table row counts (trash excluded) as a GVariant of type a{sx}. */
void        crm_store_stats_async          (CrmStore             *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GVariant   *crm_store_stats_finish         (CrmStore             *self,
                                            GAsyncResult         *result,
                                            GError              **error);

/* Replaces the database at @dest_path with a verified copy of @backup_path,
 * keeping the old file beside it as "<dest>.before-restore" (or
 * "<dest>.before-restore.N" when an earlier restore kept one).  The database
 * must not be open.  Runs in the calling thread. */
gboolean    crm_store_restore_file         (const char           *backup_path,
                                            const char           *dest_path,
                                            GError              **error);

G_END_DECLS

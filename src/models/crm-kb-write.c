/* crm-kb-write.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the knowledge base: the writes (articles created, edited and moved
 * to the trash; self-service resolutions recorded), each one transaction on
 * the store's worker, and their undo.
 */

#define G_LOG_DOMAIN "CrmKb"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-email.h"
#include "crm-kb-private.h"

typedef struct
{
  CrmKbUndo       *undo;       /* the undo being made, or the one to run */
  gint64           article_id;
  CrmKbDraft      *draft;
  CrmKbResolution  resolution; /* its strings owned below */
  char            *email;
  char            *channel;
  char            *customer_kind;
  char            *source;
} WriteData;

static void
write_data_free (gpointer data)
{
  WriteData *d = data;

  g_clear_pointer (&d->undo, crm_kb_undo_unref);
  crm_kb_draft_free (d->draft);
  g_free (d->email);
  g_free (d->channel);
  g_free (d->customer_kind);
  g_free (d->source);
  g_free (d);
}

static void
set_not_found (GError **error)
{
  g_set_error_literal (error, CRM_KB_ERROR, CRM_KB_ERROR_NOT_FOUND,
                       _("The article no longer exists."));
}

/* Runs @body inside a transaction; the task returns @undo's result. */
typedef gboolean (*WriteFunc) (CrmStoreWorker  *worker,
                               WriteData       *d,
                               GError         **error);

static void
run_write (CrmStoreWorker *worker,
           GTask          *task,
           WriteData      *d,
           WriteFunc       func)
{
  GError *error = NULL;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!func (worker, d, &error) || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static gboolean
bind_draft_and_step (CrmStoreWorker    *worker,
                     sqlite3_stmt      *stmt,
                     const CrmKbDraft  *draft,
                     GError           **error)
{
  g_autofree char *title = trimmed (draft->title);
  g_autofree char *tags = crm_kb_normalize_tags (draft->tags);

  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, draft->body != NULL ? draft->body : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, tags, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, draft->language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, draft->published ? 1 : 0);
  return _crm_store_worker_step (worker, stmt, error);
}

/* --- Create --- */

static gboolean
create_func (CrmStoreWorker  *worker,
             WriteData       *d,
             GError         **error)
{
  gint64 now = _crm_store_worker_now (worker);
  sqlite3_stmt *stmt;

  stmt = _crm_store_worker_prepare (worker,
                                    "INSERT INTO kb_article (title, body, tags, language, published, "
                                    "id, created, updated, views) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 0)",
                                    error);
  if (stmt == NULL)
    return FALSE;
  d->article_id = _crm_store_worker_next_id (worker);
  sqlite3_bind_int64 (stmt, 6, d->article_id);
  sqlite3_bind_int64 (stmt, 7, now);
  return bind_draft_and_step (worker, stmt, d->draft, error);
}

static void
create_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  run_write (worker, task, data, create_func);
}

static gboolean
start_draft_write (CrmStore            *store,
                   const CrmKbDraft    *draft,
                   gint64               article_id,
                   CrmStoreJobFunc      job,
                   gpointer             tag,
                   const char          *name,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GError *error = NULL;
  WriteData *d;

  if (!crm_kb_draft_validate (draft, &error))
    {
      g_task_report_error (store, callback, user_data, tag, error);
      return FALSE;
    }
  d = g_new0 (WriteData, 1);
  d->draft = crm_kb_draft_copy (draft);
  d->article_id = article_id;
  _crm_store_run_async (store, job, d, write_data_free, tag, name, cancellable, callback, user_data);
  return TRUE;
}

void
crm_kb_create_async (CrmStore            *store,
                     const CrmKbDraft    *draft,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  start_draft_write (store, draft, 0, create_job, crm_kb_create_async, "crm-kb-create",
                     cancellable, callback, user_data);
}

/* The task's data, after a write job ran (NULL for a reported error). */
static WriteData *
finish_data (GAsyncResult  *result,
             GError       **error)
{
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  return g_task_get_task_data (G_TASK (result));
}

gint64
crm_kb_create_finish (CrmStore      *store,
                      GAsyncResult  *result,
                      CrmKbUndo    **undo,
                      GError       **error)
{
  WriteData *d;

  g_return_val_if_fail (G_IS_TASK (result), 0);

  if ((d = finish_data (result, error)) == NULL)
    return 0;
  if (undo != NULL)
    *undo = _crm_kb_undo_new (CRM_KB_CHANGE_CREATE, d->article_id);
  return d->article_id;
}

/* --- Update --- */

static gboolean
read_before (CrmStoreWorker  *worker,
             WriteData       *d,
             GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker, "SELECT title, body, tags, language, published, updated "
                                            "FROM kb_article WHERE id = ? AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->article_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      d->undo = _crm_kb_undo_new (CRM_KB_CHANGE_UPDATE, d->article_id);
      d->undo->before = crm_kb_draft_new ();
      g_free (d->undo->before->title);
      g_free (d->undo->before->body);
      g_free (d->undo->before->tags);
      g_free (d->undo->before->language);
      d->undo->before->title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      d->undo->before->body = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      d->undo->before->tags = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      d->undo->before->language = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      d->undo->before->published = sqlite3_column_int (stmt, 4) != 0;
      d->undo->before_updated = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    set_not_found (error);
  else if (rc != SQLITE_ROW)
    _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, NULL);
  return rc == SQLITE_ROW;
}

static gboolean
write_fields (CrmStoreWorker    *worker,
              gint64             id,
              const CrmKbDraft  *draft,
              gint64             updated,
              GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = _crm_store_worker_prepare (worker,
                                    "UPDATE kb_article SET title = ?1, body = ?2, tags = ?3, "
                                    "language = ?4, published = ?5, updated = ?6 WHERE id = ?7",
                                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 6, updated);
  sqlite3_bind_int64 (stmt, 7, id);
  return bind_draft_and_step (worker, stmt, draft, error);
}

static gboolean
update_func (CrmStoreWorker  *worker,
             WriteData       *d,
             GError         **error)
{
  return read_before (worker, d, error) &&
         write_fields (worker, d->article_id, d->draft, _crm_store_worker_now (worker), error);
}

static void
update_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  run_write (worker, task, data, update_func);
}

void
crm_kb_update_async (CrmStore            *store,
                     gint64               article_id,
                     const CrmKbDraft    *draft,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (draft != NULL);

  start_draft_write (store, draft, article_id, update_job, crm_kb_update_async, "crm-kb-update",
                     cancellable, callback, user_data);
}

gboolean
crm_kb_update_finish (CrmStore      *store,
                      GAsyncResult  *result,
                      CrmKbUndo    **undo,
                      GError       **error)
{
  WriteData *d;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  if ((d = finish_data (result, error)) == NULL)
    return FALSE;
  if (undo != NULL)
    *undo = crm_kb_undo_ref (d->undo);
  return TRUE;
}

/* --- Delete (trash) --- */

static gboolean
set_deleted (CrmStoreWorker  *worker,
             gint64           id,
             gboolean         deleted,
             GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = _crm_store_worker_prepare (worker, "UPDATE kb_article SET deleted = ?1, updated = ?2 "
                                            "WHERE id = ?3 AND deleted = ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, deleted ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, _crm_store_worker_now (worker));
  sqlite3_bind_int64 (stmt, 3, id);
  sqlite3_bind_int (stmt, 4, deleted ? 0 : 1);
  if (!_crm_store_worker_step (worker, stmt, error))
    return FALSE;
  if (sqlite3_changes (_crm_store_worker_get_db (worker)) == 0)
    {
      set_not_found (error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_func (CrmStoreWorker  *worker,
             WriteData       *d,
             GError         **error)
{
  return set_deleted (worker, d->article_id, TRUE, error);
}

static void
delete_job (CrmStoreWorker *worker,
            GTask          *task,
            gpointer        data)
{
  run_write (worker, task, data, delete_func);
}

void
crm_kb_delete_async (CrmStore            *store,
                     gint64               article_id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  WriteData *d;

  g_return_if_fail (CRM_IS_STORE (store));

  d = g_new0 (WriteData, 1);
  d->article_id = article_id;
  _crm_store_run_async (store, delete_job, d, write_data_free, crm_kb_delete_async, "crm-kb-delete",
                        cancellable, callback, user_data);
}

gboolean
crm_kb_delete_finish (CrmStore      *store,
                      GAsyncResult  *result,
                      CrmKbUndo    **undo,
                      GError       **error)
{
  WriteData *d;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  if ((d = finish_data (result, error)) == NULL)
    return FALSE;
  if (undo != NULL)
    *undo = _crm_kb_undo_new (CRM_KB_CHANGE_DELETE, d->article_id);
  return TRUE;
}

/* --- Self-service resolutions --- */

static gboolean
resolution_func (CrmStoreWorker  *worker,
                 WriteData       *d,
                 GError         **error)
{
  CrmKbResolution *r = &d->resolution;
  const char *kind = d->customer_kind;
  gint64 now = _crm_store_worker_now (worker);
  gboolean exists = FALSE;
  sqlite3_stmt *stmt;

  if (!_crm_kb_worker_article_exists (worker, r->article_id, &exists, error))
    return FALSE;
  if (!exists)
    {
      set_not_found (error);
      return FALSE;
    }

  if (r->person_id == 0 && d->email != NULL)
    {
      r->person_id = _crm_kb_worker_find_person (worker, d->email, error);
      if (r->person_id < 0)
        return FALSE;
      if (r->person_id == 0)
        {
          /* Translators: %s is an email address */
          g_set_error (error, CRM_KB_ERROR, CRM_KB_ERROR_NO_PERSON,
                       _("Nobody in Rapport has the email address %s."), d->email);
          return FALSE;
        }
    }
  if (kind == NULL && (kind = _crm_kb_worker_customer_kind (worker, r->person_id, error)) == NULL)
    return FALSE;

  stmt = _crm_store_worker_prepare (worker,
                                    "INSERT INTO self_service_resolution (id, created, updated, "
                                    "article_id, person_id, channel, customer_kind, resolved, source) "
                                    "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  d->undo = _crm_kb_undo_new (CRM_KB_CHANGE_RESOLUTION, r->article_id);
  d->undo->resolution_id = _crm_store_worker_next_id (worker);
  sqlite3_bind_int64 (stmt, 1, d->undo->resolution_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, r->article_id);
  if (r->person_id > 0)
    sqlite3_bind_int64 (stmt, 4, r->person_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, d->channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, r->resolved > 0 ? r->resolved : now);
  sqlite3_bind_text (stmt, 8, d->source, -1, SQLITE_STATIC);
  return _crm_store_worker_step (worker, stmt, error);
}

static void
resolution_job (CrmStoreWorker *worker,
                GTask          *task,
                gpointer        data)
{
  run_write (worker, task, data, resolution_func);
}

/* TRUE for no address; FALSE for a valid one and for one that is not. */
static gboolean
email_is_bad (const char *email)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (email));

  return trimmed[0] != '\0' && !crm_email_is_valid (trimmed);
}

static gboolean
check_resolution (const CrmKbResolution  *r,
                  GError                **error)
{
  if (r->channel != NULL && !crm_kb_channel_is_valid (r->channel))
    {
      g_set_error_literal (error, CRM_KB_ERROR, CRM_KB_ERROR_CHANNEL,
                           _("Unknown channel."));
      return FALSE;
    }
  if (r->customer_kind != NULL && g_strcmp0 (r->customer_kind, "b2b") != 0 &&
      g_strcmp0 (r->customer_kind, "b2c") != 0)
    {
      g_set_error_literal (error, CRM_KB_ERROR, CRM_KB_ERROR_CUSTOMER_KIND,
                           _("A customer is a business (B2B) or a consumer (B2C)."));
      return FALSE;
    }
  if (r->person_id == 0 && r->email != NULL && email_is_bad (r->email))
    {
      /* Translators: %s is what was typed as an email address */
      g_set_error (error, CRM_KB_ERROR, CRM_KB_ERROR_EMAIL,
                   _("“%s” is not an email address."), r->email);
      return FALSE;
    }
  if (g_strcmp0 (r->source, "staff") != 0 && g_strcmp0 (r->source, "import") != 0 &&
      r->source != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "source");
      return FALSE;
    }
  return TRUE;
}

void
crm_kb_record_resolution_async (CrmStore              *store,
                                const CrmKbResolution *resolution,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data)
{
  GError *error = NULL;
  WriteData *d;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (resolution != NULL);

  if (!check_resolution (resolution, &error))
    {
      g_task_report_error (store, callback, user_data, crm_kb_record_resolution_async, error);
      return;
    }

  d = g_new0 (WriteData, 1);
  d->resolution = *resolution;
  d->email = g_strstrip (g_strdup (resolution->email != NULL ? resolution->email : ""));
  if (d->email[0] == '\0' || resolution->person_id != 0)
    g_clear_pointer (&d->email, g_free);
  d->channel = g_strdup (resolution->channel != NULL ? resolution->channel : "self-service");
  d->customer_kind = g_strdup (resolution->customer_kind);
  d->source = g_strdup (resolution->source != NULL ? resolution->source : "staff");
  d->resolution.email = d->email;
  d->resolution.channel = d->channel;
  d->resolution.customer_kind = d->customer_kind;
  d->resolution.source = d->source;
  _crm_store_run_async (store, resolution_job, d, write_data_free, crm_kb_record_resolution_async,
                        "crm-kb-record-resolution", cancellable, callback, user_data);
}

gint64
crm_kb_record_resolution_finish (CrmStore      *store,
                                 GAsyncResult  *result,
                                 CrmKbUndo    **undo,
                                 GError       **error)
{
  WriteData *d;

  g_return_val_if_fail (G_IS_TASK (result), 0);

  if ((d = finish_data (result, error)) == NULL)
    return 0;
  if (undo != NULL)
    *undo = crm_kb_undo_ref (d->undo);
  return d->undo->resolution_id;
}

/* --- Undo --- */

static gboolean
undo_func (CrmStoreWorker  *worker,
           WriteData       *d,
           GError         **error)
{
  CrmKbUndo *undo = d->undo;
  sqlite3_stmt *stmt;

  switch (undo->kind)
    {
    case CRM_KB_CHANGE_CREATE:
      return set_deleted (worker, undo->article_id, TRUE, error);

    case CRM_KB_CHANGE_DELETE:
      return set_deleted (worker, undo->article_id, FALSE, error);

    case CRM_KB_CHANGE_UPDATE:
      if (!write_fields (worker, undo->article_id, undo->before, undo->before_updated, error))
        return FALSE;
      if (sqlite3_changes (_crm_store_worker_get_db (worker)) == 0)
        {
          set_not_found (error);
          return FALSE;
        }
      return TRUE;

    case CRM_KB_CHANGE_RESOLUTION:
      stmt = _crm_store_worker_prepare (worker, "DELETE FROM self_service_resolution WHERE id = ?",
                                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, undo->resolution_id);
      return _crm_store_worker_step (worker, stmt, error);

    default:
      g_assert_not_reached ();
    }
}

static void
undo_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  run_write (worker, task, data, undo_func);
}

void
crm_kb_undo_async (CrmStore            *store,
                   CrmKbUndo           *undo,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  WriteData *d;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (undo != NULL);

  if (undo->undone)
    {
      g_task_report_new_error (store, callback, user_data, crm_kb_undo_async, CRM_KB_ERROR,
                               CRM_KB_ERROR_UNDONE, "%s", _("This change was already undone."));
      return;
    }
  /* Marked now: a second undo asked for before this one ran is refused too. */
  undo->undone = TRUE;
  d = g_new0 (WriteData, 1);
  d->undo = crm_kb_undo_ref (undo);
  _crm_store_run_async (store, undo_job, d, write_data_free, crm_kb_undo_async, "crm-kb-undo",
                        cancellable, callback, user_data);
}

gboolean
crm_kb_undo_finish (CrmStore      *store,
                    GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      /* A failed undo may be tried again. */
      WriteData *d = g_task_get_source_tag (G_TASK (result)) == crm_kb_undo_async
                     ? g_task_get_task_data (G_TASK (result)) : NULL;

      if (d != NULL && d->undo != NULL)
        d->undo->undone = FALSE;
      return FALSE;
    }
  return TRUE;
}

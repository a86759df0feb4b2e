/* crm-person-photo.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmPersonPhoto"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-person-photo.h"
#include "crm-store.h"
#include "crm-store-private.h"

G_DEFINE_QUARK (crm-person-photo-error-quark, crm_person_photo_error)

const char *
crm_person_photo_sniff_mime (const guint8 *data,
                             gsize         length)
{
  if (length >= 3 && memcmp (data, "\xFF\xD8\xFF", 3) == 0)
    return "image/jpeg";
  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1A\n", 8) == 0)
    return "image/png";
  if (length >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  if (length >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (length >= 4 && (memcmp (data, "II*\0", 4) == 0 || memcmp (data, "MM\0*", 4) == 0))
    return "image/tiff";
  if (length >= 2 && memcmp (data, "BM", 2) == 0)
    return "image/bmp";
  return NULL;
}

char *
crm_person_photo_check (GBytes  *data,
                        GError **error)
{
  const char *mime;
  const guchar *bytes;
  gsize size;

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &size);
  if (size > CRM_PERSON_PHOTO_MAX_SIZE)
    {
      g_set_error (error, CRM_PERSON_PHOTO_ERROR, CRM_PERSON_PHOTO_ERROR_TOO_LARGE,
                   _("The photo is larger than %u MiB."), CRM_PERSON_PHOTO_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if ((mime = crm_person_photo_sniff_mime (bytes, size)) == NULL)
    {
      g_set_error_literal (error, CRM_PERSON_PHOTO_ERROR, CRM_PERSON_PHOTO_ERROR_NOT_IMAGE,
                           _("The file is not an image."));
      return NULL;
    }
  return g_strdup (mime);
}

typedef struct
{
  gint64  person_id;
  GBytes *data;      /* save: NULL removes; load: the result */
  char   *mime;
} PhotoData;

static void
photo_data_free (gpointer data)
{
  PhotoData *d = data;

  g_clear_pointer (&d->data, g_bytes_unref);
  g_free (d->mime);
  g_free (d);
}

static void
load_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  PhotoData *d = data;
  PhotoData *out = g_new0 (PhotoData, 1);
  GError *error = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker, "SELECT mime, data FROM person_photo WHERE person_id = ?",
                                    &error);
  if (stmt == NULL)
    {
      photo_data_free (out);
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, d->person_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->mime = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      out->data = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    _crm_store_set_error (&error, _crm_store_worker_get_db (worker), rc, NULL);
  sqlite3_reset (stmt);

  if (error != NULL)
    {
      photo_data_free (out);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, out, photo_data_free);
}

void
crm_person_photo_load_async (CrmStore            *store,
                             gint64               person_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PhotoData *d;

  g_return_if_fail (CRM_IS_STORE (store));

  d = g_new0 (PhotoData, 1);
  d->person_id = person_id;
  _crm_store_run_async (store, load_job, d, photo_data_free, crm_person_photo_load_async,
                        "crm-person-photo-load", cancellable, callback, user_data);
}

GBytes *
crm_person_photo_load_finish (CrmStore      *store,
                              GAsyncResult  *result,
                              char         **mime,
                              GError       **error)
{
  PhotoData *out;
  GBytes *data;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  if (mime != NULL)
    *mime = NULL;
  out = g_task_propagate_pointer (G_TASK (result), error);
  if (out == NULL)
    return NULL;
  data = g_steal_pointer (&out->data);
  if (mime != NULL && data != NULL)
    *mime = g_steal_pointer (&out->mime);
  photo_data_free (out);
  return data;
}

static void
save_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  PhotoData *d = data;
  GError *error = NULL;
  sqlite3_stmt *stmt;

  if (d->data != NULL)
    stmt = _crm_store_worker_prepare (worker,
                                      "INSERT INTO person_photo (person_id, updated, mime, data) "
                                      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (person_id) DO UPDATE "
                                      "SET updated = ?2, mime = ?3, data = ?4", &error);
  else
    stmt = _crm_store_worker_prepare (worker, "DELETE FROM person_photo WHERE person_id = ?1",
                                      &error);
  if (stmt == NULL || !_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  sqlite3_bind_int64 (stmt, 1, d->person_id);
  if (d->data != NULL)
    {
      gsize size;
      gconstpointer bytes = g_bytes_get_data (d->data, &size);

      sqlite3_bind_int64 (stmt, 2, _crm_store_worker_now (worker));
      sqlite3_bind_text (stmt, 3, d->mime, -1, SQLITE_STATIC);
      sqlite3_bind_blob64 (stmt, 4, bytes, size, SQLITE_STATIC);
    }
  if (_crm_store_worker_step (worker, stmt, &error) && _crm_store_worker_commit (worker, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  _crm_store_worker_rollback (worker);
  g_task_return_error (task, error);
}

void
crm_person_photo_save_async (CrmStore            *store,
                             gint64               person_id,
                             GBytes              *data,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mime = NULL;
  PhotoData *d;

  g_return_if_fail (CRM_IS_STORE (store));

  if (data != NULL && (mime = crm_person_photo_check (data, &error)) == NULL)
    {
      g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

      g_task_set_source_tag (task, crm_person_photo_save_async);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  d = g_new0 (PhotoData, 1);
  d->person_id = person_id;
  d->data = data != NULL ? g_bytes_ref (data) : NULL;
  d->mime = g_steal_pointer (&mime);
  _crm_store_run_async (store, save_job, d, photo_data_free, crm_person_photo_save_async,
                        "crm-person-photo-save", cancellable, callback, user_data);
}

gboolean
crm_person_photo_save_finish (CrmStore      *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

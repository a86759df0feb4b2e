/* crm-segment-list.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmSegment"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-filter.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-segment-list.h"
#include "crm-store.h"

static gboolean
target_is_valid (const char *target)
{
  return g_strcmp0 (target, "person") == 0 || g_strcmp0 (target, "organization") == 0;
}

/* --- List --- */

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GListModel *model = crm_store_query_finish (CRM_STORE (source), result, &error);

  if (model == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, model, g_object_unref);
}

void
crm_segments_list_async (CrmStore            *store,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_SEGMENT);
  GTask *task;

  g_return_if_fail (CRM_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_segments_list_async);
  crm_query_set_order (query, "position", FALSE);
  crm_store_query_async (store, query, cancellable, on_listed_cb, task);
}

GListModel *
crm_segments_list_finish (CrmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Count --- */

static void
on_counted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gint64 n = crm_store_count_finish (CRM_STORE (source), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_memdup2 (&n, sizeof n), g_free);
}

static void
on_count_query_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  g_autoptr(CrmQuery) query = crm_filter_build_query_finish (CRM_STORE (source), result, &error);

  if (query == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  crm_store_count_async (CRM_STORE (source), query, g_task_get_cancellable (task), on_counted_cb,
                         g_object_ref (task));
}

void
crm_segment_count_async (CrmStore            *store,
                         const char          *target,
                         const char          *json,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (target_is_valid (target));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_segment_count_async);
  crm_filter_build_query_async (store, target, json, cancellable, on_count_query_cb, task);
}

gint64
crm_segment_count_finish (CrmStore      *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_autofree gint64 *n = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), -1);

  n = g_task_propagate_pointer (G_TASK (result), error);
  return n ? *n : -1;
}

/* --- Create --- */

static gboolean
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  if (*trimmed == '\0')
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("A segment needs a name"));
      return FALSE;
    }
  return TRUE;
}

static void
on_inserted_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!crm_store_insert_finish (CRM_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_object_ref (g_task_get_task_data (task)), g_object_unref);
}

static void
on_create_listed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmSegment *segment = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GListModel) segments = crm_segments_list_finish (CRM_STORE (source), result, &error);
  guint n;
  gint64 position = 0;

  if (segments == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  n = g_list_model_get_n_items (segments);
  if (n > 0)
    {
      g_autoptr(CrmSegment) last = g_list_model_get_item (segments, n - 1);

      position = crm_segment_get_position (last) + 1;
    }
  crm_segment_set_position (segment, position);
  crm_store_insert_async (CRM_STORE (source), CRM_RECORD (segment), g_task_get_cancellable (task),
                          on_inserted_cb, g_object_ref (task));
}

static void
on_create_fields_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmSegment *segment = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GListModel) fields = NULL;

  fields = crm_filter_load_custom_fields_finish (CRM_STORE (source), result, &error);
  if (fields == NULL ||
      !crm_filter_validate (crm_segment_get_target (segment), crm_segment_get_filter (segment),
                            fields, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  crm_segments_list_async (CRM_STORE (source), g_task_get_cancellable (task), on_create_listed_cb,
                           g_object_ref (task));
}

void
crm_segment_create_async (CrmStore            *store,
                          const char          *name,
                          const char          *target,
                          const char          *json,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *trimmed = NULL;
  CrmSegment *segment;
  GError *error = NULL;

  g_return_if_fail (CRM_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_segment_create_async);
  if (!check_name (name, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!target_is_valid (target))
    {
      g_task_return_new_error (task, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                               _("Segments are lists of people or of organizations"));
      return;
    }

  trimmed = g_strstrip (g_strdup (name));
  segment = crm_segment_new ();
  crm_segment_set_name (segment, trimmed);
  crm_segment_set_target (segment, target);
  crm_segment_set_filter (segment, json ? json : CRM_FILTER_EMPTY);
  g_task_set_task_data (task, segment, g_object_unref);
  crm_filter_load_custom_fields_async (store, target, cancellable, on_create_fields_cb,
                                       g_steal_pointer (&task));
}

CrmSegment *
crm_segment_create_finish (CrmStore      *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- Update --- */

gboolean
crm_segment_update (CrmSegment  *segment,
                    const char  *name,
                    const char  *json,
                    GListModel  *custom_fields,
                    GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CRM_IS_SEGMENT (segment), FALSE);

  if (name != NULL && !check_name (name, error))
    return FALSE;
  if (json != NULL &&
      !crm_filter_validate (crm_segment_get_target (segment), json, custom_fields, error))
    return FALSE;

  if (name != NULL)
    {
      trimmed = g_strstrip (g_strdup (name));
      if (g_strcmp0 (trimmed, crm_segment_get_name (segment)) != 0)
        crm_segment_set_name (segment, trimmed);
    }
  if (json != NULL && g_strcmp0 (json, crm_segment_get_filter (segment)) != 0)
    crm_segment_set_filter (segment, json);
  return TRUE;
}

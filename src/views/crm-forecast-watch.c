/* crm-forecast-watch.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmForecastWatch"

#include "config.h"

#include <string.h>

#include "crm-forecast-watch.h"
#include "crm-store.h"

/* Several changes in a row make one read. */
#define RELOAD_DELAY_MS 250

typedef struct
{
  GtkWidget        *view;    /* a reference: the watch lives inside it */
  CrmForecastWatch *watch;
} Load;

void
crm_forecast_watch_init (CrmForecastWatch        *self,
                         GtkWidget               *view,
                         const char *const       *tables,
                         CrmForecastWatchStarted  started,
                         CrmForecastWatchLoaded   loaded)
{
  memset (self, 0, sizeof *self);
  self->view = view;
  self->tables = tables;
  self->started = started;
  self->loaded = loaded;
  self->handlers = g_array_new (FALSE, TRUE, sizeof (gulong));
}

static void
disconnect_store (CrmForecastWatch *self)
{
  if (self->store == NULL)
    return;
  for (guint i = 0; i < self->handlers->len; i++)
    g_signal_handler_disconnect (self->store, g_array_index (self->handlers, gulong, i));
  g_array_set_size (self->handlers, 0);
  g_clear_object (&self->store);
}

void
crm_forecast_watch_clear (CrmForecastWatch *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->handlers != NULL)
    disconnect_store (self);
  g_clear_pointer (&self->handlers, g_array_unref);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(GError) error = NULL;
  CrmForecastData *data = crm_forecast_load_finish (CRM_STORE (source), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    load->watch->loaded (load->view, data, error);
  g_object_unref (load->view);
  g_free (load);
}

void
crm_forecast_watch_reload (CrmForecastWatch *self)
{
  Load *load;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->dirty = FALSE;
  if (self->store == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->started (self->view);

  load = g_new0 (Load, 1);
  load->view = g_object_ref (self->view);
  load->watch = self;
  crm_forecast_load_async (self->store, NULL, self->cancellable, on_loaded_cb, load);
}

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  CrmForecastWatch *self = user_data;

  self->reload_source = 0;
  crm_forecast_watch_reload (self);
  return G_SOURCE_REMOVE;
}

void
crm_forecast_watch_queue (CrmForecastWatch *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (self->view) && self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, on_reload_timeout_cb, self);
}

static void
on_store_changed_cb (CrmStore         *store,
                     const char       *table,
                     GArray           *ids,
                     CrmForecastWatch *self)
{
  crm_forecast_watch_queue (self);
}

void
crm_forecast_watch_set_store (CrmForecastWatch *self,
                              CrmStore         *store)
{
  disconnect_store (self);
  g_cancellable_cancel (self->cancellable);
  if (store == NULL)
    return;
  self->store = g_object_ref (store);
  for (guint i = 0; self->tables[i] != NULL; i++)
    {
      g_autofree char *detailed = g_strconcat ("changed::", self->tables[i], NULL);
      gulong id = g_signal_connect (store, detailed, G_CALLBACK (on_store_changed_cb), self);

      g_array_append_val (self->handlers, id);
    }
}

void
crm_forecast_watch_map (CrmForecastWatch *self,
                        gboolean          never_read)
{
  if (self->dirty || never_read)
    crm_forecast_watch_reload (self);
}

gboolean
crm_forecast_watch_is_pending (CrmForecastWatch *self)
{
  return self->reload_source != 0;
}

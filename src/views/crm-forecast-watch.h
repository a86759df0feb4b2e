/* crm-forecast-watch.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-forecast.h"

G_BEGIN_DECLS

/* What the forecast and sales-cycle views share: reading the deals off the
 * UI thread (crm_forecast_load_async) when shown, again when the store's
 * deals, stages or pipelines change (coalesced, and only while shown; a
 * hidden view reads when next mapped), and dropping reads made stale. Lives
 * inside the view that owns it. */

typedef void (*CrmForecastWatchStarted) (GtkWidget *view);
/* @data: (transfer full) (nullable): what was read, or NULL with @error. */
typedef void (*CrmForecastWatchLoaded)  (GtkWidget       *view,
                                         CrmForecastData *data,
                                         const GError    *error);

typedef struct
{
  /*< private >*/
  GtkWidget               *view;
  const char *const       *tables;
  CrmForecastWatchStarted  started;
  CrmForecastWatchLoaded   loaded;
  CrmStore                *store;
  GArray                  *handlers;      /* gulong */
  GCancellable            *cancellable;
  guint                    reload_source;
  gboolean                 dirty;
} CrmForecastWatch;

/* @tables: NULL-terminated, static: the tables whose changes mean a read. */
void     crm_forecast_watch_init       (CrmForecastWatch        *self,
                                        GtkWidget               *view,
                                        const char *const       *tables,
                                        CrmForecastWatchStarted  started,
                                        CrmForecastWatchLoaded   loaded);
void     crm_forecast_watch_clear      (CrmForecastWatch        *self);
/* Follows @store (nullable): a read running for the last one is dropped. */
void     crm_forecast_watch_set_store  (CrmForecastWatch        *self,
                                        CrmStore                *store);
/* Reads now (when there is a store). */
void     crm_forecast_watch_reload     (CrmForecastWatch        *self);
/* Reads soon when the view is shown, else when crm_forecast_watch_map()
 * finds it due. */
void     crm_forecast_watch_queue      (CrmForecastWatch        *self);
/* For the view's map: reads when due or when @never_read. */
void     crm_forecast_watch_map        (CrmForecastWatch        *self,
                                        gboolean                 never_read);
/* A read is due or waits to start. */
gboolean crm_forecast_watch_is_pending (CrmForecastWatch        *self);

G_END_DECLS

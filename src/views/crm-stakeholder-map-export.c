/* crm-stakeholder-map-export.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The map page's Export menu: PNG and SVG files through a save dialog, and
 * printing, all drawn by the shared renderer (the light style: paper and
 * proposals are white).
 */

#define G_LOG_DOMAIN "CrmStakeholderMapView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-stakeholder-map-view-private.h"
#include "crm-stakeholder-layout.h"
#include "crm-stakeholder-render.h"

/* PNG exports at twice the map's size, sharp on a slide. */
#define PNG_SCALE 2.0

typedef struct
{
  CrmStakeholderMapView *self;
  CrmStakeholderMap     *map;
  char                  *format;
  gboolean               reported;
} ExportData;

static void
export_data_free (ExportData *d)
{
  g_object_unref (d->self);
  g_object_unref (d->map);
  g_free (d->format);
  g_free (d);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       ExportData      *d)
{
  CrmStakeholderMapView *self = d->self;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = crm_context_get_now (self->context);
  guint stale = _crm_stakeholder_map_view_get_stale_days (self);
  gboolean ok;

  if (response != GTK_RESPONSE_ACCEPT ||
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    goto out;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      _crm_stakeholder_map_view_toast (self, _("The map can only be exported to a local file"));
      goto out;
    }

  if (g_str_equal (d->format, "svg"))
    ok = crm_stakeholder_export_svg (d->map, CRM_MAP_STYLE_LIGHT, now, stale, path, &error);
  else
    ok = crm_stakeholder_export_png (d->map, CRM_MAP_STYLE_LIGHT, now, stale, PNG_SCALE, path,
                                     &error);

  if (ok)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Exported the map to “%s”"), name);

      _crm_stakeholder_map_view_toast (self, message);
    }
  else
    {
      /* Translators: %s says why, e.g. "Permission denied" */
      g_autofree char *message = g_strdup_printf (_("The map could not be exported: %s"),
                                                  error->message);

      _crm_stakeholder_map_view_toast (self, message);
    }

out:
  export_data_free (d);
  g_object_unref (chooser);
}

static char *
dup_file_name (CrmStakeholderMapView *self,
               const char            *extension)
{
  const char *title = crm_stakeholder_map_get_title (self->map);
  g_autofree char *safe = g_strdup (title != NULL && title[0] != '\0' ? title : _("Stakeholder Map"));

  /* No folder separators in a file name. */
  g_strdelimit (safe, "/\\:", '-');

  return g_strdup_printf ("%s.%s", safe, extension);
}

void
_crm_stakeholder_map_view_export_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (widget);
  const char *format = g_variant_get_string (param, NULL);
  gboolean svg = g_str_equal (format, "svg");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  ExportData *d;

  if (self->map == NULL)
    return;

  chooser = gtk_file_chooser_native_new (svg ? _("Export as SVG") : _("Export as PNG"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, svg ? _("SVG Images") : _("PNG Images"));
  gtk_file_filter_add_suffix (filter, svg ? "svg" : "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = dup_file_name (self, svg ? "svg" : "png");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  d = g_new0 (ExportData, 1);
  d->self = g_object_ref (self);
  d->map = g_object_ref (self->map);
  d->format = g_strdup (svg ? "svg" : "png");
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), d);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Printing: the whole map on one page, scaled to fit and centred. */

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 ExportData        *d)
{
  CrmStakeholderMapView *self = d->self;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  PangoContext *pango = gtk_print_context_create_pango_context (context);
  CrmMapRenderer *renderer = crm_map_renderer_new (d->map, pango);
  g_autoptr(GArray) points = NULL;
  double page_width = gtk_print_context_get_width (context);
  double page_height = gtk_print_context_get_height (context);
  double x, y, width, height, scale;

  crm_map_renderer_set_style (renderer, CRM_MAP_STYLE_LIGHT);
  crm_map_renderer_set_clock (renderer, crm_context_get_now (self->context),
                              _crm_stakeholder_map_view_get_stale_days (self));
  points = crm_stakeholder_layout (d->map, crm_map_renderer_get_metrics (renderer), TRUE);
  crm_map_renderer_set_points (renderer, points);
  crm_map_renderer_get_extent (renderer, &x, &y, &width, &height);

  if (width > 0 && height > 0)
    {
      scale = MIN (page_width / width, page_height / height);
      scale = MIN (scale, 1.0);
      cairo_save (cr);
      cairo_translate (cr, (page_width - width * scale) / 2, (page_height - height * scale) / 2);
      cairo_scale (cr, scale, scale);
      cairo_translate (cr, -x, -y);
      crm_map_renderer_draw (renderer, cr);
      cairo_restore (cr);
    }

  crm_map_renderer_free (renderer);
  g_object_unref (pango);
}

static void
report_print_error (ExportData   *d,
                    const GError *error)
{
  g_autofree char *message = NULL;

  if (d->reported)
    return;
  d->reported = TRUE;
  /* Translators: %s says why */
  message = g_strdup_printf (_("The map could not be printed: %s"),
                             error != NULL ? error->message : "");
  _crm_stakeholder_map_view_toast (d->self, message);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  ExportData              *d)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      report_print_error (d, error);
    }
}

void
_crm_stakeholder_map_view_print_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  CrmStakeholderMapView *self = CRM_STAKEHOLDER_MAP_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  const char *title;
  ExportData *d;

  if (self->map == NULL)
    return;

  title = crm_stakeholder_map_get_title (self->map);
  operation = gtk_print_operation_new ();
  /* Maps are wider than tall. */
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, title != NULL && title[0] != '\0'
                                               ? title : _("Stakeholder Map"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);

  d = g_new0 (ExportData, 1);
  d->self = g_object_ref (self);
  d->map = g_object_ref (self->map);
  d->format = g_strdup ("print");
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), d);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done_cb), d);

  gtk_print_operation_set_allow_async (operation, TRUE);
  /* The operation keeps itself alive while it prints, and @d with it. */
  g_object_set_data_full (G_OBJECT (operation), "export-data", d,
                          (GDestroyNotify) export_data_free);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    report_print_error (d, error);
  g_object_unref (operation);
}

/* crm-stakeholder-render-export.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stakeholder map's legend, and the whole map to SVG, PNG and PDF files.
 */

#define G_LOG_DOMAIN "CrmStakeholderRender"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>

#include "crm-keys.h"
#include "crm-stakeholder-render-private.h"

/* --- the legend --- */

static const char *
legend_text (CrmMapRenderer *self,
             LegendItem      item,
             char          **owned)
{
  switch (item)
    {
    case LEGEND_SUPPORTER:
      return crm_keys_get_label ("attitude", "supporter");
    case LEGEND_NEUTRAL:
      return crm_keys_get_label ("attitude", "neutral");
    case LEGEND_OPPONENT:
      return crm_keys_get_label ("attitude", "opponent");
    case LEGEND_STALE:
      /* TRANSLATORS: the stale marker (a clock) in the stakeholder map legend */
      return *owned = g_strdup_printf (ngettext ("No contact in %u day", "No contact in %u days",
                                                 self->stale_days), self->stale_days);
    case LEGEND_REPORTS_TO:
      return C_("stakeholder map legend", "Reports to");
    case LEGEND_INFLUENCES:
      return C_("stakeholder map legend", "Influences");
    case LEGEND_INFLUENCE:
      /* TRANSLATORS: followed by rings for low, medium and high influence */
      return C_("stakeholder map legend", "Influence:");
    case LEGEND_LOW:
      return crm_keys_get_label ("influence", "low");
    case LEGEND_MEDIUM:
      return crm_keys_get_label ("influence", "medium");
    case LEGEND_HIGH:
      return crm_keys_get_label ("influence", "high");
    case N_LEGEND:
    default:
      break;
    }
  g_return_val_if_reached ("");
}

static void
ensure_legend (CrmMapRenderer *self)
{
  if (self->legend[0] != NULL && self->legend_stale_days == self->stale_days)
    return;
  for (guint i = 0; i < N_LEGEND; i++)
    {
      g_autofree char *owned = NULL;
      const char *text = legend_text (self, i, &owned);

      g_clear_object (&self->legend[i]);
      self->legend[i] = _crm_map_make_layout (self, text, LEGEND_PX, PANGO_WEIGHT_NORMAL, 0);
    }
  self->legend_stale_days = self->stale_days;
}

#define LEGEND_ROW     28.0
#define LEGEND_PAD     14.0
#define LEGEND_SAMPLE  30.0   /* width of a symbol before its text */
#define LEGEND_SPACING 24.0   /* between items */

/* Walks the legend's two rows; draws when @cr is not NULL.  Returns the size. */
static void
legend_walk (CrmMapRenderer *self,
             cairo_t        *cr,
             double          x0,
             double          y0,
             double         *width,
             double         *height)
{
  static const LegendItem rows[2][6] = {
    { LEGEND_SUPPORTER, LEGEND_NEUTRAL, LEGEND_OPPONENT, LEGEND_STALE, N_LEGEND },
    { LEGEND_REPORTS_TO, LEGEND_INFLUENCES, LEGEND_INFLUENCE, LEGEND_LOW, LEGEND_MEDIUM, LEGEND_HIGH },
  };
  const Palette *pal = _crm_map_palette (self);
  double widest = 0;

  ensure_legend (self);
  for (guint r = 0; r < 2; r++)
    {
      double x = x0 + LEGEND_PAD, cy = y0 + LEGEND_PAD + LEGEND_ROW * (r + 0.5);

      for (guint k = 0; k < G_N_ELEMENTS (rows[r]) && rows[r][k] != N_LEGEND; k++)
        {
          LegendItem item = rows[r][k];
          double tw, th, sample = item == LEGEND_INFLUENCE ? 0 : LEGEND_SAMPLE;

          if (item == LEGEND_STALE && (self->now <= 0 || self->stale_days == 0))
            continue;
          if (item == LEGEND_REPORTS_TO || item == LEGEND_INFLUENCES)
            sample = 44;
          _crm_map_layout_size (self->legend[item], &tw, &th);
          if (cr != NULL)
            {
              cairo_save (cr);
              _crm_map_set_rgba (cr, &pal->text);
              if (item <= LEGEND_OPPONENT)
                _crm_map_attitude_badge (pal, cr, item == LEGEND_SUPPORTER ? "supporter"
                                         : item == LEGEND_OPPONENT ? "opponent" : "neutral",
                                &pal->card, x + 10, cy, 9);
              else if (item == LEGEND_STALE)
                _crm_map_clock_mark (pal, cr, x + 10, cy, 8);
              else if (item == LEGEND_REPORTS_TO)
                {
                  _crm_map_set_rgba (cr, &pal->line);
                  cairo_set_line_width (cr, pal->line_width);
                  cairo_move_to (cr, x, cy);
                  cairo_line_to (cr, x + 30, cy);
                  cairo_stroke (cr);
                  _crm_map_arrow_head (cr, x + 36, cy, 1, 0, 4.5);
                  cairo_fill (cr);
                }
              else if (item == LEGEND_INFLUENCES)
                {
                  double dashes[] = { 7, 5 };

                  _crm_map_set_rgba (cr, &pal->influence);
                  cairo_set_line_width (cr, 2);
                  cairo_set_dash (cr, dashes, 2, 0);
                  cairo_move_to (cr, x, cy);
                  cairo_line_to (cr, x + 29, cy);
                  cairo_stroke (cr);
                  cairo_set_dash (cr, NULL, 0, 0);
                  _crm_map_arrow_head (cr, x + 36, cy, 1, 0, 5);
                  cairo_fill (cr);
                }
              else if (item >= LEGEND_LOW)
                {
                  double ring = _crm_map_influence_ring (item == LEGEND_LOW ? "low"
                                                : item == LEGEND_HIGH ? "high" : "medium");

                  cairo_set_line_width (cr, ring);
                  cairo_arc (cr, x + 10, cy, 8 - ring / 2, 0, 2 * G_PI);
                  cairo_stroke (cr);
                }
              _crm_map_set_rgba (cr, &pal->text);
              _crm_map_show_layout (cr, self->legend[item], x + sample, cy - th / 2);
              cairo_restore (cr);
            }
          x += sample + tw + (item == LEGEND_INFLUENCE ? 12 : LEGEND_SPACING);
        }
      widest = MAX (widest, x - LEGEND_SPACING + LEGEND_PAD - x0);
    }
  *width = widest;
  *height = 2 * LEGEND_PAD + 2 * LEGEND_ROW;
}

/* The legend's box, below the nodes. */
void
_crm_map_legend_box (CrmMapRenderer *self,
            double         *x,
            double         *y,
            double         *w,
            double         *h)
{
  double bx, by, bw, bh;

  crm_stakeholder_layout_bounds (_crm_map_points_of (self) ? self->points : NULL, &self->metrics,
                                 &bx, &by, &bw, &bh);
  legend_walk (self, NULL, 0, 0, w, h);
  *x = bx;
  *y = bh > 0 ? by + bh + LEGEND_GAP : by;
}

void
_crm_map_draw_legend (CrmMapRenderer *self,
             cairo_t        *cr)
{
  const Palette *pal = _crm_map_palette (self);
  double x, y, w, h;

  _crm_map_legend_box (self, &x, &y, &w, &h);
  cairo_save (cr);
  _crm_map_rounded_rect (cr, x, y, w, h, RADIUS);
  _crm_map_set_rgba (cr, &pal->card);
  cairo_fill_preserve (cr);
  _crm_map_set_rgba (cr, &pal->border);
  cairo_set_line_width (cr, pal->border_width);
  cairo_stroke (cr);
  cairo_restore (cr);
  legend_walk (self, cr, x, y, &w, &h);
}

/* --- export --- */

typedef enum
{
  EXPORT_SVG,
  EXPORT_PNG,
  EXPORT_PDF,
} ExportKind;

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The title of an exported map, above it. */
static double
draw_title (CrmMapRenderer *self,
            cairo_t        *cr,
            double          x,
            double          y)
{
  const char *title = crm_stakeholder_map_get_title (self->map);
  g_autoptr(PangoLayout) layout = NULL;
  double w, h;

  if (title == NULL || title[0] == '\0')
    return 0;
  layout = _crm_map_make_layout (self, title, 22, PANGO_WEIGHT_BOLD, 0);
  _crm_map_layout_size (layout, &w, &h);
  if (cr != NULL)
    {
      _crm_map_set_rgba (cr, &_crm_map_palette (self)->text);
      _crm_map_show_layout (cr, layout, x, y);
    }
  return h + 20;
}

static gboolean
export_map (CrmStakeholderMap  *map,
            CrmMapStyle         style,
            gint64              now,
            guint               stale_days,
            ExportKind          kind,
            double              scale,
            const char         *path,
            GError            **error)
{
  g_autoptr(GArray) points = crm_stakeholder_layout (map, NULL, TRUE);
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  CrmMapRenderer *r = crm_map_renderer_new (map, NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double x, y, w, h, title_h, page_w, page_h;

  crm_map_renderer_set_style (r, style);
  crm_map_renderer_set_clock (r, now, stale_days);
  crm_map_renderer_set_points (r, points);
  crm_map_renderer_get_extent (r, &x, &y, &w, &h);
  title_h = draw_title (r, NULL, 0, 0);
  page_w = w + 2 * EXPORT_MARGIN;
  page_h = h + title_h + 2 * EXPORT_MARGIN;

  if (kind == EXPORT_PNG)
    {
      scale = MIN (scale, MIN (MAX_PNG_SIDE / page_w, MAX_PNG_SIDE / page_h));
      scale = MIN (scale, sqrt (MAX_PNG_PIXELS / (page_w * page_h)));
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (page_w * scale),
                                            (int) ceil (page_h * scale));
    }
  else if (kind == EXPORT_SVG)
    {
      scale = 1;
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, page_w, page_h);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else
    {
      /* 96 map units to the inch, as on screen; smaller for a huge map. */
      scale = MIN (0.75, MIN (MAX_PDF_SIDE / page_w, MAX_PDF_SIDE / page_h));
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, page_w * scale,
                                                     page_h * scale);
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_save (cr);
  cairo_translate (cr, EXPORT_MARGIN - x, EXPORT_MARGIN + title_h - y);
  crm_map_renderer_draw (r, cr);
  cairo_restore (cr);
  draw_title (r, cr, EXPORT_MARGIN, EXPORT_MARGIN);
  status = cairo_status (cr);
  cairo_destroy (cr);
  crm_map_renderer_free (r);

  if (status == CAIRO_STATUS_SUCCESS && kind == EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the map: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  /* A temporary file in the same directory renamed over @path: never a
   * partial file. */
  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, error))
    {
      g_prefix_error (error, _("Could not export to “%s”: "), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_stakeholder_export_svg (CrmStakeholderMap  *map,
                            CrmMapStyle         style,
                            gint64              now,
                            guint               stale_days,
                            const char         *path,
                            GError            **error)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (map), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_map (map, style, now, stale_days, EXPORT_SVG, 1, path, error);
}

gboolean
crm_stakeholder_export_png (CrmStakeholderMap  *map,
                            CrmMapStyle         style,
                            gint64              now,
                            guint               stale_days,
                            double              scale,
                            const char         *path,
                            GError            **error)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (map), FALSE);
  g_return_val_if_fail (scale > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_map (map, style, now, stale_days, EXPORT_PNG, scale, path, error);
}

gboolean
crm_stakeholder_export_pdf (CrmStakeholderMap  *map,
                            CrmMapStyle         style,
                            gint64              now,
                            guint               stale_days,
                            const char         *path,
                            GError            **error)
{
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (map), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_map (map, style, now, stale_days, EXPORT_PDF, 1, path, error);
}

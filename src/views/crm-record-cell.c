/* crm-record-cell.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One leaf widget that draws its own text (one PangoLayout) or, while the
 * record loads, the placeholder bar.  GTK 4.8's column view keeps about two
 * hundred rows of cells alive whatever the window shows, so a cell made of
 * child widgets (an inscription and a placeholder box) cost three widgets and
 * their CSS nodes each; drawing them here keeps the table's memory near a
 * plain list's.  The size never depends on the text, so a million rows scroll
 * without measuring anything.
 */

#define G_LOG_DOMAIN "CrmRecordCell"

#include "config.h"

#include "crm-compat.h"
#include "crm-record-cell.h"
#include "crm-record.h"

#define MIN_CHARS         4
#define PLACEHOLDER_CHARS 4   /* the loading bar's width, like .placeholder-line.cell */

struct _CrmRecordCell
{
  GtkWidget            parent_instance;

  char                *text;
  PangoLayout         *layout;     /* made when first drawn, dropped on style changes */
  int                  nat_chars;
  gboolean             numeric;
  CrmRecordCellFormat  format;
  gpointer             user_data;

  CrmPagedItem        *item;
  CrmRecord           *record;
};

G_DEFINE_FINAL_TYPE (CrmRecordCell, crm_record_cell, GTK_TYPE_WIDGET)

static void
update_text (CrmRecordCell *self)
{
  g_autofree char *text = NULL;

  if (self->record != NULL)
    text = self->format (self->record, self->user_data);
  if (self->record != NULL && text == NULL)
    text = g_strdup ("");

  if (g_strcmp0 (text, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, self->text != NULL ? self->text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->text != NULL ? self->text : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The width of an average character and the height of a line. */
static void
get_metrics (CrmRecordCell *self,
             int           *char_width,
             int           *line_height)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

  *char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics), PANGO_SCALE);
  *line_height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);
}

static void
crm_record_cell_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  CrmRecordCell *self = CRM_RECORD_CELL (widget);
  int char_width, line_height;

  get_metrics (self, &char_width, &line_height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (char_width * MIN_CHARS);
      *natural = PANGO_PIXELS_CEIL (char_width * MAX (self->nat_chars, MIN_CHARS));
    }
  else
    *minimum = *natural = PANGO_PIXELS_CEIL (line_height);
}

static void
crm_record_cell_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CrmRecordCell *self = CRM_RECORD_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;
  int text_width, text_height;

  crm_widget_get_color (widget, &color);

  if (self->text == NULL)
    {
      /* The loading bar: as .placeholder-line (0.8em high, 8% of the text colour). */
      int char_width, line_height;
      float bar_height, bar_width;
      GskRoundedRect bar;

      get_metrics (self, &char_width, &line_height);
      bar_height = MIN (height, PANGO_PIXELS (line_height) * 0.66f);
      bar_width = MIN (width, PANGO_PIXELS (char_width * PLACEHOLDER_CHARS * 2));
      gsk_rounded_rect_init_from_rect (&bar,
                                       &GRAPHENE_RECT_INIT (self->numeric ? width - bar_width : 0,
                                                            (height - bar_height) / 2,
                                                            bar_width, bar_height),
                                       4);
      color.alpha *= 0.08f;
      gtk_snapshot_push_rounded_clip (snapshot, &bar);
      gtk_snapshot_append_color (snapshot, &color, &bar.bounds);
      gtk_snapshot_pop (snapshot);
      return;
    }
  if (self->text[0] == '\0' || width <= 0)
    return;

  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      if (self->numeric)
        {
          /* Tabular figures, so that the digits of a column line up. */
          PangoAttrList *attrs = pango_attr_list_new ();

          pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum 1"));
          pango_layout_set_attributes (self->layout, attrs);
          pango_attr_list_unref (attrs);
        }
    }
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_get_pixel_size (self->layout, &text_width, &text_height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (self->numeric ? MAX (width - text_width, 0) : 0,
                                                (height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
crm_record_cell_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  CrmRecordCell *self = CRM_RECORD_CELL (widget);

  GTK_WIDGET_CLASS (crm_record_cell_parent_class)->css_changed (widget, change);
  /* A new font or scale: lay the text out again when next drawn. */
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (widget);
}

static void
on_record_notify_cb (CrmRecordCell *self,
                     GParamSpec    *pspec,
                     CrmRecord     *record)
{
  update_text (self);
}

static void
set_record (CrmRecordCell *self,
            CrmRecord     *record)
{
  if (self->record == record)
    {
      update_text (self);
      return;
    }

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_func (self->record, on_record_notify_cb, self);
  g_set_object (&self->record, record);
  if (record != NULL)
    g_signal_connect_object (record, "notify", G_CALLBACK (on_record_notify_cb), self,
                             G_CONNECT_SWAPPED);
  update_text (self);
}

static void
on_item_notify_record_cb (CrmRecordCell *self,
                          GParamSpec    *pspec,
                          CrmPagedItem  *item)
{
  set_record (self, crm_paged_item_get_record (item));
}

static void
crm_record_cell_dispose (GObject *object)
{
  CrmRecordCell *self = (CrmRecordCell *)object;

  crm_record_cell_set_item (self, NULL);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (crm_record_cell_parent_class)->dispose (object);
}

static void
crm_record_cell_class_init (CrmRecordCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_record_cell_dispose;

  widget_class->measure = crm_record_cell_measure;
  widget_class->snapshot = crm_record_cell_snapshot;
  widget_class->css_changed = crm_record_cell_css_changed;

  gtk_widget_class_set_css_name (widget_class, "recordcell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
crm_record_cell_init (CrmRecordCell *self)
{
  self->nat_chars = 12;
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
crm_record_cell_new (CrmRecordCellFormat format,
                     gpointer            user_data,
                     gboolean            numeric)
{
  CrmRecordCell *self;

  g_return_val_if_fail (format != NULL, NULL);

  self = g_object_new (CRM_TYPE_RECORD_CELL, NULL);
  self->format = format;
  self->user_data = user_data;
  self->numeric = numeric;
  if (numeric)
    gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
  return GTK_WIDGET (self);
}

void
crm_record_cell_set_item (CrmRecordCell *self,
                          CrmPagedItem  *item)
{
  g_return_if_fail (CRM_IS_RECORD_CELL (self));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, on_item_notify_record_cb, self);
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_object (item, "notify::record", G_CALLBACK (on_item_notify_record_cb), self,
                             G_CONNECT_SWAPPED);

  set_record (self, item != NULL ? crm_paged_item_get_record (item) : NULL);
}

const char *
crm_record_cell_get_text (CrmRecordCell *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_CELL (self), NULL);

  return self->text;
}

void
crm_record_cell_set_width_chars (CrmRecordCell *self,
                                 int            width_chars)
{
  g_return_if_fail (CRM_IS_RECORD_CELL (self));

  self->nat_chars = MAX (width_chars, MIN_CHARS);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
crm_record_cell_refresh (CrmRecordCell *self)
{
  g_return_if_fail (CRM_IS_RECORD_CELL (self));

  update_text (self);
}

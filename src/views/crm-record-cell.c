/* crm-record-cell.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkInscription rather than a GtkLabel: its size does not depend on the
 * text, so a million rows scroll without measuring anything.
 */

#define G_LOG_DOMAIN "CrmRecordCell"

#include "config.h"

#include "crm-record-cell.h"
#include "crm-record.h"

struct _CrmRecordCell
{
  GtkWidget            parent_instance;

  GtkWidget           *placeholder;
  GtkInscription      *inscription;
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

  gtk_inscription_set_text (self->inscription, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->inscription), self->record != NULL);
  gtk_widget_set_visible (self->placeholder, self->record == NULL);
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
  g_clear_pointer (&self->placeholder, gtk_widget_unparent);
  if (self->inscription != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->inscription));
      self->inscription = NULL;
    }

  G_OBJECT_CLASS (crm_record_cell_parent_class)->dispose (object);
}

static void
crm_record_cell_class_init (CrmRecordCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_record_cell_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "recordcell");
}

static void
crm_record_cell_init (CrmRecordCell *self)
{
  self->placeholder = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_set_valign (self->placeholder, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (self->placeholder, TRUE);
  gtk_widget_add_css_class (self->placeholder, "placeholder-line");
  gtk_widget_add_css_class (self->placeholder, "cell");
  gtk_widget_set_parent (self->placeholder, GTK_WIDGET (self));

  self->inscription = GTK_INSCRIPTION (gtk_inscription_new (NULL));
  gtk_inscription_set_text_overflow (self->inscription, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (self->inscription, 4);
  gtk_inscription_set_nat_chars (self->inscription, 12);
  gtk_inscription_set_yalign (self->inscription, 0.5);
  gtk_widget_set_hexpand (GTK_WIDGET (self->inscription), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->inscription), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->inscription), GTK_WIDGET (self));
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
  if (numeric)
    {
      gtk_inscription_set_xalign (self->inscription, 1.0);
      gtk_widget_add_css_class (GTK_WIDGET (self->inscription), "numeric");
    }
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

  if (self->record == NULL)
    return NULL;
  return gtk_inscription_get_text (self->inscription);
}

void
crm_record_cell_set_width_chars (CrmRecordCell *self,
                                 int            width_chars)
{
  g_return_if_fail (CRM_IS_RECORD_CELL (self));

  gtk_inscription_set_nat_chars (self->inscription, MAX (width_chars, 4));
}

void
crm_record_cell_refresh (CrmRecordCell *self)
{
  g_return_if_fail (CRM_IS_RECORD_CELL (self));

  update_text (self);
}

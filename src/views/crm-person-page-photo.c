/* crm-person-page-photo.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person page's photo (part of CrmPersonPage): the avatar shows it when
 * there is one, and in edit mode a button on the avatar chooses or removes
 * it.  A chosen photo is saved at once, like the consent switches.
 */

#define G_LOG_DOMAIN "CrmPersonPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-compat.h"
#include "crm-person-page-private.h"
#include "crm-person-photo.h"
#include "crm-store.h"
#include "crm-window.h"

static CrmStore *
get_store (CrmPersonPage *self)
{
  return crm_record_page_get_store (CRM_RECORD_PAGE (self));
}

static gint64
get_id (CrmPersonPage *self)
{
  return crm_record_page_get_id (CRM_RECORD_PAGE (self));
}

static GCancellable *
get_cancellable (CrmPersonPage *self)
{
  return crm_record_page_get_cancellable (CRM_RECORD_PAGE (self));
}

static void
show_error (CrmPersonPage *self,
            const char    *message)
{
  crm_window_toast_for (GTK_WIDGET (self), adw_toast_new (message));
}

static void
set_photo (CrmPersonPage *self,
           GBytes        *data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  if (data != NULL && (texture = gdk_texture_new_from_bytes (data, &error)) == NULL)
    g_debug ("Cannot show the photo of person %" G_GINT64_FORMAT ": %s", get_id (self), error->message);
  /* Without a picture GTK can draw, the initials stand in. */
  adw_avatar_set_custom_image (self->avatar, texture != NULL ? GDK_PAINTABLE (texture) : NULL);
  self->has_photo = data != NULL;
  _crm_person_page_update_photo_actions (self);
}

typedef struct
{
  CrmPersonPage *self;   /* ref */
  guint          generation;
} PhotoLoad;

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PhotoLoad *load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = crm_person_photo_load_finish (CRM_STORE (source), result, NULL, &error);

  if (error == NULL && load->generation == load->self->photo_generation)
    set_photo (load->self, data);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot read a photo: %s", error->message);
  g_object_unref (load->self);
  g_free (load);
}

static void
load_photo (CrmPersonPage *self)
{
  PhotoLoad *load;

  if (get_id (self) == 0)
    return;
  load = g_new0 (PhotoLoad, 1);
  load->self = g_object_ref (self);
  load->generation = ++self->photo_generation;
  crm_person_photo_load_async (get_store (self), get_id (self), get_cancellable (self),
                               on_loaded_cb, load);
}

static void
on_photo_changed_cb (CrmPersonPage *self,
                     const char    *table,
                     GArray        *ids)
{
  gint64 id = get_id (self);

  if (ids == NULL)
    {
      load_photo (self);
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        load_photo (self);
        return;
      }
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmPersonPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_person_photo_save_finish (CRM_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);
}

static void
on_file_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmPersonPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* TRANSLATORS: %s is why a file could not be read */
          g_autofree char *message = g_strdup_printf (_("Cannot read the photo: %s"), error->message);

          show_error (self, message);
        }
      return;
    }
  crm_person_photo_save_async (get_store (self), get_id (self), data, get_cancellable (self),
                               on_saved_cb, g_object_ref (self));
}

static void
on_file_info_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmPersonPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);

  /* A file larger than a photo may be is refused before it is read. */
  if (info != NULL && g_file_info_get_size (info) > CRM_PERSON_PHOTO_MAX_SIZE)
    {
      g_autofree char *message = g_strdup_printf (_("The photo is larger than %u MiB."),
                                                  CRM_PERSON_PHOTO_MAX_SIZE / (1024 * 1024));

      show_error (self, message);
      return;
    }
  g_file_load_bytes_async (G_FILE (source), get_cancellable (self), on_file_read_cb,
                           g_object_ref (self));
}

static void
on_chosen_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmPersonPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = crm_choose_file_finish (result, &error);

  if (file == NULL)
    return;
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, get_cancellable (self), on_file_info_cb,
                           g_object_ref (self));
}

static void
choose_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);
  crm_choose_file_async (widget, _("Choose a Photo"), _("_Choose"), filter, get_cancellable (self),
                         on_chosen_cb, g_object_ref (self));
}

static void
remove_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmPersonPage *self = CRM_PERSON_PAGE (widget);

  crm_person_photo_save_async (get_store (self), get_id (self), NULL, get_cancellable (self),
                               on_saved_cb, g_object_ref (self));
}

void
_crm_person_page_update_photo_actions (CrmPersonPage *self)
{
  gboolean saved = get_id (self) != 0;

  gtk_widget_set_visible (GTK_WIDGET (self->photo_button),
                          saved && crm_record_page_get_editing (CRM_RECORD_PAGE (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.choose-photo", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.remove-photo", saved && self->has_photo);
}

void
_crm_person_page_install_photo (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.choose-photo", NULL, choose_photo_action);
  gtk_widget_class_install_action (widget_class, "page.remove-photo", NULL, remove_photo_action);
}

void
_crm_person_page_init_photo (CrmPersonPage *self)
{
  g_signal_connect_object (get_store (self), "changed::person_photo",
                           G_CALLBACK (on_photo_changed_cb), self, G_CONNECT_SWAPPED);
  load_photo (self);
}

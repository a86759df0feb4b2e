/* crm-person-photo.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person's photo (schema v4's person_photo table): read where it is shown,
 * written from the person page, imports and merges.  GTK-free.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

/* The largest photo Rapport keeps (the vCard reader's limit too). */
#define CRM_PERSON_PHOTO_MAX_SIZE (2 * 1024 * 1024)

#define CRM_PERSON_PHOTO_ERROR (crm_person_photo_error_quark ())

typedef enum
{
  CRM_PERSON_PHOTO_ERROR_TOO_LARGE,
  CRM_PERSON_PHOTO_ERROR_NOT_IMAGE,
} CrmPersonPhotoError;

GQuark   crm_person_photo_error_quark (void);

/* The image type the bytes begin with (JPEG, PNG, GIF, WebP, BMP, TIFF), or
 * NULL: by content only, a file name or a vCard TYPE may say anything. */
const char *crm_person_photo_sniff_mime (const guint8 *data,
                                         gsize         length);

/* The image type of @data ("image/png"...), or NULL with @error set when it is
 * not an image or larger than CRM_PERSON_PHOTO_MAX_SIZE; transfer full. */
char    *crm_person_photo_check       (GBytes               *data,
                                       GError              **error);

/* Reads the photo of @person_id: finish returns NULL without an error when the
 * person has none; *@mime (optional) receives its type. */
void     crm_person_photo_load_async  (CrmStore             *store,
                                       gint64                person_id,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
GBytes  *crm_person_photo_load_finish (CrmStore             *store,
                                       GAsyncResult         *result,
                                       char                **mime,
                                       GError              **error);

/* Sets the photo of @person_id to @data (checked with
 * crm_person_photo_check()), or removes it when @data is NULL.  The store
 * emits "changed::person_photo" with the person's id. */
void     crm_person_photo_save_async  (CrmStore             *store,
                                       gint64                person_id,
                                       GBytes               *data,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean crm_person_photo_save_finish (CrmStore             *store,
                                       GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS

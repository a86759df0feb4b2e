/* test-person-photo.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * People's photos: saved, read back, replaced and removed; what is not an
 * image or too large is refused and changes nothing; the store says so.
 */

#include "config.h"

#include <string.h>

#include <cairo.h>

#include "crm-models.h"
#include "crm-person-photo.h"
#include "crm-store.h"
#include "crm-test-util.h"

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A real PNG of @size × @size pixels. */
static GBytes *
make_png (int size)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, size, size);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.2, 0.5, 0.8);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
on_changed (CrmStore   *store,
            const char *table,
            GArray     *ids,
            gint64     *seen)
{
  if (ids != NULL && ids->len > 0)
    *seen = g_array_index (ids, gint64, 0);
}

static gboolean
save (CrmStore  *store,
      gint64     person_id,
      GBytes    *data,
      GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_person_photo_save_async (store, person_id, data, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  return crm_person_photo_save_finish (store, result, error);
}

static GBytes *
load (CrmStore  *store,
      gint64     person_id,
      char     **mime)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *data;

  crm_person_photo_load_async (store, person_id, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  data = crm_person_photo_load_finish (store, result, mime, &error);
  g_assert_no_error (error);
  return data;
}

static void
test_save_load (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "photos.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open_sync (path, &error);
  g_autoptr(CrmPerson) person = crm_person_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) png = make_png (48);
  g_autoptr(GBytes) bigger = make_png (96);
  g_autoptr(GBytes) text = g_bytes_new_static ("BEGIN:VCARD\r\n", 13);
  g_autoptr(GBytes) read = NULL;
  g_autofree char *mime = NULL;
  gint64 seen = 0, id;

  g_assert_no_error (error);
  crm_person_set_display_name (person, "Li Na");
  crm_store_insert_async (store, CRM_RECORD (person), NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_insert_finish (store, result, NULL));
  id = crm_record_get_id (CRM_RECORD (person));
  g_signal_connect (store, "changed::person_photo", G_CALLBACK (on_changed), &seen);

  /* none yet */
  g_assert_null (load (store, id, &mime));
  g_assert_null (mime);

  /* saved and read back, the type from the bytes */
  save (store, id, png, &error);
  g_assert_no_error (error);
  read = load (store, id, &mime);
  g_assert_nonnull (read);
  g_assert_true (g_bytes_equal (read, png));
  g_assert_cmpstr (mime, ==, "image/png");
  while (seen != id)
    g_main_context_iteration (NULL, TRUE);

  /* replaced */
  g_clear_pointer (&read, g_bytes_unref);
  g_clear_pointer (&mime, g_free);
  g_assert_true (save (store, id, bigger, &error));
  read = load (store, id, NULL);
  g_assert_true (g_bytes_equal (read, bigger));

  /* not an image: refused, the photo stays */
  g_assert_false (save (store, id, text, &error));
  g_assert_error (error, CRM_PERSON_PHOTO_ERROR, CRM_PERSON_PHOTO_ERROR_NOT_IMAGE);
  g_clear_error (&error);
  g_clear_pointer (&read, g_bytes_unref);
  read = load (store, id, NULL);
  g_assert_true (g_bytes_equal (read, bigger));

  /* a photo for nobody is refused by the database */
  g_assert_false (save (store, id + 12345, png, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* removed */
  g_assert_true (save (store, id, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&read, g_bytes_unref);
  g_assert_null (load (store, id, NULL));

  crm_store_close (store);
}

static void
test_check (void)
{
  g_autoptr(GBytes) png = make_png (8);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *mime = NULL;
  guchar *huge = g_malloc0 (CRM_PERSON_PHOTO_MAX_SIZE + 1);
  g_autoptr(GBytes) too_large = NULL;
  gsize size;
  const guchar *data = g_bytes_get_data (png, &size);

  mime = crm_person_photo_check (png, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mime, ==, "image/png");

  g_assert_null (crm_person_photo_check (empty, &error));
  g_assert_error (error, CRM_PERSON_PHOTO_ERROR, CRM_PERSON_PHOTO_ERROR_NOT_IMAGE);
  g_clear_error (&error);

  /* a PNG header followed by more than the limit */
  memcpy (huge, data, MIN (size, 64));
  too_large = g_bytes_new_take (huge, CRM_PERSON_PHOTO_MAX_SIZE + 1);
  g_assert_null (crm_person_photo_check (too_large, &error));
  g_assert_error (error, CRM_PERSON_PHOTO_ERROR, CRM_PERSON_PHOTO_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/person-photo/save-load", test_save_load);
  g_test_add_func ("/person-photo/check", test_check);

  return g_test_run ();
}

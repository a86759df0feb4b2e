/* crm-application.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmApplication"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-application-private.h"
#include "crm-bench-hooks.h"
#include "crm-store.h"
#include "crm-window.h"

struct _CrmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *database_path;
  char           *demo_dir;
  gboolean        demo;
};

G_DEFINE_FINAL_TYPE (CrmApplication, crm_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database in FILE"), N_("FILE") },
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Open a throw-away database filled with sample data"), NULL },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static char *
choose_database_path (CrmApplication *self)
{
  g_autofree char *configured = NULL;

  if (self->demo)
    {
      g_autoptr(GError) error = NULL;

      self->demo_dir = g_dir_make_tmp ("rapport-demo-XXXXXX", &error);
      if (self->demo_dir == NULL)
        {
          g_warning ("Could not make a folder for the sample database: %s", error->message);
          self->demo_dir = g_build_filename (g_get_tmp_dir (), "rapport-demo", NULL);
        }
      return g_build_filename (self->demo_dir, "demo.db", NULL);
    }

  if (self->database_path != NULL)
    return g_strdup (self->database_path);

  configured = g_settings_get_string (self->settings, "database-path");
  if (configured[0] != '\0')
    return g_steal_pointer (&configured);

  return crm_store_dup_default_path ();
}

/* Removes the --demo database when the application ends; it lives in a
 * folder that this process made for it alone. */
static void
remove_demo_dir (CrmApplication *self)
{
  static const char * const names[] = { "demo.db", "demo.db-wal", "demo.db-shm", "demo.db-journal" };

  if (self->demo_dir == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (self->demo_dir, names[i], NULL);

      g_remove (path);
    }
  g_rmdir (self->demo_dir);
  g_clear_pointer (&self->demo_dir, g_free);
}

static int
crm_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  CrmApplication *self = CRM_APPLICATION (app);
  const char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "database", "^&ay", &database) && database[0] != '\0')
    self->database_path = g_canonicalize_filename (database, NULL);

  self->demo = g_variant_dict_contains (options, "demo");

  /* An explicit database (or a benchmark run) gets its own instance instead
   * of being handed to a running window on another file. */
  if (self->database_path != NULL || self->demo || g_getenv ("RAPPORT_BENCH") != NULL)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (crm_application_parent_class)->handle_local_options (app, options);
}

static void
crm_application_startup (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);

  G_APPLICATION_CLASS (crm_application_parent_class)->startup (app);

  g_set_application_name (_("Rapport"));
  gtk_window_set_default_icon_name (APP_ID);

  if (self->settings == NULL)
    self->settings = g_settings_new (BASE_APP_ID);

  _crm_application_init_actions (self);
}

static void
crm_application_activate (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);
  g_autofree char *path = NULL;
  GtkWindow *window;

  /* A second launch raises the window that is already there. */
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (crm_window_new (self));
  path = choose_database_path (self);
  crm_window_open_database (CRM_WINDOW (window), path, self->demo);
  crm_bench_hooks_install (CRM_WINDOW (window));
  gtk_window_present (window);
}

static void
crm_application_shutdown (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);
  GList *windows;

  /* Close the store before its files go away. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);

  remove_demo_dir (self);

  G_APPLICATION_CLASS (crm_application_parent_class)->shutdown (app);
}

static void
crm_application_dispose (GObject *object)
{
  CrmApplication *self = (CrmApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_application_parent_class)->dispose (object);
}

static void
crm_application_finalize (GObject *object)
{
  CrmApplication *self = (CrmApplication *)object;

  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->demo_dir, g_free);

  G_OBJECT_CLASS (crm_application_parent_class)->finalize (object);
}

static void
crm_application_class_init (CrmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = crm_application_dispose;
  object_class->finalize = crm_application_finalize;

  app_class->handle_local_options = crm_application_handle_local_options;
  app_class->startup = crm_application_startup;
  app_class->activate = crm_application_activate;
  app_class->shutdown = crm_application_shutdown;
}

static void
crm_application_init (CrmApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("A customer relationship manager for small businesses"));
}

/**
 * crm_application_new:
 *
 * Returns: (transfer full): the application
 */
CrmApplication *
crm_application_new (void)
{
  return g_object_new (CRM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* The .Devel profile shares the resources of the stable id. */
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

GSettings *
crm_application_get_settings (CrmApplication *self)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (BASE_APP_ID);

  return self->settings;
}

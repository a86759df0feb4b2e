/* crm-application.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmApplication"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-application-private.h"
#include "crm-bench-hooks.h"
#include "crm-store.h"
#include "crm-window.h"

#define PORTAL_BUS_NAME "org.freedesktop.portal.Desktop"

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

/* Whether the desktop portal runs on the session bus.  Only a running one:
 * a desktop session starts it at login, while a bare session that could
 * only activate it (a test bus, a container) may have no backend for it,
 * and starting it would delay the first window. */
static gboolean
have_portal (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean found = FALSE;

  if (bus == NULL)
    return FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", PORTAL_BUS_NAME),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 500,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &found);
  return found;
}

/* File choosers run in the desktop portal when there is one, also outside
 * Flatpak.  GTK's own chooser reads the files of the folders it shows to
 * guess their types, the database and its -wal and -shm files among them
 * when the user browses the database's folder: closing those descriptors
 * drops the POSIX locks SQLite holds in this process, and another process
 * (rapport-cli, a backup) could then reset the shared WAL index or delete
 * the WAL under the open database.  GDK_DEBUG=portals (GTK 4.0 to today)
 * moves the choosers out of the process; it must be set before GDK starts. */
static void
prefer_portals (GApplication *app)
{
  const char *debug = g_getenv ("GDK_DEBUG");
  g_autofree char *value = NULL;

  if (g_getenv ("RAPPORT_NO_PORTALS") != NULL ||
      (debug != NULL && strstr (debug, "portals") != NULL) ||
      !have_portal (g_application_get_dbus_connection (app)))
    return;

  value = debug != NULL && debug[0] != '\0' ? g_strconcat (debug, ":portals", NULL)
                                             : g_strdup ("portals");
  g_setenv ("GDK_DEBUG", value, TRUE);
}

static void
crm_application_startup (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);

  prefer_portals (app);

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

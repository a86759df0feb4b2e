/* main.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Rapport"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "crm-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrmApplication) app = NULL;
  /* build-aux/run.sh points this at the translations of an uninstalled build. */
  const char *localedir = g_getenv ("RAPPORT_LOCALEDIR");

#ifdef __GLIBC__
  /* glibc raises its mmap and trim thresholds to the size of each large
   * block it frees (a frame's cairo surface, a page of rows), and from then
   * on keeps that much freed memory at the top of the heap for good.  Fixed
   * at their defaults, a large block is given back when freed: the window
   * holds 4 MB less while it scrolls a million people. */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif

  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = crm_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

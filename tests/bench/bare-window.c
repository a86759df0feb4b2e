/* bare-window.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor of the start-up and memory benchmarks: an AdwApplicationWindow
 * with an AdwHeaderBar and nothing else.  RAPPORT_BENCH=first-frame prints
 * "first-frame <monotonic µs>" after the first paint and quits;
 * RAPPORT_BENCH=browse (or scroll) waits about 2 s, prints "browse-done" and quits.
 */

#define G_LOG_DOMAIN "BareWindow"

#include <adwaita.h>
#include <stdio.h>

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  GtkWindow *window = user_data;

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, user_data);
  printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  gtk_window_destroy (window);
}

static void
on_map_cb (GtkWidget *widget,
           gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), widget);
}

static gboolean
on_browse_done_cb (gpointer user_data)
{
  printf ("browse-done\n");
  fflush (stdout);
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app,
                gpointer      user_data)
{
  const char *mode = g_getenv ("RAPPORT_BENCH");
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);

  if (g_strcmp0 (mode, "first-frame") == 0)
    g_signal_connect (window, "map", G_CALLBACK (on_map_cb), NULL);
  else if (g_strcmp0 (mode, "browse") == 0 || g_strcmp0 (mode, "scroll") == 0)
    g_timeout_add (2000, on_browse_done_cb, window);

  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) app =
    adw_application_new ("io.github.rapportcrm.BareWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}

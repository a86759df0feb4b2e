/* crm-bench-hooks.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmBenchHooks"

#include "config.h"

#include "crm-bench-hooks.h"
#include "crm-window-private.h"
#include "crm-paged-model.h"

#define BROWSE_STEPS 200
#define BROWSE_SEED  4242
/* The "scroll" mode sweeps the whole list from top to bottom in this many
 * evenly spaced stops (one every 500 rows of a million), each waiting for its
 * page and a frame, as a user dragging the scrollbar down would. */
#define SCROLL_STEPS 2000

typedef struct
{
  CrmWindow    *window;
  CrmView      *view;
  GRand        *rand;
  GCancellable *cancellable;
  guint         step;
  guint         n_steps;
  gboolean      sweep;
  gulong        state_handler;
} Browse;

static void browse_next (Browse *browse);

static void
quit_application (CrmWindow *window)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (window));

  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
}

static void
on_after_paint_cb (GdkFrameClock *frame_clock,
                   CrmWindow     *window)
{
  g_signal_handlers_disconnect_by_func (frame_clock, on_after_paint_cb, window);

  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  quit_application (window);
}

static void
on_window_realize_cb (GtkWidget *widget)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect_object (frame_clock, "after-paint",
                           G_CALLBACK (on_after_paint_cb), widget, 0);
}

static void
browse_free (Browse *browse)
{
  g_clear_object (&browse->cancellable);
  g_clear_pointer (&browse->rand, g_rand_free);
  g_clear_object (&browse->view);
  g_clear_object (&browse->window);
  g_free (browse);
}

static gboolean
on_browse_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *frame_clock,
                   gpointer       user_data)
{
  /* One frame after the page arrived the rows are laid out: go on. */
  browse_next (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_browse_page_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Browse *browse = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_paged_model_load_page_finish (CRM_PAGED_MODEL (object), result, &error))
    {
      g_printerr ("browse: %s\n", error->message);
      quit_application (browse->window);
      browse_free (browse);
      return;
    }

  gtk_widget_add_tick_callback (GTK_WIDGET (browse->view), on_browse_tick_cb, browse, NULL);
}

static void
browse_next (Browse *browse)
{
  GListModel *model = crm_view_get_model (browse->view);
  GtkAdjustment *adjustment = crm_view_get_vadjustment (browse->view);
  guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;
  guint position;
  double range;

  if (browse->step == browse->n_steps || n_items == 0 || adjustment == NULL)
    {
      g_print ("browse-done\n");
      fflush (stdout);
      quit_application (browse->window);
      browse_free (browse);
      return;
    }

  if (browse->sweep)
    position = (guint) (((guint64) browse->step * (n_items - 1)) / MAX (browse->n_steps - 1, 1));
  else
    position = (guint) g_rand_int_range (browse->rand, 0, (gint32) MIN (n_items, G_MAXINT32));
  browse->step++;
  range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  gtk_adjustment_set_value (adjustment, range * position / MAX (n_items - 1, 1));

  crm_paged_model_load_page_async (CRM_PAGED_MODEL (model), position, browse->cancellable,
                                   on_browse_page_cb, browse);
}

static void
on_people_state_cb (CrmView    *view,
                    GParamSpec *pspec,
                    Browse     *browse)
{
  if (g_strcmp0 (crm_view_get_state (view), "loading") == 0)
    return;

  g_clear_signal_handler (&browse->state_handler, view);
  browse_next (browse);
}

static void
install_browse (CrmWindow *window,
                gboolean   sweep)
{
  Browse *browse = g_new0 (Browse, 1);

  browse->sweep = sweep;
  browse->n_steps = sweep ? SCROLL_STEPS : BROWSE_STEPS;
  browse->window = g_object_ref (window);
  browse->view = g_object_ref (crm_window_get_view (window, "people"));
  browse->rand = g_rand_new_with_seed (BROWSE_SEED);
  browse->cancellable = g_cancellable_new ();

  /* The People list is what the benchmark browses, whatever the last view was. */
  _crm_window_show_view (window, "people");
  browse->state_handler = g_signal_connect (browse->view, "notify::state",
                                            G_CALLBACK (on_people_state_cb), browse);
}

gboolean
crm_bench_hooks_install (CrmWindow *window)
{
  const char *mode = g_getenv ("RAPPORT_BENCH");

  g_return_val_if_fail (CRM_IS_WINDOW (window), FALSE);

  if (mode == NULL || mode[0] == '\0')
    return FALSE;

  if (g_strcmp0 (mode, "first-frame") == 0)
    {
      g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
      return TRUE;
    }

  if (g_strcmp0 (mode, "browse") == 0 || g_strcmp0 (mode, "scroll") == 0)
    {
      install_browse (window, g_str_equal (mode, "scroll"));
      return TRUE;
    }

  g_warning ("Unknown RAPPORT_BENCH mode “%s”", mode);
  return FALSE;
}

/* crm-ui-test-util.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-application.h"
#include "crm-window.h"

G_BEGIN_DECLS

typedef gboolean (*CrmUiCondition) (gpointer data);

/* gtk_test_init + adw_init, then registers a non-unique CrmApplication. */
CrmApplication *crm_ui_test_init            (int            *argc,
                                             char         ***argv);
/* Iterates the main context until @condition holds (aborts after 60 s). */
void            crm_ui_test_wait            (CrmUiCondition  condition,
                                             gpointer        data);
/* Iterates for @msec milliseconds. */
void            crm_ui_test_spin            (guint           msec);
/* Opens @path in a new window and waits until it left the loading page. */
CrmWindow      *crm_ui_test_open_window     (CrmApplication *app,
                                             const char     *path);
/* Waits until @view shows something other than its spinner. */
void            crm_ui_test_wait_view_ready (CrmView        *view);
/* Destroys @window and checks that it is finalized. */
void            crm_ui_test_close_window    (CrmWindow      *window);
/* A fresh database path in a new temporary folder; transfer full. */
char           *crm_ui_test_new_db_path     (void);
/* Makes a database at @path filled with the small sample data. */
void            crm_ui_test_make_demo_db    (const char     *path);

G_END_DECLS

/* rapport-cli-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the commands of rapport-cli share: the options every command gets,
 * opening the store, waiting for async calls, errors and JSON output.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* Exit statuses: 0 success, 1 failure (or problems found), 2 bad usage. */
#define EXIT_USAGE 2

typedef struct
{
  char         *database;
  GCancellable *cancellable;
} Cli;

/* A store that is closed (its worker joined, from this thread) before the
 * last reference goes. */
typedef CrmStore OpenStore;

void           close_store      (OpenStore     *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenStore, close_store)

/* Prints @error's message on one line; returns EXIT_FAILURE. */
int            fail             (GError        *error);
/* Prints @message and a hint at --help; returns EXIT_USAGE. */
int            usage_error      (const char    *message);
/* An async callback storing its result in the GAsyncResult ** @user_data;
 * await_result() iterates the main context until it is there. */
void           on_async_done_cb (GObject       *source,
                                 GAsyncResult  *result,
                                 gpointer       user_data);
GAsyncResult  *await_result     (GAsyncResult **slot);
/* Parses a command's options (@entries may be NULL), its --help showing
 * @parameter and @summary; FALSE after printing the usage error. */
gboolean       parse_options    (const char          *parameter,
                                 const char          *summary,
                                 const GOptionEntry  *entries,
                                 int                 *argc,
                                 char              ***argv);
/* Opens the database; @must_exist refuses to create a new, empty one. */
CrmStore      *open_store       (Cli           *cli,
                                 gboolean       must_exist,
                                 GError       **error);
/* Prints the value built in @builder as indented JSON on stdout. */
void           print_json       (JsonBuilder   *builder);

/* rapport-cli-pipeline.c */
int            cmd_forecast     (Cli           *cli,
                                 int            argc,
                                 char         **argv);
int            cmd_cycle        (Cli           *cli,
                                 int            argc,
                                 char         **argv);

/* rapport-cli-service.c */
int            cmd_kpi          (Cli           *cli,
                                 int            argc,
                                 char         **argv);

/* rapport-cli-eml.c */
int            cmd_import_eml   (Cli           *cli,
                                 int            argc,
                                 char         **argv);

G_END_DECLS

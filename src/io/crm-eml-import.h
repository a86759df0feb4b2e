/* crm-eml-import.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * E-mail files (.eml) into the ticket inbox.  Each file is read and parsed
 * off the main thread (crm-eml.h), then, on the store's worker:
 *
 *   SKIPPED   a message whose Message-ID a ticket message has already (the
 *             same file imported again does nothing; a message without a
 *             Message-ID is known by the SHA-256 of its bytes);
 *   THREADED  its In-Reply-To or References (newest first) name a message of
 *             a ticket, or else its subject carries "[#1234]", a ticket's
 *             number: it joins that ticket as a customer message (a ticket
 *             waiting on the customer or resolved opens again), without the
 *             quoted message under it.  A closed ticket is not reopened:
 *             the message makes a new ticket instead;
 *   CREATED   otherwise a new ticket: channel email, priority normal, the
 *             subject, the message as the customer's first, created at the
 *             Date header (now when it has none or one in the future);
 *   REJECTED  the file could not be read, is not a message, has no usable
 *             sender or no text at all.
 *
 * The sender is the person with that email address (as written, with the
 * domain in lower case, or all in lower case: as the contact importer
 * matches); an unknown sender becomes a new person named from the From
 * header.  A new ticket's organization is the person's primary affiliation.
 * Attachments are not stored: their names and sizes end the message's text.
 * The ticket writes go through crm-ticket-flow.h.  GTK-free.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_EML_OUTCOME_CREATED,
  CRM_EML_OUTCOME_THREADED,
  CRM_EML_OUTCOME_SKIPPED,
  CRM_EML_OUTCOME_REJECTED,
  CRM_EML_N_OUTCOMES,
} CrmEmlOutcome;

/* What became of one file. */
typedef struct
{
  GFile         *file;
  guint          position;        /* the file's index in the list given to run */
  char          *name;            /* the file's name for display */
  CrmEmlOutcome  outcome;
  gint64         ticket_id;       /* created or threaded into; skipped: the ticket that
                                   * has the message (0 when none) */
  gint64         ticket_number;
  gint64         person_id;       /* the sender (0 when rejected) */
  gboolean       person_created;  /* the sender was new */
  const char    *reason;          /* skipped or rejected: a stable key ("duplicate",
                                   * "unreadable", "empty", "too-large", "not-a-message",
                                   * "no-sender", "no-text", "refused"); else NULL */
  char          *detail;          /* rejected: a translated sentence; else NULL */
} CrmEmlFileResult;

#define CRM_TYPE_EML_IMPORT (crm_eml_import_get_type ())
G_DECLARE_FINAL_TYPE (CrmEmlImport, crm_eml_import, CRM, EML_IMPORT, GObject)

/* "created", "threaded", "skipped", "rejected". */
const char             *crm_eml_outcome_to_string   (CrmEmlOutcome   outcome);
/* A translated label of a reason key. */
const char             *crm_eml_reason_get_label    (const char     *reason);

CrmEmlImport           *crm_eml_import_new          (CrmStore       *store);

/* Imports @files (n_files GFile*).  They are all read first, then imported
 * in the order they were sent (by their Date headers; messages without one
 * last, as given), so that a reply finds the ticket of the message it
 * answers.  Per-file problems are results, not errors: finish fails only
 * when the database failed (then the messages before stay imported) or on
 * cancellation. */
void                    crm_eml_import_run_async    (CrmEmlImport   *self,
                                                     GFile * const  *files,
                                                     guint           n_files,
                                                     GCancellable   *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer        user_data);
gboolean                crm_eml_import_run_finish   (CrmEmlImport   *self,
                                                     GAsyncResult   *result,
                                                     GError        **error);

/* After a run: the files in the order given (after a failed run, those
 * done, in the order of import); transfer none. */
guint                   crm_eml_import_get_n_results (CrmEmlImport  *self);
const CrmEmlFileResult *crm_eml_import_get_result   (CrmEmlImport   *self,
                                                     guint           index);
guint                   crm_eml_import_count        (CrmEmlImport   *self,
                                                     CrmEmlOutcome   outcome);
/* The tickets created or threaded into, each once, in order (gint64);
 * transfer none. */
GArray                 *crm_eml_import_get_ticket_ids (CrmEmlImport *self);

G_END_DECLS

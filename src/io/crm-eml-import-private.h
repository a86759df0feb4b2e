/* crm-eml-import-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker side of the .eml import: where a message goes (duplicate,
 * which ticket, new ticket) and who sent it (a person found or created).
 */

#pragma once

#include "crm-eml.h"
#include "crm-eml-import.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

typedef enum
{
  EML_PLAN_CREATE,
  EML_PLAN_THREAD,
  EML_PLAN_SKIP,
  EML_PLAN_REJECT,
} EmlPlan;

typedef struct
{
  /* in: borrowed from the import, which waits for the job */
  const CrmEmlMessage *message;
  /* out */
  EmlPlan              plan;
  gint64               ticket_id;
  gint64               ticket_number;
  gint64               person_id;
  gint64               organization_id;
  gboolean             person_created;
  const char          *reason;     /* EML_PLAN_REJECT, EML_PLAN_SKIP */
  char                *detail;     /* EML_PLAN_REJECT */
} EmlResolve;

void  _crm_eml_resolve_free (gpointer data);
/* Runs on the worker: fills the out fields of the EmlResolve @data in one
 * transaction (a new person is its only write). */
void  _crm_eml_resolve_job  (CrmStoreWorker *worker,
                             GTask          *task,
                             gpointer        data);
/* The person's name for a new record from the From header: the display
 * name, else the address's local part; transfer full. */
char *_crm_eml_sender_name  (const CrmEmlAddress *from);

G_END_DECLS

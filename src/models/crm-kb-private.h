/* crm-kb-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by crm-kb.c (keys, drafts, reads) and crm-kb-write.c (writes and
 * their undo), and by the self-service log import.
 */

#pragma once

#include "crm-kb.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

struct _CrmKbUndo
{
  gatomicrefcount  ref_count;
  CrmKbChangeKind  kind;
  gint64           article_id;
  gint64           resolution_id;   /* CRM_KB_CHANGE_RESOLUTION */
  CrmKbDraft      *before;          /* CRM_KB_CHANGE_UPDATE: the old fields */
  gint64           before_updated;  /* and the old "updated" time */
  gboolean         undone;
};

CrmKbUndo *_crm_kb_undo_new            (CrmKbChangeKind  kind,
                                        gint64           article_id);

/* Worker: whether @article_id is a live article (FALSE and no error when it
 * is not). */
gboolean   _crm_kb_worker_article_exists (CrmStoreWorker  *worker,
                                          gint64           article_id,
                                          gboolean        *exists,
                                          GError         **error);
/* Worker: the live person with @email (as typed; matched as stored, then
 * normalised, then in lower case), 0 when nobody has it, -1 on an error. */
gint64     _crm_kb_worker_find_person    (CrmStoreWorker  *worker,
                                          const char      *email,
                                          GError         **error);
/* Worker: "b2b" when @person_id works at an organization (a current
 * affiliation), else "b2c"; NULL on an error.  transfer none (static). */
const char *_crm_kb_worker_customer_kind (CrmStoreWorker  *worker,
                                          gint64           person_id,
                                          GError         **error);

G_END_DECLS

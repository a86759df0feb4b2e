/* crm-kb-hit.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One article found by crm_kb_search_async(): the (identity-mapped) article,
 * how many requests it resolved without a ticket, and a snippet of its text
 * around the first word searched for.
 */

#pragma once

#include <glib-object.h>

#include "crm-kb-article.h"

G_BEGIN_DECLS

#define CRM_TYPE_KB_HIT (crm_kb_hit_get_type ())

G_DECLARE_FINAL_TYPE (CrmKbHit, crm_kb_hit, CRM, KB_HIT, GObject)

CrmKbHit     *crm_kb_hit_new          (CrmKbArticle *article,
                                       gint64        resolved,
                                       const char   *snippet);
/* transfer none */
CrmKbArticle *crm_kb_hit_get_article  (CrmKbHit     *self);
gint64        crm_kb_hit_get_article_id (CrmKbHit   *self);
gint64        crm_kb_hit_get_resolved (CrmKbHit     *self);
/* One line of the body (newlines as spaces), "…" where it was cut. */
const char   *crm_kb_hit_get_snippet  (CrmKbHit     *self);
/* Takes the count and snippet of @from, a later hit of the same article. */
void          crm_kb_hit_update       (CrmKbHit     *self,
                                       CrmKbHit     *from);

G_END_DECLS

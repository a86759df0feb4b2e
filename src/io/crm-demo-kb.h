/* crm-demo-kb.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo generator's knowledge base (crm-demo-kb.c).
 */

#pragma once

#include "crm-demo-private.h"

G_BEGIN_DECLS

typedef struct
{
  const char *title;
  const char *tags;
  const char *body;
} DemoKbText;

/* The sample articles of one language (as many in each). */
const DemoKbText *demo_kb_texts        (gboolean   zh,
                                        guint     *n);
/* Writes the English then the Chinese articles, written from @since on, into
 * gen->kb_articles (the first half English), with view counts that fall
 * with each article's rank, higher in the business's own language. */
gboolean          demo_make_kb_articles (DemoGen  *gen,
                                         gint64    since,
                                         GError  **error);

G_END_DECLS

/* crm-selfservice-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the parts of the self-service log import.
 */

#pragma once

#include "crm-selfservice-import.h"

G_BEGIN_DECLS

typedef enum
{
  COLUMN_NONE,
  COLUMN_TIME,
  COLUMN_ARTICLE,
  COLUMN_EMAIL,
  COLUMN_CHANNEL,
  COLUMN_RESOLVED,
  COLUMN_KIND,
  N_COLUMNS
} SelfServiceColumn;

/* Case folded, accents dropped, letters and digits only; transfer full. */
char              *_crm_selfservice_normalize        (const char *text);
SelfServiceColumn  _crm_selfservice_column_for_header (const char *header);
/* 1 yes, 0 no, -1 neither. */
int                _crm_selfservice_parse_resolved   (const char *text);
/* A channel key ("" reads as "self-service"), NULL when unknown. */
const char        *_crm_selfservice_parse_channel    (const char *text);
/* "b2b", "b2c", "" when empty, NULL when unknown. */
const char        *_crm_selfservice_parse_kind       (const char *text);
/* Empty, "-", "anonymous", "匿名" …: no customer. */
gboolean           _crm_selfservice_is_anonymous     (const char *text);

G_END_DECLS

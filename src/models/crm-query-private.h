/* crm-query-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "crm-query.h"
#include "crm-record-private.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_QUERY_SQL_ROWS,    /* SELECT <select list> ... ORDER BY ... LIMIT */
  CRM_QUERY_SQL_IDS,     /* SELECT id ... ORDER BY ... */
  CRM_QUERY_SQL_COUNT,   /* SELECT count(*) ... */
} CrmQuerySqlKind;

const CrmTable *_crm_query_get_table  (CrmQuery        *self);
char           *_crm_query_build_sql  (CrmQuery        *self,
                                       CrmQuerySqlKind  kind);
/* The tables whose rows decide which records the query selects: its own,
 * and custom_value, record_tag or affiliation for filters over them; a
 * NULL-terminated array of static names (free the array only). */
const char    **_crm_query_dup_tables (CrmQuery        *self);
/* Binds the filter values, in the order _crm_query_build_sql() used. */
int             _crm_query_bind       (CrmQuery        *self,
                                       sqlite3_stmt    *stmt);

G_END_DECLS

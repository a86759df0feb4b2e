/* crm-types.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CrmStore        CrmStore;
typedef struct _CrmRecord       CrmRecord;
typedef struct _CrmQuery        CrmQuery;
typedef struct _CrmRow          CrmRow;
typedef struct _CrmPagedModel   CrmPagedModel;
typedef struct _CrmPagedItem    CrmPagedItem;

G_END_DECLS

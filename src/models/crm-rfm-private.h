/* crm-rfm-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-rfm.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

/* Worker thread, inside the caller's transaction (the demo generator): writes
 * the scores and the run time; the number of people scored or -1. */
gint64  _crm_rfm_worker_compute  (CrmStoreWorker  *worker,
                                  GError         **error);

G_END_DECLS

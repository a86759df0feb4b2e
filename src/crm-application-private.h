/* crm-application-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-application.h"

G_BEGIN_DECLS

void _crm_application_init_actions (CrmApplication *self);

G_END_DECLS

/* crm-stakeholder-coverage.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a sales person should act on, read off a stakeholder map: pure
 * functions over the map's nodes and edges and a clock.  GTK-free.
 */

#pragma once

#include <glib.h>

#include "crm-stakeholder-map.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_COVERAGE_NO_DECISION_MAKER,      /* no economic buyer or decision maker identified */
  CRM_COVERAGE_SINGLE_THREADED,        /* at most one contact engaged */
  CRM_COVERAGE_CHAMPION_NOT_CONTACTED, /* a champion not contacted within the stale days */
  CRM_COVERAGE_OPPONENT_HIGH,          /* a high-influence opponent */
  CRM_COVERAGE_DECISION_MAKER_UNLINKED,/* a decision maker or economic buyer linked to no one engaged */
} CrmCoverageKind;

typedef struct
{
  CrmCoverageKind kind;
  gint64          person_id;   /* the person the finding is about; 0 for the whole map */
} CrmCoverageFinding;

typedef struct
{
  gint64 now;           /* unix time */
  guint  stale_days;    /* a champion (and the map's stale marker) after this many days */
  guint  engaged_days;  /* contacted within this many days: engaged */
} CrmCoverageRules;

void    crm_coverage_rules_init      (CrmCoverageRules          *rules,
                                      gint64                     now);

/* Whether @node was contacted within @days of @now. */
gboolean crm_coverage_contacted_within (const CrmMapNode        *node,
                                        gint64                   now,
                                        guint                    days);

/* The findings of @map, most urgent first (the order of CrmCoverageKind,
 * then node order); an empty map has none.  Transfer full. */
GArray *crm_stakeholder_coverage     (CrmStakeholderMap         *map,
                                      const CrmCoverageRules    *rules);

/* The finding as a sentence for the insights list, translated
 * ("Champion Li Na has not been contacted for 45 days"); transfer full. */
char   *crm_coverage_finding_describe (const CrmCoverageFinding *finding,
                                       CrmStakeholderMap        *map,
                                       const CrmCoverageRules   *rules);

G_END_DECLS

/* crm-stakeholder-coverage.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The coverage rules, each a pass over the map's nodes in node order:
 *   - no economic buyer or decision maker (a non-empty map only);
 *   - single-threaded: at most one person contacted within the engaged days;
 *   - each champion not contacted within the stale days;
 *   - each opponent of high influence;
 *   - each economic buyer or decision maker who is not engaged and has no
 *     reports-to line or influence link (either way) to someone engaged.
 */

#define G_LOG_DOMAIN "CrmStakeholderCoverage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-stakeholder-coverage.h"

#define SECONDS_PER_DAY 86400

void
crm_coverage_rules_init (CrmCoverageRules *rules,
                         gint64            now)
{
  g_return_if_fail (rules != NULL);

  rules->now = now;
  rules->stale_days = 30;
  rules->engaged_days = 90;
}

gboolean
crm_coverage_contacted_within (const CrmMapNode *node,
                               gint64            now,
                               guint             days)
{
  g_return_val_if_fail (node != NULL, FALSE);

  /* Exactly @days ago still counts; a contact dated ahead (a clock off by a
   * little) counts as recent. */
  return node->last_contact != 0 && now - node->last_contact <= (gint64) days * SECONDS_PER_DAY;
}

static gboolean
is_decision_maker (const CrmMapNode *node)
{
  return g_strcmp0 (node->role, "economic-buyer") == 0 || g_strcmp0 (node->role, "decision-maker") == 0;
}

static void
add_finding (GArray          *findings,
             CrmCoverageKind  kind,
             gint64           person_id)
{
  CrmCoverageFinding finding = { kind, person_id };

  g_array_append_val (findings, finding);
}

/* Whether @node has a line or link, either way, to someone in @engaged. */
static gboolean
linked_to_engaged (CrmStakeholderMap *map,
                   const CrmMapNode  *node,
                   GHashTable        *engaged)
{
  guint n_edges = crm_stakeholder_map_get_n_edges (map);

  for (guint i = 0; i < n_edges; i++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (map, i);

      if (edge->from == node->person_id && g_hash_table_contains (engaged, &edge->to))
        return TRUE;
      if (edge->to == node->person_id && g_hash_table_contains (engaged, &edge->from))
        return TRUE;
    }
  return FALSE;
}

GArray *
crm_stakeholder_coverage (CrmStakeholderMap      *map,
                          const CrmCoverageRules *rules)
{
  GArray *findings = g_array_new (FALSE, FALSE, sizeof (CrmCoverageFinding));
  g_autoptr(GHashTable) engaged = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean has_decision_maker = FALSE;
  guint n_nodes;

  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (map), findings);
  g_return_val_if_fail (rules != NULL, findings);

  n_nodes = crm_stakeholder_map_get_n_nodes (map);
  if (n_nodes == 0)
    return findings;

  for (guint i = 0; i < n_nodes; i++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (map, i);

      has_decision_maker |= is_decision_maker (node);
      if (crm_coverage_contacted_within (node, rules->now, rules->engaged_days))
        g_hash_table_add (engaged, (gpointer) &node->person_id);
    }

  if (!has_decision_maker)
    add_finding (findings, CRM_COVERAGE_NO_DECISION_MAKER, 0);

  if (g_hash_table_size (engaged) <= 1)
    add_finding (findings, CRM_COVERAGE_SINGLE_THREADED, 0);

  for (guint i = 0; i < n_nodes; i++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (map, i);

      if (g_strcmp0 (node->role, "champion") == 0 &&
          !crm_coverage_contacted_within (node, rules->now, rules->stale_days))
        add_finding (findings, CRM_COVERAGE_CHAMPION_NOT_CONTACTED, node->person_id);
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (map, i);

      if (g_strcmp0 (node->attitude, "opponent") == 0 && g_strcmp0 (node->influence, "high") == 0)
        add_finding (findings, CRM_COVERAGE_OPPONENT_HIGH, node->person_id);
    }

  for (guint i = 0; i < n_nodes; i++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (map, i);

      if (is_decision_maker (node) && !g_hash_table_contains (engaged, &node->person_id) &&
          !linked_to_engaged (map, node, engaged))
        add_finding (findings, CRM_COVERAGE_DECISION_MAKER_UNLINKED, node->person_id);
    }

  return findings;
}

static const char *
name_of (CrmStakeholderMap *map,
         gint64             person_id)
{
  int index = crm_stakeholder_map_find_node (map, person_id);
  const CrmMapNode *node = index >= 0 ? crm_stakeholder_map_get_node (map, index) : NULL;

  return node != NULL && node->name[0] != '\0' ? node->name : _("Unnamed");
}

static char *
describe_champion (const char             *name,
                   const CrmMapNode       *node,
                   const CrmCoverageRules *rules)
{
  guint days;

  if (node->last_contact == 0)
    return g_strdup_printf (_("Champion %s has never been contacted"), name);

  days = (guint) MAX ((rules->now - node->last_contact) / SECONDS_PER_DAY, 0);
  return g_strdup_printf (ngettext ("Champion %1$s has not been contacted for %2$u day",
                                    "Champion %1$s has not been contacted for %2$u days", days),
                          name, days);
}

/* The one person contacted within the engaged days, or NULL. */
static const char *
single_thread (CrmStakeholderMap      *map,
               const CrmCoverageRules *rules)
{
  for (guint i = 0; i < crm_stakeholder_map_get_n_nodes (map); i++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (map, i);

      if (crm_coverage_contacted_within (node, rules->now, rules->engaged_days))
        return name_of (map, node->person_id);
    }
  return NULL;
}

char *
crm_coverage_finding_describe (const CrmCoverageFinding *finding,
                               CrmStakeholderMap        *map,
                               const CrmCoverageRules   *rules)
{
  const CrmMapNode *node = NULL;
  const char *name;
  int index;

  g_return_val_if_fail (finding != NULL, NULL);
  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (map), NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  index = finding->person_id != 0 ? crm_stakeholder_map_find_node (map, finding->person_id) : -1;
  if (index >= 0)
    node = crm_stakeholder_map_get_node (map, index);

  switch (finding->kind)
    {
    case CRM_COVERAGE_NO_DECISION_MAKER:
      return g_strdup (_("No economic buyer or decision maker identified"));

    case CRM_COVERAGE_SINGLE_THREADED:
      if ((name = single_thread (map, rules)) != NULL)
        return g_strdup_printf (ngettext ("Single-threaded: only %1$s was contacted in the last %2$u day",
                                          "Single-threaded: only %1$s was contacted in the last %2$u days",
                                          rules->engaged_days),
                                name, rules->engaged_days);
      return g_strdup_printf (ngettext ("No one was contacted in the last %u day",
                                        "No one was contacted in the last %u days", rules->engaged_days),
                              rules->engaged_days);

    case CRM_COVERAGE_CHAMPION_NOT_CONTACTED:
      if (node == NULL)
        break;
      return describe_champion (name_of (map, node->person_id), node, rules);

    case CRM_COVERAGE_OPPONENT_HIGH:
      return g_strdup_printf (_("%s is an opponent with high influence"), name_of (map, finding->person_id));

    case CRM_COVERAGE_DECISION_MAKER_UNLINKED:
      if (node != NULL && g_strcmp0 (node->role, "economic-buyer") == 0)
        return g_strdup_printf (_("Economic buyer %s is not linked to anyone you talk to"),
                                name_of (map, finding->person_id));
      return g_strdup_printf (_("Decision maker %s is not linked to anyone you talk to"),
                              name_of (map, finding->person_id));

    default:
      break;
    }

  return g_strdup (_("Someone on the map needs attention"));
}

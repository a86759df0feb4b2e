/* test-stakeholder-coverage.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every coverage rule on hand-built maps with known answers, the day-count
 * boundaries, an empty map, and the sentences.
 */

#include "config.h"

#include <locale.h>

#include "crm-stakeholder-coverage.h"

#define DAY 86400
#define NOW ((gint64) 1800000000)

static void
add (CrmStakeholderMap *map,
     gint64             id,
     const char        *name,
     const char        *role,
     const char        *influence,
     const char        *attitude,
     gint64             days_ago)   /* -1: never contacted */
{
  CrmMapNode node = {
    .person_id = id, .name = (char *) name, .role = (char *) role,
    .influence = (char *) influence, .attitude = (char *) attitude,
    .last_contact = days_ago < 0 ? 0 : NOW - days_ago * DAY,
  };

  crm_stakeholder_map_add_node (map, &node);
}

static void
add_link (CrmStakeholderMap *map,
          CrmMapEdgeKind     kind,
          gint64             from,
          gint64             to)
{
  CrmMapEdge edge = { kind, 0, from, to, NULL };

  crm_stakeholder_map_add_edge (map, &edge);
}

static CrmStakeholderMap *
new_map (void)
{
  return crm_stakeholder_map_new (CRM_MAP_SCOPE_DEAL, 1, "Deal");
}

/* "kind:person kind:person ..." */
static char *
findings_text (CrmStakeholderMap      *map,
               const CrmCoverageRules *rules)
{
  g_autoptr(GArray) findings = crm_stakeholder_coverage (map, rules);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const CrmCoverageFinding *f = &g_array_index (findings, CrmCoverageFinding, i);

      g_string_append_printf (out, "%s%d:%" G_GINT64_FORMAT, i ? " " : "", f->kind, f->person_id);
    }
  return g_string_free (out, FALSE);
}

static void
assert_findings (CrmStakeholderMap *map,
                 const char        *expected)
{
  CrmCoverageRules rules;
  g_autofree char *text = NULL;

  crm_coverage_rules_init (&rules, NOW);
  text = findings_text (map, &rules);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_rules_init (void)
{
  CrmCoverageRules rules;

  crm_coverage_rules_init (&rules, 42);
  g_assert_cmpint (rules.now, ==, 42);
  g_assert_cmpuint (rules.stale_days, ==, 30);
  g_assert_cmpuint (rules.engaged_days, ==, 90);
}

static void
test_contacted_within (void)
{
  CrmMapNode node = { .person_id = 1 };

  g_assert_false (crm_coverage_contacted_within (&node, NOW, 30));
  node.last_contact = NOW - 30 * DAY;
  g_assert_true (crm_coverage_contacted_within (&node, NOW, 30));
  node.last_contact = NOW - 30 * DAY - 1;
  g_assert_false (crm_coverage_contacted_within (&node, NOW, 30));
  node.last_contact = NOW + DAY;
  g_assert_true (crm_coverage_contacted_within (&node, NOW, 0));
}

static void
test_empty (void)
{
  g_autoptr(CrmStakeholderMap) map = new_map ();

  assert_findings (map, "");
}

static void
test_no_decision_maker (void)
{
  g_autoptr(CrmStakeholderMap) map = new_map ();

  add (map, 1, "A", "champion", "medium", "supporter", 1);
  add (map, 2, "B", "user", "low", "neutral", 2);
  assert_findings (map, "0:0");

  /* Either role is enough. */
  add (map, 3, "C", "decision-maker", "high", "neutral", 3);
  assert_findings (map, "");
}

static void
test_single_threaded (void)
{
  g_autoptr(CrmStakeholderMap) map = new_map ();
  g_autoptr(CrmStakeholderMap) one = new_map ();

  /* One person, engaged: single-threaded. */
  add (one, 1, "A", "economic-buyer", "high", "supporter", 5);
  assert_findings (one, "1:0");

  /* Nobody within 90 days (91 is one too many; never is never). */
  add (map, 1, "A", "economic-buyer", "high", "supporter", 91);
  add (map, 2, "B", "user", "low", "neutral", -1);
  add (map, 3, "C", "user", "low", "neutral", 90);
  /* C is engaged at exactly 90 days: one thread; A is not engaged and linked to no one. */
  assert_findings (map, "1:0 4:1");

  add (map, 4, "D", "user", "low", "neutral", 0);
  add_link (map, CRM_MAP_EDGE_REPORTS_TO, 4, 1);
  assert_findings (map, "");
}

static void
test_champion (void)
{
  g_autoptr(CrmStakeholderMap) map = new_map ();

  add (map, 1, "Boss", "decision-maker", "high", "supporter", 1);
  add (map, 2, "Aa", "champion", "medium", "supporter", 30);   /* boundary: fine */
  add (map, 3, "Bb", "champion", "medium", "supporter", 31);
  add (map, 4, "Cc", "champion", "medium", "supporter", -1);
  /* Node order is by name: Aa, Bb, Boss, Cc. */
  assert_findings (map, "2:3 2:4");
}

static void
test_opponent (void)
{
  g_autoptr(CrmStakeholderMap) map = new_map ();

  add (map, 1, "A", "decision-maker", "high", "opponent", 1);
  add (map, 2, "B", "blocker", "medium", "opponent", 1);
  add (map, 3, "C", "influencer", "high", "supporter", 1);
  add (map, 4, "D", "blocker", "high", "opponent", 1);
  assert_findings (map, "3:1 3:4");
}

static void
test_unlinked (void)
{
  g_autoptr(CrmStakeholderMap) map = new_map ();

  add (map, 1, "A", "economic-buyer", "high", "neutral", 200);   /* linked to B below */
  add (map, 2, "B", "user", "low", "neutral", 1);
  add (map, 3, "C", "user", "low", "neutral", 1);
  add (map, 4, "D", "decision-maker", "high", "neutral", -1);    /* linked only to E, not engaged */
  add (map, 5, "E", "user", "low", "neutral", 100);
  add (map, 6, "F", "decision-maker", "high", "neutral", 10);    /* engaged himself */
  add (map, 7, "G", "economic-buyer", "high", "neutral", -1);    /* influenced by C */
  add_link (map, CRM_MAP_EDGE_REPORTS_TO, 2, 1);
  add_link (map, CRM_MAP_EDGE_INFLUENCES, 4, 5);
  add_link (map, CRM_MAP_EDGE_INFLUENCES, 3, 7);
  assert_findings (map, "4:4");
}

static void
test_order (void)
{
  g_autoptr(CrmStakeholderMap) map = new_map ();

  add (map, 1, "A", "champion", "high", "opponent", -1);
  add (map, 2, "B", "user", "high", "opponent", -1);
  /* Kind first, then node order. */
  assert_findings (map, "0:0 1:0 2:1 3:1 3:2");
}

static void
test_describe (void)
{
  g_autoptr(CrmStakeholderMap) map = new_map ();
  CrmCoverageRules rules;
  const struct { CrmCoverageKind kind; gint64 person; const char *text; } cases[] = {
    { CRM_COVERAGE_NO_DECISION_MAKER, 0, "No economic buyer or decision maker identified" },
    { CRM_COVERAGE_CHAMPION_NOT_CONTACTED, 1, "Champion Li Na has not been contacted for 45 days" },
    { CRM_COVERAGE_CHAMPION_NOT_CONTACTED, 2, "Champion Bo Chen has never been contacted" },
    { CRM_COVERAGE_CHAMPION_NOT_CONTACTED, 3, "Champion Di Wu has not been contacted for 1 day" },
    { CRM_COVERAGE_OPPONENT_HIGH, 2, "Bo Chen is an opponent with high influence" },
    { CRM_COVERAGE_DECISION_MAKER_UNLINKED, 4, "Economic buyer Ed Ma is not linked to anyone you talk to" },
    { CRM_COVERAGE_DECISION_MAKER_UNLINKED, 5, "Decision maker Fu Yi is not linked to anyone you talk to" },
  };

  add (map, 1, "Li Na", "champion", "medium", "supporter", 45);
  add (map, 2, "Bo Chen", "champion", "high", "opponent", -1);
  add (map, 3, "Di Wu", "champion", "medium", "neutral", 1);
  add (map, 4, "Ed Ma", "economic-buyer", "high", "neutral", -1);
  add (map, 5, "Fu Yi", "decision-maker", "high", "neutral", -1);
  crm_coverage_rules_init (&rules, NOW);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CrmCoverageFinding finding = { cases[i].kind, cases[i].person };
      g_autofree char *text = crm_coverage_finding_describe (&finding, map, &rules);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autoptr(CrmStakeholderMap) cold = new_map ();
    CrmCoverageFinding finding = { CRM_COVERAGE_SINGLE_THREADED, 0 };
    g_autofree char *text = NULL;

    add (cold, 1, "Li Na", "champion", "medium", "supporter", -1);
    add (cold, 2, "Ma Lin", "user", "low", "neutral", 3);
    text = crm_coverage_finding_describe (&finding, cold, &rules);
    g_assert_cmpstr (text, ==, "Single-threaded: only Ma Lin was contacted in the last 90 days");
    g_clear_pointer (&text, g_free);

    /* Ma Lin's contact three days ago is too old for a one-day window. */
    rules.engaged_days = 1;
    text = crm_coverage_finding_describe (&finding, cold, &rules);
    g_assert_cmpstr (text, ==, "No one was contacted in the last 1 day");
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stakeholder-coverage/rules-init", test_rules_init);
  g_test_add_func ("/stakeholder-coverage/contacted-within", test_contacted_within);
  g_test_add_func ("/stakeholder-coverage/empty", test_empty);
  g_test_add_func ("/stakeholder-coverage/no-decision-maker", test_no_decision_maker);
  g_test_add_func ("/stakeholder-coverage/single-threaded", test_single_threaded);
  g_test_add_func ("/stakeholder-coverage/champion", test_champion);
  g_test_add_func ("/stakeholder-coverage/opponent", test_opponent);
  g_test_add_func ("/stakeholder-coverage/unlinked", test_unlinked);
  g_test_add_func ("/stakeholder-coverage/order", test_order);
  g_test_add_func ("/stakeholder-coverage/describe", test_describe);

  return g_test_run ();
}

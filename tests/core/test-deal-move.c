/* test-deal-move.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Moving deals between stages on the sample data: the deal and its stage
 * history change in one step, refused moves change nothing, and undo puts
 * back exactly what was there.
 */

#include "config.h"

#include <string.h>

#include "crm-deal-move.h"
#include "crm-demo.h"
#include "crm-store.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  CrmStore *store;
} Fixture;

static double
query_double (Fixture    *f,
              const char *sql)
{
  g_autofree char *text = crm_test_query (f->store, "%s", sql);

  return g_ascii_strtod (text, NULL);
}

/* Everything a move may touch of deal @id. */
static char *
snapshot (Fixture *f,
          gint64   id)
{
  return crm_test_query (f->store, "SELECT stage_id, position, stage_entered, closed, lost_reason_id, lost_note "
                   "FROM deal WHERE id = %" G_GINT64_FORMAT "; ", id);
}

static char *
history (Fixture *f,
         gint64   id)
{
  return crm_test_query (f->store, "SELECT id, stage_id, entered, left_at, deleted FROM deal_stage_history "
                   "WHERE deal_id = %" G_GINT64_FORMAT " ORDER BY id", id);
}

static CrmDealMove *
move (Fixture     *f,
      gint64       deal,
      gint64       stage,
      double       position,
      gint64       reason,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_deal_move_async (f->store, deal, stage, position, reason, "too late", NULL,
                       crm_test_store_result, &result);
  return crm_deal_move_finish (f->store, crm_test_await (&result), error);
}

static gboolean
undo (Fixture      *f,
      CrmDealMove  *m,
      GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_deal_move_undo_async (f->store, m, NULL, crm_test_store_result, &result);
  return crm_deal_move_undo_finish (f->store, crm_test_await (&result), error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = crm_test_make_tmpdir ();
  path = g_build_filename (f->dir, "deals.db", NULL);
  f->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_sync (f->store, CRM_DEMO_SMALL, "en", 3, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  crm_store_close (f->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (f->store);
  g_free (f->dir);
}

/* An open deal in the first open stage of a pipeline with a lost stage,
 * and that pipeline's stages. */
typedef struct
{
  gint64 deal, pipeline, first, next, won, lost, other_pipeline_stage, reason;
} Sample;

static Sample
pick (Fixture *f)
{
  Sample s;

  s.deal = crm_test_query_int (f->store, "%s", "SELECT d.id FROM deal d JOIN stage s ON s.id = d.stage_id "
                         "WHERE d.deleted = 0 AND s.kind = 'open' AND s.position = "
                         "(SELECT min (position) FROM stage WHERE pipeline_id = d.pipeline_id) "
                         "ORDER BY d.id LIMIT 1");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT pipeline_id FROM deal WHERE id = %" G_GINT64_FORMAT,
                                            s.deal);
    s.pipeline = crm_test_query_int (f->store, "%s", sql);
  }
#define STAGE(field, cond) G_STMT_START { \
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM stage WHERE pipeline_id = %" G_GINT64_FORMAT \
                                            " AND " cond " ORDER BY position LIMIT 1", s.pipeline); \
    s.field = crm_test_query_int (f->store, "%s", sql); \
  } G_STMT_END
  STAGE (first, "kind = 'open'");
  STAGE (next, "kind = 'open' AND position > (SELECT min (position) FROM stage s2 "
               "WHERE s2.pipeline_id = stage.pipeline_id)");
  STAGE (won, "kind = 'won'");
  STAGE (lost, "kind = 'lost'");
#undef STAGE
  {
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM stage WHERE pipeline_id != %" G_GINT64_FORMAT
                                            " LIMIT 1", s.pipeline);
    s.other_pipeline_stage = crm_test_query_int (f->store, "%s", sql);
  }
  s.reason = crm_test_query_int (f->store, "%s", "SELECT id FROM lost_reason ORDER BY position LIMIT 1");

  g_assert_cmpint (s.deal, >, 0);
  g_assert_cmpint (s.first, >, 0);
  g_assert_cmpint (s.next, >, 0);
  g_assert_cmpint (s.won, >, 0);
  g_assert_cmpint (s.lost, >, 0);
  g_assert_cmpint (s.other_pipeline_stage, >, 0);
  g_assert_cmpint (s.reason, >, 0);
  return s;
}

static void
test_move_and_undo (Fixture       *f,
                    gconstpointer  data)
{
  Sample s = pick (f);
  g_autofree char *before = snapshot (f, s.deal);
  g_autofree char *before_history = history (f, s.deal);
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(CrmDealMove) m = NULL;
  g_autoptr(GError) error = NULL;

  /* (the sample deal has a history to compare) */
  g_assert_cmpuint (strlen (before), >, 10);
  g_assert_cmpuint (strlen (before_history), >, 10);

  m = move (f, s.deal, s.next, 5, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m);
  g_assert_cmpint (crm_deal_move_get_from_stage (m), ==, s.first);
  g_assert_cmpint (crm_deal_move_get_to_stage (m), ==, s.next);

  /* The deal is in the new stage, its clock restarted, still open. */
  sql = g_strdup_printf ("SELECT stage_id = %" G_GINT64_FORMAT " AND position = 5 AND closed = 0 "
                         "AND stage_entered > 0 FROM deal WHERE id = %" G_GINT64_FORMAT, s.next, s.deal);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", sql), ==, 1);
  /* One stay open, in the new stage; the old one ended when it began. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM deal_stage_history WHERE deal_id = %" G_GINT64_FORMAT
                         " AND left_at = 0 AND stage_id = %" G_GINT64_FORMAT, s.deal, s.next);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", sql), ==, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count (*) FROM deal_stage_history a JOIN deal_stage_history b "
                         "ON b.deal_id = a.deal_id AND b.stage_id = %" G_GINT64_FORMAT " AND b.left_at = 0 "
                         "WHERE a.deal_id = %" G_GINT64_FORMAT " AND a.stage_id = %" G_GINT64_FORMAT
                         " AND a.left_at = b.entered", s.next, s.deal, s.first);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", sql), ==, 1);

  /* Undo: exactly as before, history included. */
  g_assert_true (undo (f, m, &error));
  g_assert_no_error (error);
  after = snapshot (f, s.deal);
  g_assert_cmpstr (after, ==, before);
  g_free (after);
  after = history (f, s.deal);
  g_assert_cmpstr (after, ==, before_history);
}

static void
test_won_lost (Fixture       *f,
               gconstpointer  data)
{
  Sample s = pick (f);
  g_autofree char *before = snapshot (f, s.deal);
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(CrmDealMove) won = NULL;
  g_autoptr(CrmDealMove) lost = NULL;
  g_autoptr(CrmDealMove) reopened = NULL;
  g_autoptr(GError) error = NULL;

  /* Lost needs a reason: refused, nothing changed. */
  g_assert_null (move (f, s.deal, s.lost, 1, 0, &error));
  g_assert_error (error, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_NEEDS_LOST_REASON);
  g_clear_error (&error);
  after = snapshot (f, s.deal);
  g_assert_cmpstr (after, ==, before);

  /* Another pipeline's stage: refused. */
  g_assert_null (move (f, s.deal, s.other_pipeline_stage, 1, 0, &error));
  g_assert_error (error, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_OTHER_PIPELINE);
  g_clear_error (&error);

  /* No such deal or stage. */
  g_assert_null (move (f, 12345, s.next, 1, 0, &error));
  g_assert_error (error, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (move (f, s.deal, 12345, 1, 0, &error));
  g_assert_error (error, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Won closes the deal, with no lost reason. */
  won = move (f, s.deal, s.won, 1, s.reason, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT closed > 0 AND lost_reason_id IS NULL FROM deal WHERE id = %"
                         G_GINT64_FORMAT, s.deal);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", sql), ==, 1);

  /* Lost with a reason keeps the reason and the note. */
  lost = move (f, s.deal, s.lost, 1, s.reason, &error);
  g_assert_no_error (error);
  g_free (sql);
  sql = g_strdup_printf ("SELECT closed > 0 AND lost_reason_id = %" G_GINT64_FORMAT
                         " AND lost_note = 'too late' FROM deal WHERE id = %" G_GINT64_FORMAT,
                         s.reason, s.deal);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", sql), ==, 1);

  /* Undoing the win now would undo more than the win: refused. */
  g_assert_false (undo (f, won, &error));
  g_assert_error (error, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_CHANGED);
  g_clear_error (&error);

  /* Back to an open stage: open again, the reason gone. */
  reopened = move (f, s.deal, s.first, 1, 0, &error);
  g_assert_no_error (error);
  g_free (sql);
  sql = g_strdup_printf ("SELECT closed = 0 AND lost_reason_id IS NULL AND lost_note = '' "
                         "FROM deal WHERE id = %" G_GINT64_FORMAT, s.deal);
  g_assert_cmpint (crm_test_query_int (f->store, "%s", sql), ==, 1);

  /* Undo, undo, undo: back to the start. */
  g_assert_true (undo (f, reopened, &error));
  g_assert_true (undo (f, lost, &error));
  g_assert_true (undo (f, won, &error));
  g_assert_no_error (error);
  g_free (after);
  after = snapshot (f, s.deal);
  g_assert_cmpstr (after, ==, before);
}

static void
test_reorder (Fixture       *f,
              gconstpointer  data)
{
  Sample s = pick (f);
  g_autofree char *before_history = history (f, s.deal);
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(CrmDealMove) m = NULL;
  g_autoptr(CrmDealMove) same = NULL;
  g_autoptr(GError) error = NULL;
  double position;

  sql = g_strdup_printf ("SELECT position FROM deal WHERE id = %" G_GINT64_FORMAT, s.deal);
  position = query_double (f, sql);

  /* The same place: nothing written, and undo does nothing. */
  same = move (f, s.deal, s.first, position, 0, &error);
  g_assert_no_error (error);
  g_assert_true (undo (f, same, &error));

  /* Another place in the column: the position only, no new stay. */
  m = move (f, s.deal, s.first, position + 0.5, 0, &error);
  g_assert_no_error (error);
  g_free (sql);
  sql = g_strdup_printf ("SELECT position FROM deal WHERE id = %" G_GINT64_FORMAT, s.deal);
  g_assert_cmpfloat (query_double (f, sql), ==, position + 0.5);
  after = history (f, s.deal);
  g_assert_cmpstr (after, ==, before_history);

  g_assert_true (undo (f, m, &error));
  g_assert_no_error (error);
  g_free (sql);
  sql = g_strdup_printf ("SELECT position FROM deal WHERE id = %" G_GINT64_FORMAT, s.deal);
  g_assert_cmpfloat (query_double (f, sql), ==, position);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/deal-move/move-and-undo", test_move_and_undo);
  ADD ("/deal-move/won-lost", test_won_lost);
  ADD ("/deal-move/reorder", test_reorder);
#undef ADD

  return g_test_run ();
}

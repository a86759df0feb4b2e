/* test-pipeline-edit.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stage editor's changes on the sample data: adding and moving stages
 * keeps the final stages last, deleting one moves its deals with their
 * history, and what is refused changes nothing.
 */

#include "config.h"

#include "crm-demo.h"
#include "crm-pipeline-edit.h"
#include "crm-store.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  CrmStore *store;
  gint64    pipeline;
} Fixture;

/* The pipeline's stages in order, as "name:kind" lines, and whether the
 * positions run 0, 1, 2... */
static char *
stages (Fixture *f)
{
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) = max (position) + 1 AND min (position) = 0 "
                                 "FROM stage WHERE pipeline_id = %" G_GINT64_FORMAT " AND deleted = 0",
                              f->pipeline), ==, 1);
  return crm_test_query (f->store, "SELECT name, kind FROM stage WHERE pipeline_id = %" G_GINT64_FORMAT
                   " AND deleted = 0 ORDER BY position", f->pipeline);
}

static gint64
stage_id (Fixture    *f,
          const char *where)
{
  return crm_test_query_int (f->store, "SELECT id FROM stage WHERE pipeline_id = %" G_GINT64_FORMAT
                       " AND deleted = 0 AND %s ORDER BY position LIMIT 1", f->pipeline, where);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = crm_test_make_tmpdir ();
  path = g_build_filename (f->dir, "stages.db", NULL);
  f->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_sync (f->store, CRM_DEMO_SMALL, "en", 5, &error));
  g_assert_no_error (error);
  f->pipeline = crm_test_query_int (f->store, "SELECT id FROM pipeline WHERE kind = 'b2b' LIMIT 1");
  g_assert_cmpint (f->pipeline, >, 0);
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

static gint64
add (Fixture     *f,
     gint64       pipeline,
     const char  *name,
     int          probability,
     guint        index,
     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_pipeline_add_stage_async (f->store, pipeline, name, probability, 10, index, NULL,
                                crm_test_store_result, &result);
  return crm_pipeline_add_stage_finish (f->store, crm_test_await (&result), error);
}

static gboolean
move (Fixture  *f,
      gint64    stage,
      guint     index,
      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_pipeline_move_stage_async (f->store, stage, index, NULL, crm_test_store_result, &result);
  return crm_pipeline_move_stage_finish (f->store, crm_test_await (&result), error);
}

static gint64
delete (Fixture  *f,
        gint64    stage,
        gint64    target,
        GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_pipeline_delete_stage_async (f->store, stage, target, NULL, crm_test_store_result, &result);
  return crm_pipeline_delete_stage_finish (f->store, crm_test_await (&result), error);
}

static void
test_add_move (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *before = stages (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, won;

  /* The sample B2B pipeline. */
  g_assert_cmpstr (before, ==, "Qualification|open\nNeeds Analysis|open\nProposal|open\n"
                               "Negotiation|open\nContract|open\nWon|won\nLost|lost\n");

  id = add (f, f->pipeline, "  Demo  ", 15, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  after = stages (f);
  g_assert_cmpstr (after, ==, "Qualification|open\nDemo|open\nNeeds Analysis|open\nProposal|open\n"
                              "Negotiation|open\nContract|open\nWon|won\nLost|lost\n");
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT probability * 1000 + rotting_days FROM stage WHERE id = %"
                                 G_GINT64_FORMAT, id), ==, 15010);

  /* At the end: after the last open stage, before the final ones. */
  g_assert_cmpint (add (f, f->pipeline, "Signed", 90, G_MAXUINT, &error), >, 0);
  g_free (after);
  after = stages (f);
  g_assert_true (g_str_has_suffix (after, "Contract|open\nSigned|open\nWon|won\nLost|lost\n"));

  /* Refused: no name, a probability of 150, a pipeline that is not there. */
  g_assert_cmpint (add (f, f->pipeline, " ", 10, 0, &error), ==, 0);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (add (f, f->pipeline, "Odd", 150, 0, &error), ==, 0);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (add (f, 4242, "Lost in space", 10, 0, &error), ==, 0);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Moving: Demo to the end of the open stages (any index past them). */
  g_assert_true (move (f, id, 99, &error));
  g_assert_no_error (error);
  g_free (after);
  after = stages (f);
  g_assert_cmpstr (after, ==, "Qualification|open\nNeeds Analysis|open\nProposal|open\n"
                              "Negotiation|open\nContract|open\nSigned|open\nDemo|open\n"
                              "Won|won\nLost|lost\n");
  g_assert_true (move (f, id, 0, &error));
  g_free (after);
  after = stages (f);
  g_assert_true (g_str_has_prefix (after, "Demo|open\nQualification|open\n"));

  /* The final stages do not move. */
  won = stage_id (f, "kind = 'won'");
  g_assert_false (move (f, won, 0, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_FINAL_STAGE);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 proposal = stage_id (f, "name = 'Proposal'");
  gint64 negotiation = stage_id (f, "name = 'Negotiation'");
  gint64 won = stage_id (f, "kind = 'won'");
  gint64 lost = stage_id (f, "kind = 'lost'");
  gint64 other = crm_test_query_int (f->store, "SELECT id FROM stage WHERE pipeline_id != %" G_GINT64_FORMAT
                               " AND kind = 'open' LIMIT 1", f->pipeline);
  gint64 in_proposal = crm_test_query_int (f->store, "SELECT count (*) FROM deal WHERE stage_id = %" G_GINT64_FORMAT,
                                  proposal);
  gint64 in_negotiation = crm_test_query_int (f->store, "SELECT count (*) FROM deal WHERE stage_id = %"
                                        G_GINT64_FORMAT, negotiation);
  gint64 history = crm_test_query_int (f->store, "SELECT count (*) FROM deal_stage_history");
  gint64 moved;

  g_assert_cmpint (in_proposal, >, 0);
  before = stages (f);

  /* Refused, and nothing changes: a final stage, a lost target, the stage
   * itself, another pipeline's stage. */
  g_assert_cmpint (delete (f, won, proposal, &error), ==, -1);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_FINAL_STAGE);
  g_clear_error (&error);
  g_assert_cmpint (delete (f, proposal, lost, &error), ==, -1);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_BAD_TARGET);
  g_clear_error (&error);
  g_assert_cmpint (delete (f, proposal, proposal, &error), ==, -1);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_BAD_TARGET);
  g_clear_error (&error);
  g_assert_cmpint (delete (f, proposal, other, &error), ==, -1);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_BAD_TARGET);
  g_clear_error (&error);
  after = stages (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM deal_stage_history"), ==, history);

  /* Proposal goes; its deals join Negotiation after the ones there, each
   * with a new stay that began now. */
  moved = delete (f, proposal, negotiation, &error);
  g_assert_no_error (error);
  g_assert_cmpint (moved, ==, in_proposal);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM deal WHERE stage_id = %" G_GINT64_FORMAT,
                              proposal), ==, 0);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM deal WHERE stage_id = %" G_GINT64_FORMAT,
                              negotiation), ==, in_proposal + in_negotiation);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM deal_stage_history"), ==, history + moved);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM deal_stage_history h JOIN deal d "
                                 "ON d.id = h.deal_id WHERE h.stage_id = %" G_GINT64_FORMAT
                                 " AND h.left_at = 0 AND h.entered = d.stage_entered",
                              negotiation), >=, in_proposal);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM deal_stage_history WHERE stage_id = %"
                                 G_GINT64_FORMAT " AND left_at = 0", proposal), ==, 0);
  g_free (after);
  after = stages (f);
  g_assert_cmpstr (after, ==, "Qualification|open\nNeeds Analysis|open\nNegotiation|open\n"
                              "Contract|open\nWon|won\nLost|lost\n");

  /* Down to one open stage, which stays. */
  g_assert_cmpint (delete (f, stage_id (f, "name = 'Qualification'"), won, &error), >=, 0);
  g_assert_cmpint (delete (f, stage_id (f, "name = 'Needs Analysis'"), negotiation, &error), >=, 0);
  g_assert_cmpint (delete (f, stage_id (f, "name = 'Contract'"), negotiation, &error), >=, 0);
  g_assert_no_error (error);
  g_assert_cmpint (delete (f, negotiation, won, &error), ==, -1);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_LAST_OPEN_STAGE);
  g_free (after);
  after = stages (f);
  g_assert_cmpstr (after, ==, "Negotiation|open\nWon|won\nLost|lost\n");
  /* Deals moved to Won are closed. */
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM deal WHERE stage_id = %" G_GINT64_FORMAT
                                 " AND closed = 0", won), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/pipeline-edit/add-move", test_add_move);
  ADD ("/pipeline-edit/delete", test_delete);
#undef ADD

  return g_test_run ();
}

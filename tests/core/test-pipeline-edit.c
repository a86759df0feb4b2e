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

static gboolean
update_stage (Fixture     *f,
              gint64       stage,
              const char  *name,
              int          probability,
              int          rotting_days,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_pipeline_update_stage_async (f->store, stage, name, probability, rotting_days, NULL,
                                   crm_test_store_result, &result);
  return crm_pipeline_update_stage_finish (f->store, crm_test_await (&result), error);
}

/* Counts the store's "changed" emissions for @table while waiting. */
static void
on_changed_cb (CrmStore   *store,
               const char *table,
               GArray     *ids,
               guint      *count)
{
  (*count)++;
}

static void
test_update_stage (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  gint64 proposal = stage_id (f, "name = 'Proposal'");
  gint64 won = stage_id (f, "kind = 'won'");
  guint changed = 0;
  gulong handler = g_signal_connect (f->store, "changed::stage", G_CALLBACK (on_changed_cb), &changed);

  /* Rename only: the rest stays. */
  g_assert_true (update_stage (f, proposal, "  Quote ", -1, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (changed, >=, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT name = 'Quote' AND probability = 40 AND "
                                       "rotting_days = 21 FROM stage WHERE id = %" G_GINT64_FORMAT,
                                       proposal), ==, 1);
  /* Probability, then rotting, then both at the edges. */
  g_assert_true (update_stage (f, proposal, NULL, 55, -1, &error));
  g_assert_true (update_stage (f, proposal, NULL, -1, 0, &error));
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT probability * 10000 + rotting_days FROM stage "
                                       "WHERE id = %" G_GINT64_FORMAT, proposal), ==, 550000);
  g_assert_true (update_stage (f, proposal, NULL, 100, CRM_PIPELINE_MAX_ROTTING_DAYS, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT probability * 10000 + rotting_days FROM stage "
                                       "WHERE id = %" G_GINT64_FORMAT, proposal), ==,
                   1000000 + CRM_PIPELINE_MAX_ROTTING_DAYS);

  /* Refused, and nothing changes. */
  before = stages (f);
  g_assert_false (update_stage (f, proposal, " ", -1, -1, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_stage (f, proposal, "Quote", 101, -1, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_stage (f, proposal, NULL, -5, -1, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_stage (f, proposal, NULL, -1, CRM_PIPELINE_MAX_ROTTING_DAYS + 1, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_stage (f, 4242, "Ghost", -1, -1, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* A won stage may be renamed, nothing more. */
  g_assert_false (update_stage (f, won, NULL, 50, -1, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_FINAL_STAGE);
  g_clear_error (&error);
  g_assert_false (update_stage (f, won, "Closed", -1, 7, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_FINAL_STAGE);
  g_clear_error (&error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT probability * 10000 + rotting_days FROM stage "
                                       "WHERE id = %" G_GINT64_FORMAT, proposal), ==,
                   1000000 + CRM_PIPELINE_MAX_ROTTING_DAYS);
  g_free (before);
  before = stages (f);
  g_assert_true (update_stage (f, won, "Signed", -1, -1, &error));
  g_assert_no_error (error);
  g_free (before);
  before = stages (f);
  g_assert_true (g_str_has_suffix (before, "Signed|won\nLost|lost\n"));
  g_signal_handler_disconnect (f->store, handler);
}

static void
test_restore_stage (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = stages (f);
  g_autofree char *after = NULL;
  gint64 negotiation = stage_id (f, "name = 'Negotiation'");
  gint64 id = add (f, f->pipeline, "Empty", 20, 2, &error);

  /* An empty stage added, deleted (no deal moves), restored where it was:
   * the add's undo and the delete's undo. */
  g_assert_cmpint (delete (f, id, negotiation, &error), ==, 0);
  g_assert_no_error (error);
  after = stages (f);
  g_assert_cmpstr (after, ==, before);
  crm_pipeline_restore_stage_async (f->store, id, 2, NULL, crm_test_store_result, &result);
  g_assert_true (crm_pipeline_restore_stage_finish (f->store, crm_test_await (&result), &error));
  g_assert_no_error (error);
  g_free (after);
  after = stages (f);
  g_assert_cmpstr (after, ==, "Qualification|open\nNeeds Analysis|open\nEmpty|open\nProposal|open\n"
                              "Negotiation|open\nContract|open\nWon|won\nLost|lost\n");

  /* A live stage is not restored. */
  g_clear_object (&result);
  crm_pipeline_restore_stage_async (f->store, id, 0, NULL, crm_test_store_result, &result);
  g_assert_false (crm_pipeline_restore_stage_finish (f->store, crm_test_await (&result), &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_NOT_FOUND);
}

static void
exec_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GError *error = NULL;

  if (_crm_store_worker_exec (worker, data, &error))
    g_task_return_pointer (task, GINT_TO_POINTER (TRUE), NULL);
  else
    g_task_return_error (task, error);
}

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  _crm_store_run_sync (f->store, exec_job, (gpointer) sql, NULL, &error);
  g_assert_no_error (error);
}

static gint64
add_pipeline (Fixture     *f,
              const char  *name,
              const char  *kind,
              const char  *currency,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_pipeline_add_pipeline_async (f->store, name, kind, currency, "New", "Won", "Lost", NULL,
                                   crm_test_store_result, &result);
  return crm_pipeline_add_pipeline_finish (f->store, crm_test_await (&result), error);
}

static gboolean
update_pipeline (Fixture     *f,
                 gint64       pipeline,
                 const char  *name,
                 const char  *kind,
                 const char  *currency,
                 GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_pipeline_update_pipeline_async (f->store, pipeline, name, kind, currency, NULL,
                                      crm_test_store_result, &result);
  return crm_pipeline_update_pipeline_finish (f->store, crm_test_await (&result), error);
}

static gboolean
delete_pipeline (Fixture  *f,
                 gint64    pipeline,
                 GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_pipeline_delete_pipeline_async (f->store, pipeline, NULL, crm_test_store_result, &result);
  return crm_pipeline_delete_pipeline_finish (f->store, crm_test_await (&result), error);
}

static void
test_pipelines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *row = NULL;
  g_autofree char *expected = NULL;
  gint64 b2c = crm_test_query_int (f->store, "SELECT id FROM pipeline WHERE kind = 'b2c' LIMIT 1");
  gint64 id, max_position;
  guint changed = 0;
  gulong handler = g_signal_connect (f->store, "changed::pipeline", G_CALLBACK (on_changed_cb),
                                     &changed);

  /* Added after the others, with its three stages. */
  max_position = crm_test_query_int (f->store, "SELECT max (position) FROM pipeline WHERE deleted = 0");
  id = add_pipeline (f, " Partners ", "b2b", "eur", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (changed, >=, 1);
  row = crm_test_query (f->store, "SELECT name, kind, currency, position FROM pipeline WHERE id = %"
                        G_GINT64_FORMAT, id);
  expected = g_strdup_printf ("Partners|b2b|EUR|%" G_GINT64_FORMAT "\n", max_position + 1);
  g_assert_cmpstr (row, ==, expected);
  made = crm_test_query (f->store, "SELECT name, kind, probability, rotting_days, position FROM stage "
                         "WHERE pipeline_id = %" G_GINT64_FORMAT " AND deleted = 0 ORDER BY position",
                         id);
  g_assert_cmpstr (made, ==, "New|open|10|0|0\nWon|won|100|0|1\nLost|lost|0|0|2\n");

  /* Refused: no name, an unknown kind, a bad currency. */
  g_assert_cmpint (add_pipeline (f, "", "b2b", "USD", &error), ==, 0);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (add_pipeline (f, "X", "retail", "USD", &error), ==, 0);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (add_pipeline (f, "X", "b2c", "US", &error), ==, 0);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM pipeline WHERE name = 'X'"), ==, 0);

  /* Renamed, then kind and currency; NULL keeps. */
  g_assert_true (update_pipeline (f, id, "Channel partners", NULL, NULL, &error));
  g_assert_true (update_pipeline (f, id, NULL, "b2c", "cny", &error));
  g_assert_no_error (error);
  g_free (row);
  row = crm_test_query (f->store, "SELECT name, kind, currency FROM pipeline WHERE id = %"
                        G_GINT64_FORMAT, id);
  g_assert_cmpstr (row, ==, "Channel partners|b2c|CNY\n");
  g_assert_false (update_pipeline (f, id, " ", NULL, NULL, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_pipeline (f, id, NULL, NULL, "€", &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (update_pipeline (f, 4242, "Ghost", NULL, NULL, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A pipeline with deals stays; an empty one goes with its stages. */
  g_assert_false (delete_pipeline (f, f->pipeline, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_HAS_DEALS);
  g_clear_error (&error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT deleted FROM pipeline WHERE id = %"
                                       G_GINT64_FORMAT, f->pipeline), ==, 0);
  g_assert_true (delete_pipeline (f, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT deleted FROM pipeline WHERE id = %"
                                       G_GINT64_FORMAT, id), ==, 1);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM stage WHERE deleted = 0 AND "
                                       "pipeline_id = %" G_GINT64_FORMAT, id), ==, 0);
  g_assert_false (delete_pipeline (f, id, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The only pipeline stays, even empty. */
  exec_sql (f, "DELETE FROM deal_stage_history; DELETE FROM deal_stakeholder; "
                  "DELETE FROM deal_product; DELETE FROM deal");
  g_assert_true (delete_pipeline (f, b2c, &error));
  g_assert_no_error (error);
  g_assert_false (delete_pipeline (f, f->pipeline, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_LAST_PIPELINE);
  g_signal_handler_disconnect (f->store, handler);
}

static gboolean
reason (Fixture     *f,
        char         op,
        gint64       id,
        const char  *name,
        guint        index,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  switch (op)
    {
    case 'r':
      crm_pipeline_rename_lost_reason_async (f->store, id, name, NULL, crm_test_store_result, &result);
      break;
    case 'm':
      crm_pipeline_move_lost_reason_async (f->store, id, index, NULL, crm_test_store_result, &result);
      break;
    case 'd':
      crm_pipeline_delete_lost_reason_async (f->store, id, NULL, crm_test_store_result, &result);
      break;
    default:
      crm_pipeline_restore_lost_reason_async (f->store, id, index, NULL, crm_test_store_result,
                                              &result);
      break;
    }
  return crm_pipeline_lost_reason_finish (f->store, crm_test_await (&result), error);
}

static char *
reasons (Fixture *f)
{
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) = max (position) + 1 AND "
                                       "min (position) = 0 FROM lost_reason WHERE deleted = 0"), ==, 1);
  return crm_test_query (f->store, "SELECT group_concat (name, ',') FROM (SELECT name FROM lost_reason "
                         "WHERE deleted = 0 ORDER BY position)");
}

static void
test_lost_reasons (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *list = reasons (f);
  gint64 id, used;

  g_assert_cmpstr (list, ==, "Price too high,Chose a competitor,No budget,Bad timing,No decision,"
                             "Product not a fit\n");
  crm_pipeline_add_lost_reason_async (f->store, " Went quiet ", 1, NULL, crm_test_store_result, &result);
  id = crm_pipeline_add_lost_reason_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_free (list);
  list = reasons (f);
  g_assert_cmpstr (list, ==, "Price too high,Went quiet,Chose a competitor,No budget,Bad timing,"
                             "No decision,Product not a fit\n");
  g_clear_object (&result);
  crm_pipeline_add_lost_reason_async (f->store, "  ", 0, NULL, crm_test_store_result, &result);
  g_assert_cmpint (crm_pipeline_add_lost_reason_finish (f->store, crm_test_await (&result), &error), ==, 0);
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (reason (f, 'r', id, "Ghosted", 0, &error));
  g_assert_true (reason (f, 'm', id, NULL, G_MAXUINT, &error));
  g_assert_no_error (error);
  g_free (list);
  list = reasons (f);
  g_assert_cmpstr (list, ==, "Price too high,Chose a competitor,No budget,Bad timing,No decision,"
                             "Product not a fit,Ghosted\n");
  g_assert_false (reason (f, 'r', id, "", 0, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_INVALID);
  g_clear_error (&error);

  /* A reason deals were lost for goes to the trash; the deals keep it; it
   * comes back where it was. */
  used = crm_test_query_int (f->store, "SELECT lost_reason_id FROM deal WHERE lost_reason_id != 0 "
                             "ORDER BY id LIMIT 1");
  g_assert_cmpint (used, >, 0);
  g_assert_true (reason (f, 'd', used, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT count (*) FROM deal WHERE lost_reason_id = %"
                                       G_GINT64_FORMAT, used), >, 0);
  g_assert_false (reason (f, 'd', used, NULL, 0, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (reason (f, 'u', used, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_test_query_int (f->store, "SELECT position FROM lost_reason WHERE id = %"
                                       G_GINT64_FORMAT, used), ==, 0);
  g_free (list);
  list = reasons (f);
  g_assert_false (reason (f, 'u', used, NULL, 0, &error));
  g_assert_error (error, CRM_PIPELINE_EDIT_ERROR, CRM_PIPELINE_EDIT_ERROR_NOT_FOUND);
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
  ADD ("/pipeline-edit/update-stage", test_update_stage);
  ADD ("/pipeline-edit/restore-stage", test_restore_stage);
  ADD ("/pipeline-edit/pipelines", test_pipelines);
  ADD ("/pipeline-edit/lost-reasons", test_lost_reasons);
#undef ADD

  return g_test_run ();
}

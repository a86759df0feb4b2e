/* test-search.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The global search: every case the issue names, on a small hand-built
 * database, then on the small demo database and on a version-1 database.
 */

#include "config.h"

#include <sqlite3.h>

#include "crm-demo.h"
#include "crm-models.h"
#include "crm-search.h"
#include "crm-search-query.h"
#include "crm-store.h"
#include "crm-test-util.h"

typedef struct
{
  char      *dir;
  CrmStore  *store;
  gint64     jose;
  gint64     zhang_wei;
  gint64     ouyang;
  gint64     li_lei;
  gint64     star;
  gint64     acme;
  gint64     deal;
  gint64     ticket;
} Fixture;

static void
close_store (CrmStore *store)
{
  crm_store_close (store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (store);
}

static void
insert (CrmStore  *store,
        CrmRecord *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_insert_async (store, record, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_insert_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
save (CrmStore  *store,
      CrmRecord *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_save_async (store, record, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_save_finish (store, result, &error));
  g_assert_no_error (error);
}

static void
trash (CrmStore  *store,
       CrmRecord *record,
       gboolean   trashed)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_trash_async (store, record, trashed, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  g_assert_true (crm_store_trash_finish (store, result, &error));
  g_assert_no_error (error);
}

static CrmRecord *
load (CrmStore *store,
      GType     type,
      gint64    id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CrmRecord *record;

  crm_store_load_async (store, type, id, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  record = crm_store_load_finish (store, result, &error);
  g_assert_no_error (error);
  return record;
}

static gint64
add_person (CrmStore   *store,
            const char *family,
            const char *given,
            const char *display,
            const char *email,
            const char *phone)
{
  g_autoptr(CrmPerson) p = crm_person_new ();

  crm_person_set_family_name (p, family);
  crm_person_set_given_name (p, given);
  crm_person_set_display_name (p, display);
  crm_person_set_email (p, email);
  crm_person_set_phone (p, phone);
  insert (store, CRM_RECORD (p));
  return crm_record_get_id (CRM_RECORD (p));
}

static gint64
add_organization (CrmStore   *store,
                  const char *name)
{
  g_autoptr(CrmOrganization) o = crm_organization_new ();

  crm_organization_set_name (o, name);
  insert (store, CRM_RECORD (o));
  return crm_record_get_id (CRM_RECORD (o));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmPipeline) pipeline = crm_pipeline_new ();
  g_autoptr(CrmStage) stage = crm_stage_new ();
  g_autoptr(CrmDeal) deal = crm_deal_new ();
  g_autoptr(CrmTicket) ticket = crm_ticket_new ();

  crm_models_ensure_types ();
  f->dir = crm_test_make_tmpdir ();
  path = g_build_filename (f->dir, "search.db", NULL);
  f->store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);

  f->jose = add_person (f->store, "García", "José", "José García", "jose.garcia@example.com", "+14155550100");
  f->zhang_wei = add_person (f->store, "张", "伟", "张伟", "zhang.wei@example.cn", "+8613800138000");
  f->ouyang = add_person (f->store, "欧阳", "娜娜", "欧阳娜娜", "", "");
  f->li_lei = add_person (f->store, "李", "雷", "李雷", "lilei@example.cn", "010 6552 9988");
  f->star = add_organization (f->store, "\"Star*\" NEAR-AND (Co)");
  f->acme = add_organization (f->store, "Acme Widgets");

  crm_pipeline_set_name (pipeline, "Sales");
  insert (f->store, CRM_RECORD (pipeline));
  crm_stage_set_pipeline_id (stage, crm_record_get_id (CRM_RECORD (pipeline)));
  crm_stage_set_name (stage, "Lead");
  insert (f->store, CRM_RECORD (stage));
  crm_deal_set_name (deal, "Annual renewal 2027");
  crm_deal_set_pipeline_id (deal, crm_record_get_id (CRM_RECORD (pipeline)));
  crm_deal_set_stage_id (deal, crm_record_get_id (CRM_RECORD (stage)));
  crm_deal_set_organization_id (deal, f->acme);
  insert (f->store, CRM_RECORD (deal));
  f->deal = crm_record_get_id (CRM_RECORD (deal));
  crm_ticket_set_subject (ticket, "Printer jammed again");
  crm_ticket_set_number (ticket, 4711);
  insert (f->store, CRM_RECORD (ticket));
  f->ticket = crm_record_get_id (CRM_RECORD (ticket));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_store (f->store);
  g_free (f->dir);
}

static GListModel *
search (CrmStore   *store,
        const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *hits;

  crm_search_async (store, text, 20, NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  hits = crm_search_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static gboolean
model_has (GListModel    *hits,
           CrmSearchKind  kind,
           gint64         id)
{
  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(CrmSearchHit) hit = g_list_model_get_item (hits, i);

      if (crm_search_hit_get_kind (hit) == kind && crm_search_hit_get_record_id (hit) == id)
        return TRUE;
    }
  return FALSE;
}

static gboolean
finds (CrmStore      *store,
       const char    *text,
       CrmSearchKind  kind,
       gint64         id)
{
  g_autoptr(GListModel) hits = search (store, text);

  return model_has (hits, kind, id);
}

#define assert_finds(f, text, kind, id) \
  G_STMT_START { \
    if (!finds ((f)->store, (text), (kind), (id))) \
      g_error ("“%s” did not find %s %" G_GINT64_FORMAT, (text), crm_search_kind_to_key (kind), (gint64) (id)); \
  } G_STMT_END
#define assert_not_finds(f, text, kind, id) \
  G_STMT_START { \
    if (finds ((f)->store, (text), (kind), (id))) \
      g_error ("“%s” found %s %" G_GINT64_FORMAT, (text), crm_search_kind_to_key (kind), (gint64) (id)); \
  } G_STMT_END

static void
test_latin (Fixture       *f,
            gconstpointer  data)
{
  const char *queries[] = { "José", "jose", "JOSÉ", "Jose García", "garcia", "GARCÍA", "jo", "j", "arcí", "osé" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_finds (f, queries[i], CRM_SEARCH_KIND_PERSON, f->jose);
  assert_not_finds (f, "josh", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_not_finds (f, "jose smith", CRM_SEARCH_KIND_PERSON, f->jose);
}

static void
test_chinese (Fixture       *f,
              gconstpointer  data)
{
  const char *zhang[] = { "张", "张伟", "伟", "zhangwei", "zhang wei", "zw", "ZhangWei", "zhang", "张 伟" };
  const char *ouyang[] = { "欧阳娜娜", "欧", "欧阳", "阳娜", "娜娜", "欧阳娜", "阳娜娜", "ouyangnana", "ouyang", "oynn", "oy" };

  for (guint i = 0; i < G_N_ELEMENTS (zhang); i++)
    assert_finds (f, zhang[i], CRM_SEARCH_KIND_PERSON, f->zhang_wei);
  for (guint i = 0; i < G_N_ELEMENTS (ouyang); i++)
    assert_finds (f, ouyang[i], CRM_SEARCH_KIND_PERSON, f->ouyang);

  assert_not_finds (f, "张", CRM_SEARCH_KIND_PERSON, f->li_lei);
  assert_not_finds (f, "李伟", CRM_SEARCH_KIND_PERSON, f->zhang_wei);
  assert_not_finds (f, "zw", CRM_SEARCH_KIND_PERSON, f->li_lei);
  assert_finds (f, "ll", CRM_SEARCH_KIND_PERSON, f->li_lei);
  assert_finds (f, "lilei", CRM_SEARCH_KIND_PERSON, f->li_lei);
}

static void
test_email (Fixture       *f,
            gconstpointer  data)
{
  assert_finds (f, "jose.g", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_finds (f, "jose.garcia@ex", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_finds (f, "JOSE.GARCIA@EXAMPLE.COM", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_finds (f, "zhang.wei@", CRM_SEARCH_KIND_PERSON, f->zhang_wei);
  assert_finds (f, "example.cn", CRM_SEARCH_KIND_PERSON, f->li_lei);
  assert_not_finds (f, "example.cn", CRM_SEARCH_KIND_PERSON, f->jose);
}

static void
test_phone (Fixture       *f,
            gconstpointer  data)
{
  assert_finds (f, "+86 138-0013-8000", CRM_SEARCH_KIND_PERSON, f->zhang_wei);
  assert_finds (f, "13800138000", CRM_SEARCH_KIND_PERSON, f->zhang_wei);
  assert_finds (f, "138 0013 8000", CRM_SEARCH_KIND_PERSON, f->zhang_wei);
  assert_finds (f, "(415) 555-0100", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_finds (f, "+1 415.555.0100", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_finds (f, "4155550100", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_finds (f, "010-65529988", CRM_SEARCH_KIND_PERSON, f->li_lei);
  assert_not_finds (f, "(415) 555-0100", CRM_SEARCH_KIND_PERSON, f->zhang_wei);
}

/* Query syntax of SQL and FTS5 is text: found literally, never an error. */
static void
test_syntax_is_text (Fixture       *f,
                     gconstpointer  data)
{
  const char *found[] = { "\"Star*\"", "\"star", "star*", "NEAR", "near-and", "-and", "AND", "(co)", "(Co" };
  const char *harmless[] = { "\"", "\"\"", "*", "-", "(", ")", "NEAR(", "a OR b", "x\"y", "' OR 1=1 --",
                             "NOT", "^", ":", "{key}", "NEAR(a b, 2)", "\"unbalanced", "%", "_", "\\",
                             "  ", "", "\xff\xfe", "jos\xc3", "a\tb\nc" };

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    assert_finds (f, found[i], CRM_SEARCH_KIND_ORGANIZATION, f->star);
  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    g_clear_object (&(GListModel *) { search (f->store, harmless[i]) });
  /* '%' and '_' are not LIKE wildcards here. */
  assert_not_finds (f, "%", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_not_finds (f, "jos_", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_not_finds (f, "j%e", CRM_SEARCH_KIND_PERSON, f->jose);
}

static void
test_deal_ticket (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(CrmSearchHit) hit = NULL;

  assert_finds (f, "renewal", CRM_SEARCH_KIND_DEAL, f->deal);
  assert_finds (f, "annual ren", CRM_SEARCH_KIND_DEAL, f->deal);
  assert_finds (f, "newal", CRM_SEARCH_KIND_DEAL, f->deal);
  assert_finds (f, "jammed", CRM_SEARCH_KIND_TICKET, f->ticket);
  assert_finds (f, "pr", CRM_SEARCH_KIND_TICKET, f->ticket);
  assert_finds (f, "4711", CRM_SEARCH_KIND_TICKET, f->ticket);

  hits = search (f->store, "renewal");
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
  hit = g_list_model_get_item (hits, 0);
  g_assert_cmpstr (crm_search_hit_get_title (hit), ==, "Annual renewal 2027");
  g_assert_cmpstr (crm_search_hit_get_subtitle (hit), ==, "Acme Widgets");
}

/* Hits come grouped by kind, people first; prefix matches before substrings. */
static void
test_grouped (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GListModel) hits = NULL;
  CrmSearchKind last = CRM_SEARCH_KIND_FIRST;
  gint64 acme_person = add_person (f->store, "", "", "Acme Fan", "", "");
  gint64 wacme = add_person (f->store, "", "", "Wacmex", "", "");

  hits = search (f->store, "acm");
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(CrmSearchHit) hit = g_list_model_get_item (hits, i);

      g_assert_cmpint (crm_search_hit_get_kind (hit), >=, last);
      last = crm_search_hit_get_kind (hit);
    }
  {
    g_autoptr(CrmSearchHit) first = g_list_model_get_item (hits, 0);
    g_autoptr(CrmSearchHit) second = g_list_model_get_item (hits, 1);

    g_assert_cmpint (crm_search_hit_get_record_id (first), ==, acme_person);
    g_assert_cmpint (crm_search_hit_get_record_id (second), ==, wacme);
  }
  g_assert_true (model_has (hits, CRM_SEARCH_KIND_ORGANIZATION, f->acme));
  g_assert_true (model_has (hits, CRM_SEARCH_KIND_DEAL, f->deal) == FALSE);
}

static void
test_trash_and_edit (Fixture       *f,
                     gconstpointer  data)
{
  CrmRecord *person = load (f->store, CRM_TYPE_PERSON, f->jose);
  CrmRecord *org = load (f->store, CRM_TYPE_ORGANIZATION, f->acme);

  g_assert_nonnull (person);
  trash (f->store, person, TRUE);
  assert_not_finds (f, "jose", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_not_finds (f, "jo", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_not_finds (f, "4155550100", CRM_SEARCH_KIND_PERSON, f->jose);
  trash (f->store, person, FALSE);
  assert_finds (f, "jose", CRM_SEARCH_KIND_PERSON, f->jose);

  g_assert_nonnull (org);
  crm_organization_set_name (CRM_ORGANIZATION (org), "Zenith Gadgets 天成");
  save (f->store, org);
  assert_not_finds (f, "acme", CRM_SEARCH_KIND_ORGANIZATION, f->acme);
  assert_finds (f, "zenith", CRM_SEARCH_KIND_ORGANIZATION, f->acme);
  assert_finds (f, "天成", CRM_SEARCH_KIND_ORGANIZATION, f->acme);
  assert_finds (f, "tiancheng", CRM_SEARCH_KIND_ORGANIZATION, f->acme);
  /* The deal's subtitle follows its organization. */
  {
    g_autoptr(GListModel) hits = search (f->store, "renewal");
    g_autoptr(CrmSearchHit) hit = g_list_model_get_item (hits, 0);

    g_assert_cmpstr (crm_search_hit_get_subtitle (hit), ==, "Zenith Gadgets 天成");
  }

  g_object_unref (person);
  g_object_unref (org);
}

/* Another connection without Rapport's SQL functions (another tool, the
 * sqlite3 shell) can write records; the next search sees its changes. */
static void
test_external_writer (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "search.db", NULL);
  g_autofree char *sql = NULL;
  char *errmsg = NULL;
  sqlite3 *other;

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  sqlite3_busy_timeout (other, 5000);
  sql = g_strdup_printf ("UPDATE person SET display_name = 'Joaquín Sorolla' WHERE id = %" G_GINT64_FORMAT ";"
                         "UPDATE ticket SET deleted = 1 WHERE id = %" G_GINT64_FORMAT ";"
                         "DELETE FROM organization WHERE id = %" G_GINT64_FORMAT ";",
                         f->jose, f->ticket, f->star);
  sqlite3_exec (other, sql, NULL, NULL, &errmsg);
  g_assert_null (errmsg);
  sqlite3_close (other);

  assert_finds (f, "joaquin", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_finds (f, "sorol", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_not_finds (f, "jammed", CRM_SEARCH_KIND_TICKET, f->ticket);
  assert_not_finds (f, "near", CRM_SEARCH_KIND_ORGANIZATION, f->star);
}

static void
test_rebuild (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_search_rebuild_sync (f->store, &error));
  g_assert_no_error (error);
  assert_finds (f, "zw", CRM_SEARCH_KIND_PERSON, f->zhang_wei);
  assert_finds (f, "arci", CRM_SEARCH_KIND_PERSON, f->jose);
  assert_finds (f, "伟", CRM_SEARCH_KIND_PERSON, f->zhang_wei);
  /* Still kept current after a rebuild. */
  {
    gint64 id = add_person (f->store, "王", "芳", "王芳", "", "");

    assert_finds (f, "wf", CRM_SEARCH_KIND_PERSON, id);
    assert_finds (f, "王芳", CRM_SEARCH_KIND_PERSON, id);
  }
}

static void
test_parser (void)
{
  struct {
    const char *text;
    guint n_terms;
    CrmSearchTermClass klass;
    CrmSearchPath path;
    const char *first;
  } cases[] = {
    { "张", 1, CRM_SEARCH_TERM_HAN, CRM_SEARCH_PATH_GRAM, "张" },
    { "张伟", 1, CRM_SEARCH_TERM_HAN, CRM_SEARCH_PATH_GRAM, "张伟" },
    { "欧阳娜娜", 1, CRM_SEARCH_TERM_HAN, CRM_SEARCH_PATH_TRIGRAM, "欧阳娜娜" },
    { "ZW", 1, CRM_SEARCH_TERM_LATIN, CRM_SEARCH_PATH_PREFIX, "zw" },
    { "José", 1, CRM_SEARCH_TERM_LATIN, CRM_SEARCH_PATH_TRIGRAM, "jose" },
    { "zhang wei", 2, CRM_SEARCH_TERM_LATIN, CRM_SEARCH_PATH_TRIGRAM, "zhang" },
    { "+86 138-0013-8000", 1, CRM_SEARCH_TERM_DIGITS, CRM_SEARCH_PATH_TRIGRAM, "8613800138000" },
    { "(415) 555-0100", 1, CRM_SEARCH_TERM_DIGITS, CRM_SEARCH_PATH_TRIGRAM, "4155550100" },
    { "A@B.c", 1, CRM_SEARCH_TERM_EMAIL, CRM_SEARCH_PATH_TRIGRAM, "a@b.c" },
    { "\"x", 1, CRM_SEARCH_TERM_LATIN, CRM_SEARCH_PATH_PREFIX, "\"x" },
    { "  \t ", 0, 0, 0, NULL },
    { "a a a", 1, CRM_SEARCH_TERM_LATIN, CRM_SEARCH_PATH_PREFIX, "a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmSearchQuery) q = crm_search_query_parse (cases[i].text, -1);
      const CrmSearchTerm *term;

      g_assert_cmpuint (crm_search_query_get_n_terms (q), ==, cases[i].n_terms);
      if (cases[i].n_terms == 0)
        continue;
      term = crm_search_query_get_term (q, 0);
      g_assert_cmpstr (term->text, ==, cases[i].first);
      g_assert_cmpint (term->klass, ==, cases[i].klass);
      g_assert_cmpint (term->path, ==, cases[i].path);
    }

  {
    g_autoptr(CrmSearchQuery) q = crm_search_query_parse ("say \"hi\" NEAR x", -1);
    g_autofree char *match = crm_search_query_dup_match (q);

    g_assert_cmpstr (match, ==, "\"say\" AND \"\"\"hi\"\"\" AND \"near\"");
  }
  {
    g_autoptr(CrmSearchQuery) q = crm_search_query_parse ("a b c d e f g h i j k", -1);

    g_assert_cmpuint (crm_search_query_get_n_terms (q), ==, CRM_SEARCH_QUERY_MAX_TERMS);
  }
}

static char *
first_person_name (const char *path,
                   gint64     *id)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *name = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, display_name FROM person WHERE deleted = 0 AND display_name != '' ORDER BY id LIMIT 1 OFFSET 17", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *id = sqlite3_column_int64 (stmt, 0);
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return name;
}

static void
test_demo (gconstpointer data)
{
  const char *locale = data;
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  CrmStore *store;
  gint64 id = 0;

  crm_models_ensure_types ();
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_sync (store, CRM_DEMO_SMALL, locale, 1, &error));
  g_assert_no_error (error);

  name = first_person_name (path, &id);
  g_test_message ("searching the demo person “%s”", name);
  g_assert_true (finds (store, name, CRM_SEARCH_KIND_PERSON, id));
  if (g_str_equal (locale, "zh_CN"))
    {
      /* A two-character prefix of the name takes the gram path. */
      g_autofree char *two = g_utf8_substring (name, 0, 2);
      g_autoptr(GListModel) hits = search (store, two);

      g_assert_cmpuint (g_list_model_get_n_items (hits), >, 0);
    }
  g_assert_true (crm_search_rebuild_sync (store, &error));
  g_assert_no_error (error);
  g_assert_true (finds (store, name, CRM_SEARCH_KIND_PERSON, id));
  close_store (store);
}

/* A database from before the index gets it when it is opened. */
static void
test_v1_database (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  char *errmsg = NULL;
  CrmStore *store;
  sqlite3 *db;

  g_assert_true (g_file_get_contents (CRM_SCHEMA_V1_PATH, &sql, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "BEGIN; PRAGMA application_id = 1380012116;", NULL, NULL, &errmsg);
  sqlite3_exec (db, sql, NULL, NULL, &errmsg);
  g_assert_null (errmsg);
  sqlite3_exec (db,
                "PRAGMA user_version = 1;"
                "INSERT INTO meta VALUES ('id-node', '77'), ('id-last-ms', '1000');"
                "INSERT INTO person (id, created, updated, display_name, sort_key, email)"
                "  VALUES (4194382, 1700000000, 1700000000, '李娜', '李娜', 'li.na@example.cn');"
                "INSERT INTO person (id, created, updated, deleted, display_name, sort_key)"
                "  VALUES (4194383, 1700000000, 1700000000, 1, 'Trashed Tom', 'trashed tom');"
                "COMMIT;",
                NULL, NULL, &errmsg);
  g_assert_null (errmsg);
  sqlite3_close (db);

  crm_models_ensure_types ();
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  g_assert_true (finds (store, "李娜", CRM_SEARCH_KIND_PERSON, 4194382));
  g_assert_true (finds (store, "ln", CRM_SEARCH_KIND_PERSON, 4194382));
  g_assert_true (finds (store, "li.na", CRM_SEARCH_KIND_PERSON, 4194382));
  g_assert_false (finds (store, "trashed", CRM_SEARCH_KIND_PERSON, 4194383));
  close_store (store);
}

static gint64
queued (CrmStore *store)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  /* A reader of its own (WAL: it sees the last commit). */
  g_assert_cmpint (sqlite3_open_v2 (crm_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM search_dirty", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* A big backlog (9,000 people another program wrote, as after an import):
 * opening does not wait for it, searches do not wait for all of it, and the
 * application's store drains it in the background until everyone is found. */
static void
test_backlog (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "backlog.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) hits = NULL;
  CrmStore *store;
  GString *sql = g_string_new ("BEGIN;");
  char *errmsg = NULL;
  sqlite3 *other;

  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  close_store (store);

  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  for (int i = 1; i <= 9000; i++)
    g_string_append_printf (sql, "INSERT INTO person (id, created, updated, display_name, sort_key) "
                                 "VALUES (%d, 1, 1, 'Backlog Person %05d', 'backlog person %05d');",
                            i, i, i);
  g_string_append (sql, "COMMIT;");
  sqlite3_exec (other, sql->str, NULL, NULL, &errmsg);
  g_assert_null (errmsg);
  sqlite3_close (other);
  g_string_free (sql, TRUE);

  crm_store_open_async (path, NULL, crm_test_store_result, &result);
  store = crm_store_open_finish (crm_test_await (&result), &error);
  g_assert_no_error (error);
  /* Opened with the queue still there. */
  g_assert_cmpint (queued (store), >, 2000);

  /* A search meanwhile answers from what is indexed so far. */
  hits = crm_search_sync (store, "backlog", 5, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  g_clear_object (&hits);

  while (queued (store) > 0)
    g_main_context_iteration (NULL, TRUE);
  hits = crm_search_sync (store, "backlog person 09000", 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
  g_clear_object (&hits);
  hits = crm_search_sync (store, "backlog person 00001", 5, &error);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
  g_clear_object (&hits);

  close_store (store);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/search/latin", test_latin);
  ADD ("/search/chinese", test_chinese);
  ADD ("/search/email", test_email);
  ADD ("/search/phone", test_phone);
  ADD ("/search/syntax-is-text", test_syntax_is_text);
  ADD ("/search/deal-ticket", test_deal_ticket);
  ADD ("/search/grouped", test_grouped);
  ADD ("/search/trash-and-edit", test_trash_and_edit);
  ADD ("/search/external-writer", test_external_writer);
  ADD ("/search/rebuild", test_rebuild);
#undef ADD
  g_test_add_func ("/search/parser", test_parser);
  g_test_add_data_func ("/search/demo/en", "en", test_demo);
  g_test_add_data_func ("/search/demo/zh_CN", "zh_CN", test_demo);
  g_test_add_func ("/search/v1-database", test_v1_database);
  g_test_add_func ("/search/backlog", test_backlog);

  return g_test_run ();
}

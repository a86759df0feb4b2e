/* test-dedupe.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Duplicate keys, the scan over a hand-built database, merge and unmerge.
 */

#include "config.h"

#include <locale.h>
#include <sqlite3.h>

#include "crm-dedupe.h"
#include "crm-demo.h"
#include "crm-models.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

typedef struct
{
  char     *dir;
  char     *path;
  CrmStore *store;
} Fixture;

/* Organizations 1001..1006, people 2001..2011; see each test for the rules
 * they exercise. */
static const char fixture_sql[] =
  "INSERT INTO organization (id, created, updated, name, website) VALUES"
  " (1001, 1, 1, 'Acme Inc.', 'https://www.acme.com'),"
  " (1002, 1, 1, 'ACME, LLC', 'acme.com/about'),"
  " (1003, 1, 1, '华为技术有限公司', ''),"
  " (1004, 1, 1, '华为技术', ''),"
  " (1005, 1, 1, 'Globex GmbH', 'globex.de'),"
  " (1006, 1, 1, 'Initech', 'https://www.facebook.com/initech');"
  "INSERT INTO person (id, created, updated, deleted, given_name, family_name, display_name, email, phone, country) VALUES"
  " (2001, 1, 1, 0, 'Ann', 'Lee', 'Ann Lee', 'Ann.Lee@Example.com', '', 'US'),"
  " (2002, 1, 1, 0, '', '', 'A. Lee', 'ann.lee@example.COM', '', 'US'),"
  " (2003, 1, 1, 0, 'Bob', 'Stone', 'Bob Stone', '', '+14155550132', 'US'),"
  " (2004, 1, 1, 0, 'Robert', 'Stone', 'Robert Stone', '', '(415) 555-0132', 'US'),"
  " (2005, 1, 1, 0, 'John', 'Smith', 'John Smith', 'john@acme.com', '', 'US'),"
  " (2006, 1, 1, 0, '', '', 'john  SMITH', 'jsmith@example.org', '', 'US'),"
  " (2007, 1, 1, 0, '伟', '张', '张伟', '', '', 'CN'),"
  " (2008, 1, 1, 0, '', '', 'Wei Zhang', '', '', 'CN'),"
  " (2009, 1, 1, 0, 'Mary', 'Jones', 'Mary Jones', '', '', 'GB'),"
  " (2010, 1, 1, 0, 'Mary', 'Jones', 'Mary Jones', '', '', 'GB'),"
  " (2011, 1, 1, 1, 'Ann', 'Lee', 'Ann Lee', 'ann.lee@example.com', '', 'US');"
  "INSERT INTO affiliation (id, created, updated, person_id, organization_id, title) VALUES"
  " (3001, 1, 1, 2005, 1001, ''),"
  " (3002, 1, 1, 2006, 1001, 'CTO'),"
  " (3003, 1, 1, 2007, 1005, ''),"
  " (3004, 1, 1, 2008, 1005, ''),"
  " (3005, 1, 1, 2009, 1005, ''),"
  " (3006, 1, 1, 2010, 1006, ''),"
  " (3007, 1, 1, 2006, 1006, 'Advisor');"
  "INSERT INTO pipeline (id, created, updated, name) VALUES (4001, 1, 1, 'Sales');"
  "INSERT INTO stage (id, created, updated, pipeline_id, name) VALUES (4002, 1, 1, 4001, 'Lead');"
  "INSERT INTO deal (id, created, updated, name, pipeline_id, stage_id, organization_id, person_id) VALUES"
  " (5001, 1, 1, 'Anvils', 4001, 4002, 1002, 2006),"
  " (5002, 1, 1, 'Rockets', 4001, 4002, 1001, 2005);"
  "INSERT INTO deal_stakeholder (id, created, updated, deal_id, person_id) VALUES"
  " (5101, 1, 1, 5002, 2005), (5102, 1, 1, 5002, 2006), (5103, 1, 1, 5001, 2006);"
  "INSERT INTO ticket (id, created, updated, number, subject, person_id, organization_id) VALUES"
  " (6001, 1, 1, 1, 'Broken anvil', 2006, 1002);"
  "INSERT INTO activity (id, created, updated, kind, subject_kind, subject_id, summary) VALUES"
  " (6101, 1, 1, 'call', 'person', 2006, 'Called'),"
  " (6102, 1, 1, 'note', 'organization', 1002, 'Met');"
  "INSERT INTO customer_order (id, created, updated, person_id, ordered, total) VALUES"
  " (6201, 1, 1, 2006, 5, 1000);"
  "INSERT INTO campaign (id, created, updated, name) VALUES (7001, 1, 1, 'Spring'), (7002, 1, 1, 'Fall');"
  "INSERT INTO campaign_member (id, created, updated, campaign_id, person_id) VALUES"
  " (7101, 1, 1, 7001, 2005), (7102, 1, 1, 7001, 2006), (7103, 1, 1, 7002, 2006);"
  "INSERT INTO tag (id, created, updated, name) VALUES (8001, 1, 1, 'vip');"
  "INSERT INTO record_tag (id, created, updated, tag_id, record_kind, record_id) VALUES"
  " (8101, 1, 1, 8001, 'person', 2005), (8102, 1, 1, 8001, 'person', 2006);"
  "INSERT INTO reporting_line (id, created, updated, organization_id, person_id, manager_id) VALUES"
  " (8201, 1, 1, 1001, 2006, 2005), (8202, 1, 1, 1001, 2009, 2006);"
  "INSERT INTO influence_link (id, created, updated, organization_id, from_person_id, to_person_id) VALUES"
  " (8301, 1, 1, 1001, 2006, 2009);"
  "INSERT INTO map_position (id, created, updated, scope_kind, scope_id, person_id, x, y) VALUES"
  " (8401, 1, 1, 'organization', 1001, 2005, 1, 1), (8402, 1, 1, 'organization', 1001, 2006, 2, 2),"
  " (8403, 1, 1, 'deal', 5001, 2006, 3, 3);"
  /* A person field and an organization field; 9102 belongs to organization
   * 2006's namesake id and must stay where it is when people merge. */
  "INSERT INTO custom_field (id, created, updated, target, key, label) VALUES"
  " (9001, 1, 1, 'person', 'tier', 'Tier'), (9002, 1, 1, 'organization', 'region', 'Region');"
  "INSERT INTO custom_value (id, created, updated, field_id, record_id, text_value) VALUES"
  " (9101, 1, 1, 9001, 2006, 'gold'), (9102, 1, 1, 9002, 2006, 'north'),"
  " (9103, 1, 1, 9002, 1002, 'south');";

/* Every table a merge may touch, dumped in full. */
static const char *dumped_tables[] = {
  "person", "organization", "affiliation", "deal", "deal_stakeholder", "ticket", "activity",
  "customer_order", "campaign_member", "record_tag", "reporting_line", "influence_link",
  "custom_value", "map_position",
};

static void
close_store (CrmStore *store)
{
  crm_store_close (store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (store);
}

/* Through the store's own connection, which has the SQL functions that the
 * search index's triggers call. */
static void
fill_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  GError *error = NULL;

  if (!_crm_store_worker_begin (worker, &error)
      || !_crm_store_worker_exec (worker, data, &error)
      || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
exec_sql (CrmStore   *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  gpointer done = _crm_store_run_sync (store, fill_job, (gpointer) sql, NULL, &error);

  g_assert_no_error (error);
  return done != NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = crm_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "rapport.db", NULL);
  f->store = crm_store_open_sync (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (_crm_store_run_sync (f->store, fill_job, (gpointer) fixture_sql, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  close_store (f->store);
  g_free (f->path);
  g_free (f->dir);
}

static GPtrArray *
scan (CrmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *clusters;

  crm_dedupe_scan_async (store, NULL, crm_test_store_result, &result);
  clusters = crm_dedupe_scan_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (clusters);
  return clusters;
}

/* "kind:id,id[rule,rule]" per cluster, one per line. */
static char *
describe (GPtrArray *clusters)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < clusters->len; i++)
    {
      CrmDedupeCluster *c = clusters->pdata[i];

      g_string_append_printf (out, "%s:", crm_dedupe_kind_to_string (c->kind));
      for (guint j = 0; j < c->ids->len; j++)
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, j ? "," : "", g_array_index (c->ids, gint64, j));
      g_string_append_c (out, '[');
      for (guint j = 0; j < c->matches->len; j++)
        {
          CrmDedupeMatch *m = c->matches->pdata[j];

          g_string_append_printf (out, "%s%s", j ? "," : "", crm_dedupe_rule_to_string (m->rule));
        }
      g_string_append (out, "]\n");
    }
  return g_string_free (out, FALSE);
}

static char *
dump (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint t = 0; t < G_N_ELEMENTS (dumped_tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY id", dumped_tables[t]);
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_string_append_printf (out, "%s:", dumped_tables[t]);
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "|%d:%s", sqlite3_column_type (stmt, c),
                                    (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

#define assert_query(f, sql, expected) \
  G_STMT_START { \
    g_autofree char *_text = query_text ((f)->path, (sql)); \
    g_assert_cmpstr (_text, ==, (expected)); \
  } G_STMT_END

static void
test_keys (void)
{
  g_auto(GStrv) zh = crm_dedupe_dup_name_keys ("伟", "张", "张伟");
  g_auto(GStrv) en = crm_dedupe_dup_name_keys (NULL, NULL, "Wei Zhang");
  g_auto(GStrv) jose = crm_dedupe_dup_name_keys ("José", "Álvarez", NULL);
  g_auto(GStrv) one = crm_dedupe_dup_name_keys ("", "", "X");
  g_autofree char *org1 = crm_dedupe_dup_org_name_key ("Acme Holdings, Inc.");
  g_autofree char *org2 = crm_dedupe_dup_org_name_key ("Müller & Söhne GmbH");
  g_autofree char *org3 = crm_dedupe_dup_org_name_key ("Nestlé S.A.");
  g_autofree char *org4 = crm_dedupe_dup_org_name_key ("阿里巴巴（中国）有限公司");
  g_autofree char *org5 = crm_dedupe_dup_org_name_key ("腾讯控股集团");
  g_autofree char *web1 = crm_dedupe_dup_domain_key ("HTTPS://WWW.Example.COM/about?x=1");
  g_autofree char *web2 = crm_dedupe_dup_domain_key ("example.com:8080");
  g_autofree char *web3 = crm_dedupe_dup_domain_key ("https://facebook.com/acme");
  g_autofree char *web4 = crm_dedupe_dup_domain_key ("n/a");

  g_assert_cmpstrv (zh, ((const char * const[]) { "zhangwei", "weizhang", NULL }));
  g_assert_cmpstrv (en, ((const char * const[]) { "weizhang", "zhangwei", NULL }));
  g_assert_cmpstrv (jose, ((const char * const[]) { "alvarezjose", "josealvarez", NULL }));
  g_assert_cmpstrv (one, ((const char * const[]) { NULL }));
  g_assert_cmpstr (org1, ==, "acme");
  g_assert_cmpstr (org2, ==, "muller and sohne");
  g_assert_cmpstr (org3, ==, "nestle");
  g_assert_cmpstr (org4, ==, "阿里巴巴");
  g_assert_cmpstr (org5, ==, "腾讯控股");
  g_assert_cmpstr (web1, ==, "example.com");
  g_assert_cmpstr (web2, ==, "example.com");
  g_assert_null (web3);
  g_assert_null (web4);
}

static void
test_scan_rules (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) clusters = scan (f->store);
  g_autofree char *text = describe (clusters);

  /* Same email in another case; the same phone in two formats; the same
   * name at the same organization (also 张伟 and Wei Zhang); Mary Jones at
   * two organizations and the trashed Ann Lee are not matched; Acme by name
   * and website, Huawei without its legal form; Initech's Facebook page is
   * no domain of its own. */
  g_assert_cmpstr (text, ==,
                   "person:2001,2002[email]\n"
                   "person:2003,2004[phone]\n"
                   "person:2005,2006[name-at-organization]\n"
                   "person:2007,2008[name-at-organization]\n"
                   "organization:1001,1002[organization-name,website]\n"
                   "organization:1003,1004[organization-name]\n");
  /* Names for lists: the display name, else given and family name. */
  g_assert_cmpstr (((CrmDedupeCluster *) clusters->pdata[0])->names->pdata[1], ==, "A. Lee");
  g_assert_cmpstr (((CrmDedupeCluster *) clusters->pdata[3])->names->pdata[0], ==, "张伟");
  g_assert_cmpstr (((CrmDedupeCluster *) clusters->pdata[5])->names->pdata[1], ==, "华为技术");

  for (guint i = 0; i < clusters->len; i++)
    {
      CrmDedupeCluster *c = clusters->pdata[i];
      CrmDedupeMatch *m = c->matches->pdata[0];

      g_assert_cmpuint (m->ids->len, ==, 2);
      g_assert_cmpuint (c->names->len, ==, c->ids->len);
      if (m->rule == CRM_DEDUPE_RULE_EMAIL)
        g_assert_cmpstr (m->key, ==, "ann.lee@example.com");
      else if (m->rule == CRM_DEDUPE_RULE_PHONE)
        g_assert_cmpstr (m->key, ==, "+14155550132");
    }
}

static void
test_scan_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = NULL;

  g_cancellable_cancel (cancellable);
  crm_dedupe_scan_async (f->store, cancellable, crm_test_store_result, &result);
  clusters = crm_dedupe_scan_finish (f->store, crm_test_await (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (clusters);
}

static GVariant *
merge (Fixture       *f,
       CrmDedupeKind  kind,
       gint64         survivor,
       gint64         loser,
       GHashTable    *choices)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *undo;

  crm_dedupe_merge_async (f->store, kind, survivor, &loser, 1, choices, NULL,
                          crm_test_store_result, &result);
  undo = crm_dedupe_merge_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  return undo;
}

static void
unmerge (Fixture  *f,
         GVariant *undo)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_dedupe_unmerge_async (f->store, undo, NULL, crm_test_store_result, &result);
  g_assert_true (crm_dedupe_unmerge_finish (f->store, crm_test_await (&result), &error));
  g_assert_no_error (error);
}

static void
test_merge_person (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) choices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *before = dump (f->path);
  g_autofree char *after = NULL;
  g_autoptr(GVariant) undo = NULL;
  gint64 loser = 2006;

  g_hash_table_insert (choices, "email", g_memdup2 (&loser, sizeof loser));
  g_hash_table_insert (choices, "display-name", g_memdup2 (&loser, sizeof loser));
  undo = merge (f, CRM_DEDUPE_KIND_PERSON, 2005, 2006, choices);

  /* Chosen field copied; the loser in the trash. */
  assert_query (f, "SELECT email FROM person WHERE id = 2005", "jsmith@example.org");
  assert_query (f, "SELECT display_name FROM person WHERE id = 2005", "john  SMITH");
  assert_query (f, "SELECT given_name FROM person WHERE id = 2005", "John");
  assert_query (f, "SELECT deleted FROM person WHERE id = 2006", "1");
  /* Related rows moved. */
  assert_query (f, "SELECT person_id FROM deal WHERE id = 5001", "2005");
  assert_query (f, "SELECT person_id FROM ticket WHERE id = 6001", "2005");
  assert_query (f, "SELECT subject_id FROM activity WHERE id = 6101", "2005");
  assert_query (f, "SELECT person_id FROM customer_order WHERE id = 6201", "2005");
  assert_query (f, "SELECT person_id FROM campaign_member WHERE id = 7103", "2005");
  assert_query (f, "SELECT person_id FROM deal_stakeholder WHERE id = 5103", "2005");
  assert_query (f, "SELECT person_id || ',' || deleted FROM affiliation WHERE id = 3007", "2005,0");
  assert_query (f, "SELECT manager_id FROM reporting_line WHERE id = 8202", "2005");
  /* UNIQUE rows the survivor already had are merged, not duplicated. */
  assert_query (f, "SELECT person_id || ',' || deleted FROM campaign_member WHERE id = 7102", "2006,1");
  assert_query (f, "SELECT person_id || ',' || deleted FROM deal_stakeholder WHERE id = 5102", "2006,1");
  assert_query (f, "SELECT record_id || ',' || deleted FROM record_tag WHERE id = 8102", "2006,1");
  assert_query (f, "SELECT count(*) FROM affiliation WHERE person_id = 2005 AND organization_id = 1001 AND deleted = 0", "1");
  assert_query (f, "SELECT deleted FROM affiliation WHERE id = 3002", "1");
  assert_query (f, "SELECT title FROM affiliation WHERE id = 3001", "CTO");
  /* John Smith reported to himself: that line goes. */
  assert_query (f, "SELECT deleted FROM reporting_line WHERE id = 8201", "1");
  assert_query (f, "SELECT from_person_id FROM influence_link WHERE id = 8301", "2005");
  assert_query (f, "SELECT person_id || ',' || deleted FROM map_position WHERE id = 8402", "2006,1");
  assert_query (f, "SELECT person_id || ',' || deleted FROM map_position WHERE id = 8403", "2005,0");
  /* Custom values of person fields move; an organization field's value
   * with the same record id is not the person's. */
  assert_query (f, "SELECT record_id FROM custom_value WHERE id = 9101", "2005");
  assert_query (f, "SELECT record_id FROM custom_value WHERE id = 9102", "2006");
  /* The list order follows the chosen name. */
  assert_query (f, "SELECT sort_key FROM person WHERE id = 2005", "john  smith");

  /* A second scan no longer sees the pair. */
  {
    g_autoptr(GPtrArray) clusters = scan (f->store);
    g_autofree char *text = describe (clusters);

    g_assert_null (strstr (text, "2005,2006"));
  }

  unmerge (f, undo);
  after = dump (f->path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_merge_organization (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *before = dump (f->path);
  g_autofree char *after = NULL;
  g_autoptr(GVariant) undo = merge (f, CRM_DEDUPE_KIND_ORGANIZATION, 1001, 1002, NULL);

  assert_query (f, "SELECT organization_id FROM deal WHERE id = 5001", "1001");
  assert_query (f, "SELECT organization_id FROM ticket WHERE id = 6001", "1001");
  assert_query (f, "SELECT subject_id FROM activity WHERE id = 6102", "1001");
  assert_query (f, "SELECT deleted FROM organization WHERE id = 1002", "1");
  assert_query (f, "SELECT name FROM organization WHERE id = 1001", "Acme Inc.");
  assert_query (f, "SELECT record_id FROM custom_value WHERE id = 9103", "1001");

  unmerge (f, undo);
  after = dump (f->path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_merge_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GHashTable) choices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *before = dump (f->path);
  g_autofree char *after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) undo = NULL;
  gint64 loser = 2011;   /* in the trash */
  gint64 stranger = 2009;

  crm_dedupe_merge_async (f->store, CRM_DEDUPE_KIND_PERSON, 2001, &loser, 1, NULL, NULL,
                          crm_test_store_result, &result);
  undo = crm_dedupe_merge_finish (f->store, crm_test_await (&result), &error);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_null (undo);
  g_clear_error (&error);

  /* A field from a record outside the merge: refused, nothing changed. */
  loser = 2002;
  g_hash_table_insert (choices, "deleted", g_memdup2 (&stranger, sizeof stranger));
  crm_dedupe_merge_async (f->store, CRM_DEDUPE_KIND_PERSON, 2001, &loser, 1, choices, NULL,
                          crm_test_store_result, &result2);
  undo = crm_dedupe_merge_finish (f->store, crm_test_await (&result2), &error);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_null (undo);

  after = dump (f->path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_count_related (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) counts = NULL;
  g_autofree char *text = NULL;
  gint64 ids[] = { 2006 };

  crm_dedupe_count_related_async (f->store, CRM_DEDUPE_KIND_PERSON, ids, G_N_ELEMENTS (ids), NULL,
                                  crm_test_store_result, &result);
  counts = crm_dedupe_count_related_finish (f->store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  text = g_variant_print (counts, FALSE);
  /* Both reporting lines (as report and as manager) count once each; the
   * organization field's value is not the person's. */
  g_assert_cmpstr (text, ==,
                   "{'affiliation': 2, 'reporting_line': 2, 'influence_link': 1, "
                   "'map_position': 2, 'deal': 1, 'deal_stakeholder': 2, 'ticket': 1, "
                   "'ticket_message': 0, 'self_service_resolution': 0, 'customer_order': 1, "
                   "'campaign_member': 2, 'activity': 1, 'record_tag': 1, 'custom_value': 1}");
}

static void
test_dismiss (Fixture       *f,
              gconstpointer  data)
{
  gint64 ids[] = { 2002, 2001 };
  gint64 three[] = { 1001, 1002, 1003 };

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GAsyncResult) result2 = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) clusters = NULL;
      g_autofree char *text = NULL;
      gboolean dismissed = round == 0;

      crm_dedupe_set_dismissed_async (f->store, CRM_DEDUPE_KIND_PERSON, ids, 2, dismissed, NULL,
                                      crm_test_store_result, &result);
      g_assert_true (crm_dedupe_set_dismissed_finish (f->store, crm_test_await (&result), &error));
      g_assert_no_error (error);
      /* Organizations 1001 and 1002 (of the three) are one cluster: a
       * dismissal covering more records still hides it. */
      crm_dedupe_set_dismissed_async (f->store, CRM_DEDUPE_KIND_ORGANIZATION, three, 3, dismissed,
                                      NULL, crm_test_store_result, &result2);
      g_assert_true (crm_dedupe_set_dismissed_finish (f->store, crm_test_await (&result2), &error));
      g_assert_no_error (error);

      clusters = scan (f->store);
      text = describe (clusters);
      if (dismissed)
        {
          g_assert_cmpstr (text, ==,
                           "person:2003,2004[phone]\n"
                           "person:2005,2006[name-at-organization]\n"
                           "person:2007,2008[name-at-organization]\n"
                           "organization:1003,1004[organization-name]\n");
          assert_query (f, "SELECT group_concat (kind || ':' || a_id || ',' || b_id, ' ') FROM "
                           "(SELECT * FROM dedupe_dismissed WHERE deleted = 0 ORDER BY kind DESC, a_id, b_id)",
                        "person:2001,2002 organization:1001,1002 organization:1001,1003 "
                        "organization:1002,1003");
        }
      else
        {
          g_assert_nonnull (strstr (text, "person:2001,2002[email]\n"));
          g_assert_nonnull (strstr (text, "organization:1001,1002[organization-name,website]\n"));
          assert_query (f, "SELECT count (*) FROM dedupe_dismissed WHERE deleted = 0", "0");
        }
    }
}

static void
test_dismiss_new_member (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  g_autofree char *text = NULL;
  gint64 ids[] = { 2001, 2002 };

  crm_dedupe_set_dismissed_async (f->store, CRM_DEDUPE_KIND_PERSON, ids, 2, TRUE, NULL,
                                  crm_test_store_result, &result);
  g_assert_true (crm_dedupe_set_dismissed_finish (f->store, crm_test_await (&result), &error));
  g_assert_no_error (error);

  /* A third Ann Lee with the same mailbox: the cluster is new again. */
  g_assert_true (exec_sql (f->store,
                                "INSERT INTO person (id, created, updated, display_name, email) "
                                "VALUES (2012, 1, 1, 'Ann', 'ANN.LEE@example.com')"));
  clusters = scan (f->store);
  text = describe (clusters);
  g_assert_nonnull (strstr (text, "person:2001,2002,2012[email]\n"));
}

static void
test_scan_demo (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  CrmStore *store = crm_store_open_sync (path, &error);

  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_sync (store, CRM_DEMO_SMALL, "en", 1, &error));
  g_assert_no_error (error);

  clusters = scan (store);
  for (guint i = 0; i < clusters->len; i++)
    {
      CrmDedupeCluster *c = clusters->pdata[i];

      g_assert_cmpuint (c->ids->len, >=, 2);
      g_assert_cmpuint (c->matches->len, >=, 1);
    }
  g_test_message ("%u clusters in the small demo database", clusters->len);
  close_store (store);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  crm_models_ensure_types ();

  g_test_add_func ("/dedupe/keys", test_keys);
  g_test_add ("/dedupe/scan/rules", Fixture, NULL, fixture_set_up, test_scan_rules, fixture_tear_down);
  g_test_add ("/dedupe/scan/cancelled", Fixture, NULL, fixture_set_up, test_scan_cancelled, fixture_tear_down);
  g_test_add ("/dedupe/merge/person", Fixture, NULL, fixture_set_up, test_merge_person, fixture_tear_down);
  g_test_add ("/dedupe/merge/organization", Fixture, NULL, fixture_set_up, test_merge_organization,
              fixture_tear_down);
  g_test_add ("/dedupe/merge/refused", Fixture, NULL, fixture_set_up, test_merge_refused, fixture_tear_down);
  g_test_add ("/dedupe/count-related", Fixture, NULL, fixture_set_up, test_count_related, fixture_tear_down);
  g_test_add ("/dedupe/dismiss", Fixture, NULL, fixture_set_up, test_dismiss, fixture_tear_down);
  g_test_add ("/dedupe/dismiss/new-member", Fixture, NULL, fixture_set_up, test_dismiss_new_member,
              fixture_tear_down);
  g_test_add_func ("/dedupe/scan/demo", test_scan_demo);

  return g_test_run ();
}

/* test-kb.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The knowledge base: tags, references and validation; articles created,
 * edited and trashed with undo; search in English and Chinese (one- and
 * two-character words), by language, tag and "KB-<id>"; view counts;
 * self-service resolutions recorded by staff (customer found by email, B2B
 * or B2C from their affiliation) and undone; and the self-service log import
 * from CSV files in UTF-8, GB18030 and UTF-16 with English and Chinese
 * headers, good and bad rows, duplicates, and its undo.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "crm-kb.h"
#include "crm-models.h"
#include "crm-selfservice-import.h"
#include "crm-store.h"
#include "crm-test-util.h"

/* 2026-11-23 12:00 UTC */
#define NOW "1795435200"

static CrmStore *store;
static gint64 lin_id, sam_id;
static gint64 reset_id, returns_id, reset_zh_id, returns_zh_id, draft_id;

/* --- helpers --- */

static void
insert (gpointer record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_insert_async (store, CRM_RECORD (record), NULL, crm_test_store_result, &result);
  crm_test_await (&result);
  crm_store_insert_finish (store, result, &error);
  g_assert_no_error (error);
}

static gint64
create (const char  *title,
        const char  *body,
        const char  *tags,
        const char  *language,
        gboolean     published,
        CrmKbUndo  **undo)
{
  g_autoptr(CrmKbDraft) draft = crm_kb_draft_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_free (draft->title);
  g_free (draft->body);
  g_free (draft->tags);
  g_free (draft->language);
  draft->title = g_strdup (title);
  draft->body = g_strdup (body);
  draft->tags = g_strdup (tags);
  draft->language = g_strdup (language);
  draft->published = published;
  crm_kb_create_async (store, draft, NULL, crm_test_store_result, &result);
  id = crm_kb_create_finish (store, crm_test_await (&result), undo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
undo (CrmKbUndo *u)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_kb_undo_async (store, u, NULL, crm_test_store_result, &result);
  g_assert_true (crm_kb_undo_finish (store, crm_test_await (&result), &error));
  g_assert_no_error (error);
}

/* The ids of the hits, in order. */
static GArray *
search (const char       *text,
        const char       *language,
        const char       *tag,
        CrmKbSearchFlags  flags)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) hits = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  crm_kb_search_async (store, text, language, tag, flags, 0, NULL, crm_test_store_result, &result);
  hits = crm_kb_search_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    {
      g_autoptr(CrmKbHit) hit = g_list_model_get_item (hits, i);
      gint64 id = crm_kb_hit_get_article_id (hit);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
assert_hits (GArray *ids,
             ...)
{
  va_list args;
  guint n = 0;
  gint64 id;

  va_start (args, ids);
  while ((id = va_arg (args, gint64)) != 0)
    {
      g_assert_cmpuint (n, <, ids->len);
      g_assert_cmpint (g_array_index (ids, gint64, n), ==, id);
      n++;
    }
  va_end (args);
  g_assert_cmpuint (ids->len, ==, n);
  g_array_unref (ids);
}

static CrmKbHit *
first_hit (const char *text)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) hits = NULL;

  crm_kb_search_async (store, text, NULL, NULL, 0, 1, NULL, crm_test_store_result, &result);
  hits = crm_kb_search_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
  return g_list_model_get_item (hits, 0);
}

static CrmKbStats
stats_of (gint64 id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CrmKbStats stats = { 0 };

  crm_kb_get_stats_async (store, id, NULL, crm_test_store_result, &result);
  g_assert_true (crm_kb_get_stats_finish (store, crm_test_await (&result), &stats, &error));
  g_assert_no_error (error);
  return stats;
}

/* The store re-reads a changed record after the change is committed: wait
 * for @property of @record to become @expected. */
static void
await_text (CrmRecord  *record,
            const char *property,
            const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_strcmp0 (crm_record_get_text (record, property), expected) != 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
await_trashed (CrmRecord *record,
               gboolean   trashed)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (crm_record_get_trashed (record) != trashed)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gint64
count_resolutions (void)
{
  return crm_test_query_int (store, "SELECT count(*) FROM self_service_resolution");
}

/* --- pure functions --- */

static void
test_tags (void)
{
  g_autofree char *a = crm_kb_normalize_tags (" Billing, invoice，发票、 billing;;退款；  ");
  g_autofree char *b = crm_kb_normalize_tags ("");
  g_auto(GStrv) split = crm_kb_split_tags ("account,login,password");

  g_assert_cmpstr (a, ==, "Billing,invoice,发票,退款");
  g_assert_cmpstr (b, ==, "");
  g_assert_cmpuint (g_strv_length (split), ==, 3);
  g_assert_cmpstr (split[2], ==, "password");
}

static void
test_reference (void)
{
  g_autofree char *ref = crm_kb_format_reference (4242);
  gint64 id = 0;

  g_assert_cmpstr (ref, ==, "KB-4242");
  g_assert_true (crm_kb_parse_reference (ref, &id));
  g_assert_cmpint (id, ==, 4242);
  g_assert_true (crm_kb_parse_reference (" kb 17 ", &id));
  g_assert_cmpint (id, ==, 17);
  g_assert_true (crm_kb_parse_reference ("#9", &id));
  g_assert_cmpint (id, ==, 9);
  g_assert_true (crm_kb_parse_reference ("123", &id));
  g_assert_cmpint (id, ==, 123);
  g_assert_false (crm_kb_parse_reference ("KB-", &id));
  g_assert_false (crm_kb_parse_reference ("KB-0", &id));
  g_assert_false (crm_kb_parse_reference ("Reset password", &id));
  g_assert_false (crm_kb_parse_reference ("12abc", &id));
}

static void
test_validate (void)
{
  g_autoptr(CrmKbDraft) draft = crm_kb_draft_new ();
  g_autoptr(GError) error = NULL;
  GString *long_title = g_string_new (NULL);

  g_assert_false (crm_kb_draft_validate (draft, &error));
  g_assert_error (error, CRM_KB_ERROR, CRM_KB_ERROR_NO_TITLE);
  g_clear_error (&error);

  g_free (draft->title);
  draft->title = g_strdup ("  退货  ");
  g_assert_false (crm_kb_draft_validate (draft, &error));
  g_assert_error (error, CRM_KB_ERROR, CRM_KB_ERROR_NO_BODY);
  g_clear_error (&error);

  /* An unpublished draft may be empty. */
  draft->published = FALSE;
  g_assert_true (crm_kb_draft_validate (draft, NULL));

  g_free (draft->language);
  draft->language = g_strdup ("fr");
  g_assert_false (crm_kb_draft_validate (draft, &error));
  g_assert_error (error, CRM_KB_ERROR, CRM_KB_ERROR_LANGUAGE);
  g_clear_error (&error);

  g_free (draft->language);
  draft->language = g_strdup ("zh-CN");
  for (guint i = 0; i <= CRM_KB_MAX_TITLE; i++)
    g_string_append (long_title, "退");
  g_free (draft->title);
  draft->title = g_string_free (long_title, FALSE);
  g_assert_false (crm_kb_draft_validate (draft, &error));
  g_assert_error (error, CRM_KB_ERROR, CRM_KB_ERROR_TITLE_TOO_LONG);
}

/* --- articles --- */

static void
make_articles (void)
{
  reset_id = create ("How to reset your password",
                     "Open the sign-in page and choose \"Forgot password\". We send a link to your "
                     "email address; it stays valid for one hour.\n\nIf no email arrives, check "
                     "your spam folder.",
                     "account, login, password", "en", TRUE, NULL);
  returns_id = create ("Returns and refunds",
                       "You can return any item within 30 days. Refunds go back to the original "
                       "payment method within 3-5 business days after we receive the item. "
                       "Your password is never needed for a return.",
                       "orders,refund", "en", TRUE, NULL);
  reset_zh_id = create ("如何重置密码",
                        "打开登录页面，点击“忘记密码”。我们会向您的邮箱发送重置链接，有效期为一小时。",
                        "账户,登录,密码", "zh-CN", TRUE, NULL);
  returns_zh_id = create ("退货与退款",
                          "所有商品均支持 30 天内退货。退款将在 3–5 个工作日内原路退回。",
                          "订单，退款", "zh-CN", TRUE, NULL);
  draft_id = create ("Warranty draft", "", "warranty", "en", FALSE, NULL);
}

static void
test_search (void)
{
  g_autoptr(CrmKbHit) hit = NULL;
  g_autofree char *ref = NULL;

  /* Every article, most read first, then by title. */
  assert_hits (search (NULL, NULL, NULL, 0), reset_id, returns_id, draft_id, reset_zh_id,
               returns_zh_id, (gint64) 0);
  /* A title match ranks before a body match; case is ignored. */
  assert_hits (search ("PASSWORD", NULL, NULL, 0), reset_id, returns_id, (gint64) 0);
  /* Every word must occur. */
  assert_hits (search ("password return", NULL, NULL, 0), returns_id, (gint64) 0);
  assert_hits (search ("password sunshine", NULL, NULL, 0), (gint64) 0);
  /* Chinese words of two and one characters. */
  assert_hits (search ("密码", NULL, NULL, 0), reset_zh_id, (gint64) 0);
  assert_hits (search ("退", NULL, NULL, 0), returns_zh_id, (gint64) 0);
  assert_hits (search ("链接", "zh-CN", NULL, 0), reset_zh_id, (gint64) 0);
  assert_hits (search ("30", "zh-CN", NULL, 0), returns_zh_id, (gint64) 0);
  /* Language, tag and published filters. */
  assert_hits (search (NULL, "zh-CN", NULL, 0), reset_zh_id, returns_zh_id, (gint64) 0);
  assert_hits (search (NULL, NULL, "refund", 0), returns_id, (gint64) 0);
  assert_hits (search (NULL, NULL, "退款", 0), returns_zh_id, (gint64) 0);
  assert_hits (search (NULL, NULL, "ref", 0), (gint64) 0);
  assert_hits (search ("warranty", NULL, NULL, 0), draft_id, (gint64) 0);
  assert_hits (search ("warranty", NULL, NULL, CRM_KB_SEARCH_PUBLISHED_ONLY), (gint64) 0);
  /* By reference. */
  ref = crm_kb_format_reference (returns_zh_id);
  assert_hits (search (ref, NULL, NULL, 0), returns_zh_id, (gint64) 0);

  /* The snippet shows the words around the first hit. */
  hit = first_hit ("spam");
  g_assert_cmpint (crm_kb_hit_get_article_id (hit), ==, reset_id);
  g_assert_nonnull (strstr (crm_kb_hit_get_snippet (hit), "spam folder"));
  g_assert_null (strchr (crm_kb_hit_get_snippet (hit), '\n'));
  g_assert_true (g_str_has_prefix (crm_kb_hit_get_snippet (hit), "…"));
  g_assert_cmpstr (crm_kb_article_get_tags (crm_kb_hit_get_article (hit)), ==, "account,login,password");
}

static void
test_list_tags (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) zh = NULL;

  crm_kb_list_tags_async (store, NULL, NULL, crm_test_store_result, &result);
  tags = crm_kb_list_tags_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (tags), ==, 11);
  g_clear_object (&result);

  crm_kb_list_tags_async (store, "zh-CN", NULL, crm_test_store_result, &result);
  zh = crm_kb_list_tags_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (zh), ==, 5);
  g_assert_true (g_strv_contains ((const char * const *) zh, "订单"));
  g_assert_false (g_strv_contains ((const char * const *) zh, "refund"));
}

static void
test_crud_undo (void)
{
  g_autoptr(CrmKbUndo) created = NULL;
  g_autoptr(CrmKbUndo) updated = NULL;
  g_autoptr(CrmKbUndo) deleted = NULL;
  g_autoptr(CrmKbDraft) draft = crm_kb_draft_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) record = NULL;
  gint64 id;

  id = create ("Shipping to Hong Kong", "We ship to Hong Kong in 3 days.", "shipping", "en", TRUE,
               &created);
  g_assert_cmpint (crm_kb_undo_get_kind (created), ==, CRM_KB_CHANGE_CREATE);
  g_assert_cmpint (crm_kb_undo_get_article_id (created), ==, id);
  assert_hits (search ("hong kong", NULL, NULL, 0), id, (gint64) 0);

  /* The store's instance follows the edit. */
  crm_store_load_async (store, CRM_TYPE_KB_ARTICLE, id, NULL, crm_test_store_result, &result);
  record = crm_store_load_finish (store, crm_test_await (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  g_free (draft->title);
  g_free (draft->body);
  g_free (draft->tags);
  draft->title = g_strdup ("  Shipping to Macau ");
  draft->body = g_strdup ("We ship to Macau in 4 days.");
  draft->tags = g_strdup ("shipping，asia");
  crm_kb_update_async (store, id, draft, NULL, crm_test_store_result, &result);
  g_assert_true (crm_kb_update_finish (store, crm_test_await (&result), &updated, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  await_text (record, "title", "Shipping to Macau");
  g_assert_cmpstr (crm_kb_article_get_tags (CRM_KB_ARTICLE (record)), ==, "shipping,asia");
  assert_hits (search ("hong kong", NULL, NULL, 0), (gint64) 0);
  assert_hits (search ("macau", NULL, "asia", 0), id, (gint64) 0);

  /* An invalid edit is refused before it reaches the database. */
  g_free (draft->title);
  draft->title = g_strdup (" ");
  crm_kb_update_async (store, id, draft, NULL, crm_test_store_result, &result);
  g_assert_false (crm_kb_update_finish (store, crm_test_await (&result), NULL, &error));
  g_assert_error (error, CRM_KB_ERROR, CRM_KB_ERROR_NO_TITLE);
  g_clear_error (&error);
  g_clear_object (&result);

  undo (updated);
  await_text (record, "title", "Shipping to Hong Kong");
  g_assert_cmpstr (crm_kb_article_get_tags (CRM_KB_ARTICLE (record)), ==, "shipping");
  assert_hits (search ("hong kong", NULL, NULL, 0), id, (gint64) 0);

  /* An undo runs once. */
  crm_kb_undo_async (store, updated, NULL, crm_test_store_result, &result);
  g_assert_false (crm_kb_undo_finish (store, crm_test_await (&result), &error));
  g_assert_error (error, CRM_KB_ERROR, CRM_KB_ERROR_UNDONE);
  g_clear_error (&error);
  g_clear_object (&result);

  crm_kb_delete_async (store, id, NULL, crm_test_store_result, &result);
  g_assert_true (crm_kb_delete_finish (store, crm_test_await (&result), &deleted, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  await_trashed (record, TRUE);
  assert_hits (search ("hong kong", NULL, NULL, 0), (gint64) 0);
  undo (deleted);
  await_trashed (record, FALSE);
  assert_hits (search ("hong kong", NULL, NULL, 0), id, (gint64) 0);

  /* Undoing the creation puts it in the trash. */
  undo (created);
  assert_hits (search ("hong kong", NULL, NULL, 0), (gint64) 0);
  g_assert_cmpint (crm_test_query_int (store, "SELECT deleted FROM kb_article WHERE id = %" G_GINT64_FORMAT, id),
                   ==, 1);

  /* Deleting what is gone fails. */
  crm_kb_delete_async (store, id, NULL, crm_test_store_result, &result);
  g_assert_false (crm_kb_delete_finish (store, crm_test_await (&result), NULL, &error));
  g_assert_error (error, CRM_KB_ERROR, CRM_KB_ERROR_NOT_FOUND);
}

static void
test_views (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 updated = crm_test_query_int (store, "SELECT updated FROM kb_article WHERE id = %" G_GINT64_FORMAT,
                                       returns_id);

  for (int i = 0; i < 3; i++)
    {
      crm_kb_count_view_async (store, returns_id, NULL, crm_test_store_result, &result);
      g_assert_true (crm_kb_count_view_finish (store, crm_test_await (&result), &error));
      g_assert_no_error (error);
      g_clear_object (&result);
    }
  g_assert_cmpint (stats_of (returns_id).views, ==, 3);
  g_assert_cmpint (crm_test_query_int (store, "SELECT updated FROM kb_article WHERE id = %" G_GINT64_FORMAT,
                                       returns_id), ==, updated);
  /* The most read comes first now. */
  assert_hits (search (NULL, "en", NULL, 0), returns_id, reset_id, draft_id, (gint64) 0);
}

/* --- resolutions --- */

static void
make_people (void)
{
  g_autoptr(CrmPerson) lin = crm_person_new ();
  g_autoptr(CrmPerson) sam = crm_person_new ();
  g_autoptr(CrmOrganization) org = crm_organization_new ();
  g_autoptr(CrmAffiliation) job = crm_affiliation_new ();

  crm_person_set_display_name (lin, "Lin Wei");
  crm_person_set_email (lin, "lin@example.com");
  insert (lin);
  crm_person_set_display_name (sam, "Sam Carter");
  crm_person_set_email (sam, "sam.carter@example.com");
  insert (sam);
  crm_organization_set_name (org, "Acme");
  insert (org);
  crm_affiliation_set_person_id (job, crm_record_get_id (CRM_RECORD (lin)));
  crm_affiliation_set_organization_id (job, crm_record_get_id (CRM_RECORD (org)));
  insert (job);
  lin_id = crm_record_get_id (CRM_RECORD (lin));
  sam_id = crm_record_get_id (CRM_RECORD (sam));
}

static gint64
record (const CrmKbResolution  *r,
        CrmKbUndo             **u,
        GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_kb_record_resolution_async (store, r, NULL, crm_test_store_result, &result);
  return crm_kb_record_resolution_finish (store, crm_test_await (&result), u, error);
}

static void
test_resolution (void)
{
  CrmKbResolution r = { .article_id = reset_id, .email = " LIN@example.com " };
  g_autoptr(CrmKbUndo) u1 = NULL;
  g_autoptr(CrmKbUndo) u2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  g_autofree char *expected = NULL;
  gint64 before = count_resolutions ();
  gint64 id;

  /* Found by email (any case), B2B through the affiliation, now. */
  id = record (&r, &u1, &error);
  g_assert_no_error (error);
  row = crm_test_query (store, "SELECT person_id, channel, customer_kind, resolved, source "
                               "FROM self_service_resolution WHERE id = %" G_GINT64_FORMAT, id);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "|self-service|b2b|" NOW "|staff\n", lin_id);
  g_assert_cmpstr (row, ==, expected);
  g_clear_pointer (&row, g_free);
  g_assert_cmpint (crm_kb_undo_get_kind (u1), ==, CRM_KB_CHANGE_RESOLUTION);

  /* A consumer by id, through the chat bot, at a given time. */
  r = (CrmKbResolution) { .article_id = reset_id, .person_id = sam_id, .channel = "chat",
                          .resolved = 1790000000 };
  id = record (&r, &u2, &error);
  g_assert_no_error (error);
  row = crm_test_query (store, "SELECT channel, customer_kind, resolved FROM self_service_resolution "
                               "WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpstr (row, ==, "chat|b2c|1790000000\n");
  g_assert_cmpint (count_resolutions (), ==, before + 2);

  {
    CrmKbStats stats = stats_of (reset_id);

    g_assert_cmpint (stats.resolved, ==, 2);
    g_assert_cmpint (stats.resolved_recent, ==, 1);
    g_assert_cmpint (stats.last_resolved, ==, 1795435200);
  }
  {
    g_autoptr(CrmKbHit) hit = first_hit ("forgot password");

    g_assert_cmpint (crm_kb_hit_get_resolved (hit), ==, 2);
  }

  /* Refused: nobody with the email, a bad email, a bad channel, no article. */
  r = (CrmKbResolution) { .article_id = reset_id, .email = "ghost@example.com" };
  g_assert_cmpint (record (&r, NULL, &error), ==, 0);
  g_assert_error (error, CRM_KB_ERROR, CRM_KB_ERROR_NO_PERSON);
  g_clear_error (&error);
  r = (CrmKbResolution) { .article_id = reset_id, .email = "ghost" };
  g_assert_cmpint (record (&r, NULL, &error), ==, 0);
  g_assert_error (error, CRM_KB_ERROR, CRM_KB_ERROR_EMAIL);
  g_clear_error (&error);
  r = (CrmKbResolution) { .article_id = reset_id, .channel = "fax" };
  g_assert_cmpint (record (&r, NULL, &error), ==, 0);
  g_assert_error (error, CRM_KB_ERROR, CRM_KB_ERROR_CHANNEL);
  g_clear_error (&error);
  r = (CrmKbResolution) { .article_id = 12345 };
  g_assert_cmpint (record (&r, NULL, &error), ==, 0);
  g_assert_error (error, CRM_KB_ERROR, CRM_KB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_resolutions (), ==, before + 2);

  undo (u2);
  undo (u1);
  g_assert_cmpint (count_resolutions (), ==, before);
  g_assert_cmpint (stats_of (reset_id).resolved, ==, 0);
}

/* --- the log import --- */

static void
test_parse_time (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("+08:00");
  const struct { const char *text; gint64 expected; } good[] = {
    { "2026-03-07 08:00:00", 1772870400 },
    { "2026-03-07 08:00", 1772870400 },
    { "2026-3-7 8:00", 1772870400 },
    { "2026/03/07 08:00:00.250", 1772870400 },
    { "2026.03.07T08:00:00Z", 1772870400 },
    { "2026-03-07T16:00:00+08:00", 1772870400 },
    { "2026-03-07T16:00:00+0800", 1772870400 },
    { "2026-03-07 03:00 -05", 1772870400 },
    { "2026-03-07 08:00 UTC", 1772870400 },
    { "2026年3月7日 8时0分", 1772870400 },
    { "2026年3月7日 08:00", 1772870400 },
    { "2026-03-07", 1772841600 },
    { "1772870400", 1772870400 },
    { "1772870400123", 1772870400 },
  };
  const char *bad[] = { "", "yesterday", "07/03/2026", "2026-13-01", "2026-02-30 10:00",
                        "2026-03-07 25:00", "2026-03-07 08:00 Mars", "2026-03-07 08", "123",
                        "2026-03-07 08:00+99:00" };
  gint64 t = 0;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      if (!crm_selfservice_parse_time (good[i].text, utc, &t))
        g_error ("“%s” was not read", good[i].text);
      g_assert_cmpint (t, ==, good[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (crm_selfservice_parse_time (bad[i], utc, &t))
      g_error ("“%s” was read as %" G_GINT64_FORMAT, bad[i], t);

  /* Without a zone in the text, the given zone's local time. */
  g_assert_true (crm_selfservice_parse_time ("2026-03-07 16:00", shanghai, &t));
  g_assert_cmpint (t, ==, 1772870400);
}

static CrmSelfServiceImportResult *
import_file (GFile   *file,
             GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  crm_selfservice_import_async (store, file, utc, NULL, crm_test_store_result, &result);
  return crm_selfservice_import_finish (store, crm_test_await (&result), error);
}

static CrmSelfServiceImportResult *
import_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data", "selfservice", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CrmSelfServiceImportResult *r = import_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  return r;
}

static void
undo_import (CrmSelfServiceImportResult *r)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_selfservice_import_undo_async (store, r, NULL, crm_test_store_result, &result);
  g_assert_true (crm_selfservice_import_undo_finish (store, crm_test_await (&result), &error));
  g_assert_no_error (error);
}

static void
assert_rejection (CrmSelfServiceImportResult *r,
                  guint                       index,
                  guint                       line,
                  const char                 *reason)
{
  CrmSelfServiceRejection *rej;

  g_assert_cmpuint (index, <, r->rejected->len);
  rej = &g_array_index (r->rejected, CrmSelfServiceRejection, index);
  g_assert_cmpuint (rej->line, ==, line);
  g_assert_cmpstr (rej->reason, ==, reason);
  g_assert_cmpstr (crm_selfservice_reason_get_label (reason), !=, reason);
}

static void
test_import_en (void)
{
  g_autoptr(CrmSelfServiceImportResult) r = NULL;
  g_autoptr(CrmSelfServiceImportResult) again = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *expected = NULL;
  gint64 before = count_resolutions ();

  r = import_data ("portal-en.csv");
  g_assert_cmpstr (r->encoding, ==, "UTF-8");
  g_assert_cmpuint (r->n_rows, ==, 16);
  g_assert_cmpuint (r->n_imported, ==, 4);
  g_assert_cmpuint (r->n_not_resolved, ==, 1);
  g_assert_cmpuint (r->n_duplicates, ==, 2);
  g_assert_cmpuint (r->n_unknown_customers, ==, 1);
  g_assert_cmpuint (r->rejected->len, ==, 9);
  assert_rejection (r, 0, 8, "time-missing");
  assert_rejection (r, 1, 9, "time-invalid");
  assert_rejection (r, 2, 10, "time-future");
  assert_rejection (r, 3, 11, "article-unknown");
  assert_rejection (r, 4, 12, "article-missing");
  assert_rejection (r, 5, 13, "email-invalid");
  assert_rejection (r, 6, 14, "channel-unknown");
  assert_rejection (r, 7, 15, "resolved-unknown");
  assert_rejection (r, 8, 17, "csv");
  g_assert_cmpstr (g_array_index (r->rejected, CrmSelfServiceRejection, 3).value, ==, "Printer drivers");
  g_assert_cmpuint (r->ids->len, ==, 4);
  g_assert_cmpint (count_resolutions (), ==, before + 4);

  rows = crm_test_query (store, "SELECT resolved, article_id = %" G_GINT64_FORMAT ", coalesce (person_id, 0), "
                                "channel, customer_kind, source FROM self_service_resolution "
                                "WHERE source = 'import' ORDER BY resolved", reset_id);
  expected = g_strdup_printf ("1772442900|1|%" G_GINT64_FORMAT "|self-service|b2b|import\n"
                                    "1772446800|0|%" G_GINT64_FORMAT "|chat|b2c|import\n"
                                    "1772611500|1|0|self-service|b2c|import\n"
                                    "1772683200|1|0|self-service|b2c|import\n",
                                    lin_id, sam_id);
  g_assert_cmpstr (rows, ==, expected);

  /* The same file again brings nothing new. */
  again = import_data ("portal-en.csv");
  g_assert_cmpuint (again->n_imported, ==, 0);
  g_assert_cmpuint (again->n_duplicates, ==, 6);
  g_assert_cmpuint (again->rejected->len, ==, 9);
  g_assert_cmpint (count_resolutions (), ==, before + 4);

  undo_import (r);
  g_assert_cmpint (count_resolutions (), ==, before);
  crm_selfservice_import_undo_async (store, r, NULL, crm_test_store_result, &result);
  g_assert_false (crm_selfservice_import_undo_finish (store, crm_test_await (&result), &error));
  g_assert_error (error, CRM_SELFSERVICE_IMPORT_ERROR, CRM_SELFSERVICE_IMPORT_ERROR_UNDONE);
}

static void
test_import_zh (void)
{
  g_autoptr(CrmSelfServiceImportResult) r = NULL;
  g_autofree char *rows = NULL;
  gint64 before = count_resolutions ();

  r = import_data ("faq-zh-gb18030.csv");
  g_assert_cmpstr (r->encoding, ==, "GB18030");
  g_assert_cmpuint (r->n_rows, ==, 6);
  g_assert_cmpuint (r->n_imported, ==, 3);
  g_assert_cmpuint (r->n_not_resolved, ==, 1);
  g_assert_cmpuint (r->rejected->len, ==, 2);
  assert_rejection (r, 0, 6, "article-unknown");
  assert_rejection (r, 1, 7, "resolved-unknown");
  g_assert_cmpstr (g_array_index (r->rejected, CrmSelfServiceRejection, 0).value, ==, "不存在的文章");

  rows = crm_test_query (store, "SELECT resolved, coalesce (person_id, 0), channel, customer_kind "
                                "FROM self_service_resolution WHERE source = 'import' "
                                "AND article_id = %" G_GINT64_FORMAT " ORDER BY resolved",
                         returns_zh_id);
  g_assert_cmpstr (rows, ==, "1773050400|0|chat|b2b\n1773136800|0|self-service|b2c\n");
  g_assert_cmpint (crm_test_query_int (store, "SELECT person_id FROM self_service_resolution "
                                              "WHERE source = 'import' AND article_id = %" G_GINT64_FORMAT,
                                       reset_zh_id), ==, lin_id);
  undo_import (r);
  g_assert_cmpint (count_resolutions (), ==, before);
}

static void
test_import_utf16 (void)
{
  g_autofree char *dir = crm_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "log.tsv", NULL);
  g_autofree char *text = g_strdup_printf ("time\tkb id\temail\tresolved\n"
                                           "1772870400\t%" G_GINT64_FORMAT "\tlin@example.com\ty\n"
                                           "1772874000000\tKB-%" G_GINT64_FORMAT "\t\tyes\n"
                                           "1772877600\tKB-1\t\tyes\n",
                                           returns_id, reset_zh_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CrmSelfServiceImportResult) r = NULL;
  gsize n = 0;
  g_autofree char *utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &n, &error);
  g_autoptr(GString) bytes = g_string_new_len ("\xff\xfe", 2);

  g_assert_no_error (error);
  g_string_append_len (bytes, utf16, n);
  g_assert_true (g_file_set_contents (path, bytes->str, bytes->len, &error));

  r = import_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->encoding, ==, "UTF-16LE");
  g_assert_cmpuint (r->n_imported, ==, 2);
  g_assert_cmpuint (r->rejected->len, ==, 1);
  assert_rejection (r, 0, 4, "article-unknown");
  g_assert_cmpint (crm_test_query_int (store, "SELECT count(*) FROM self_service_resolution WHERE "
                                              "resolved IN (1772870400, 1772874000) AND source = 'import'"),
                   ==, 2);
  undo_import (r);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_import_bad_files (void)
{
  g_autofree char *missing = g_test_build_filename (G_TEST_DIST, "core", "data", "selfservice",
                                                    "no-article.csv", NULL);
  g_autofree char *empty = g_test_build_filename (G_TEST_DIST, "core", "data", "selfservice",
                                                  "empty.csv", NULL);
  g_autoptr(GFile) f1 = g_file_new_for_path (missing);
  g_autoptr(GFile) f2 = g_file_new_for_path (empty);
  g_autoptr(GFile) f3 = g_file_new_for_path ("/nonexistent/log.csv");
  g_autoptr(GError) error = NULL;
  gint64 before = count_resolutions ();

  g_assert_null (import_file (f1, &error));
  g_assert_error (error, CRM_SELFSERVICE_IMPORT_ERROR, CRM_SELFSERVICE_IMPORT_ERROR_NO_ARTICLE_COLUMN);
  g_clear_error (&error);
  g_assert_null (import_file (f2, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (import_file (f3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpint (count_resolutions (), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("CRM_STORE_NOW", NOW, TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  dir = crm_test_make_tmpdir ();
  path = g_build_filename (dir, "kb.db", NULL);
  store = crm_store_open_sync (path, &error);
  g_assert_no_error (error);
  make_articles ();
  make_people ();

  g_test_add_func ("/kb/tags", test_tags);
  g_test_add_func ("/kb/reference", test_reference);
  g_test_add_func ("/kb/validate", test_validate);
  g_test_add_func ("/kb/search", test_search);
  g_test_add_func ("/kb/list-tags", test_list_tags);
  g_test_add_func ("/kb/crud-undo", test_crud_undo);
  g_test_add_func ("/kb/views", test_views);
  g_test_add_func ("/kb/resolution", test_resolution);
  g_test_add_func ("/kb/import/parse-time", test_parse_time);
  g_test_add_func ("/kb/import/en", test_import_en);
  g_test_add_func ("/kb/import/zh-gb18030", test_import_zh);
  g_test_add_func ("/kb/import/utf16", test_import_utf16);
  g_test_add_func ("/kb/import/bad-files", test_import_bad_files);
  ret = g_test_run ();

  crm_store_close (store);
  g_clear_object (&store);
  return ret;
}

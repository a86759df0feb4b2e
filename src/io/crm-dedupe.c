/* crm-dedupe.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Duplicate people and organizations: keys, the scan and merge/unmerge.
 *
 * The scan reads each table once on the worker.  Every record yields a few
 * keys (mailbox, E.164 number, folded name per organization; organization
 * name without legal suffixes, website domain); the keys are hashed to 64
 * bits into one flat array, which is sorted, and records whose keys are
 * equal are joined with union-find.  Flat arrays and one string arena keep a
 * million people to some 100 MB and a few seconds, where a hash table of
 * strings would cost several times that.
 */

#define G_LOG_DOMAIN "CrmDedupe"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <unicode/utrans.h>
#include <unicode/ustring.h>

#include "crm-dedupe.h"
#include "crm-email.h"
#include "crm-phone.h"
#include "crm-store-private.h"

#define CANCEL_CHECK_ROWS 65536

/* --- keys --- */

static GMutex translit_lock;
static UTransliterator *translit;
static GHashTable *pinyin_cache;   /* gunichar → char* (ASCII, lower case) */

/* Pinyin for one Han character, without tones.  ICU's Han-Latin is used per
 * character and cached: names repeat few characters, and the transliterator
 * is slow and not thread-safe. */
static const char *
han_to_latin (gunichar c)
{
  const char *latin;

  g_mutex_lock (&translit_lock);
  if (pinyin_cache == NULL)
    {
      UErrorCode status = U_ZERO_ERROR;
      UChar id[16];

      pinyin_cache = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      u_uastrcpy (id, "Han-Latin");
      translit = utrans_openU (id, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
      if (U_FAILURE (status))
        translit = NULL;
    }

  latin = g_hash_table_lookup (pinyin_cache, GUINT_TO_POINTER (c));
  if (latin == NULL && translit != NULL)
    {
      UErrorCode status = U_ZERO_ERROR;
      UChar buf[32];
      gunichar2 *utf16 = g_ucs4_to_utf16 (&c, 1, NULL, NULL, NULL);
      int32_t len = 0, limit;
      g_autofree char *utf8 = NULL;
      g_autofree char *nfd = NULL;
      GString *out = g_string_new (NULL);

      while (utf16[len] != 0)
        {
          buf[len] = utf16[len];
          len++;
        }
      g_free (utf16);
      limit = len;
      utrans_transUChars (translit, buf, &len, G_N_ELEMENTS (buf), 0, &limit, &status);
      if (U_SUCCESS (status))
        utf8 = g_utf16_to_utf8 ((const gunichar2 *) buf, len, NULL, NULL, NULL);
      nfd = utf8 != NULL ? g_utf8_normalize (utf8, -1, G_NORMALIZE_NFD) : NULL;
      for (const char *p = nfd; p != NULL && *p != '\0'; p++)
        if (g_ascii_isalpha (*p))
          g_string_append_c (out, g_ascii_tolower (*p));
      if (out->len == 0)
        g_string_append_unichar (out, c);
      latin = g_string_free (out, FALSE);
      g_hash_table_insert (pinyin_cache, GUINT_TO_POINTER (c), (gpointer) latin);
    }
  g_mutex_unlock (&translit_lock);

  return latin;
}

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

/* Appends @text folded: lower case, no diacritics, Han in pinyin (with ICU),
 * letters and digits only; other characters end a token (written as one
 * space when @spaces, dropped otherwise). */
static void
fold_text (const char *text,
           gboolean    spaces,
           GString    *out)
{
  g_autofree char *nfd = NULL;
  gboolean ascii = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      {
        ascii = FALSE;
        break;
      }

  /* Most names are ASCII: skip normalisation for them. */
  if (!ascii)
    text = nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && g_ascii_isalnum (c))
        g_string_append_c (out, g_ascii_tolower (c));
      else if (c < 0x80 || g_unichar_isspace (c) || g_unichar_ispunct (c))
        {
          if (spaces && out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else if (g_unichar_ismark (c))
        continue;
      else if (is_han (c))
        g_string_append (out, han_to_latin (c));
      else if (g_unichar_isalnum (c))
        g_string_append_unichar (out, g_unichar_tolower (c));
    }
  if (spaces && out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
}

static char *
fold_dup (const char *text,
          gboolean    spaces)
{
  GString *out = g_string_new (NULL);

  fold_text (text != NULL ? text : "", spaces, out);
  return g_string_free (out, FALSE);
}

/* Names give two keys so that either order matches: family+given and
 * given+family ("张伟", "Zhang Wei" and "Wei Zhang" all give "zhangwei" as
 * one of them).  Without given and family names, the display name's words
 * in order and with the last word first. */
static void
name_keys (const char *given_name,
           const char *family_name,
           const char *display_name,
           char      **key1,
           char      **key2)
{
  g_autofree char *given = fold_dup (given_name, FALSE);
  g_autofree char *family = fold_dup (family_name, FALSE);

  *key1 = *key2 = NULL;
  if (given[0] != '\0' || family[0] != '\0')
    {
      *key1 = g_strconcat (family, given, NULL);
      if (given[0] != '\0' && family[0] != '\0')
        *key2 = g_strconcat (given, family, NULL);
    }
  else
    {
      g_autofree char *display = fold_dup (display_name, TRUE);
      g_auto(GStrv) words = NULL;
      guint n;

      if (display[0] == '\0')
        return;
      words = g_strsplit (display, " ", -1);
      n = g_strv_length (words);
      *key1 = g_strjoinv ("", words);
      if (n > 1)
        {
          g_autofree char *last = words[n - 1];
          g_autofree char *rest = NULL;

          words[n - 1] = NULL;
          rest = g_strjoinv ("", words);
          *key2 = g_strconcat (last, rest, NULL);
        }
    }

  /* One letter is no name to match on. */
  if (*key1 != NULL && g_utf8_strlen (*key1, -1) < 2)
    {
      g_clear_pointer (key1, g_free);
      g_clear_pointer (key2, g_free);
    }
  if (*key1 != NULL && *key2 != NULL && g_str_equal (*key1, *key2))
    g_clear_pointer (key2, g_free);
}

char **
crm_dedupe_dup_name_keys (const char *given_name,
                          const char *family_name,
                          const char *display_name)
{
  GPtrArray *keys = g_ptr_array_new ();
  char *key1, *key2;

  name_keys (given_name, family_name, display_name, &key1, &key2);
  if (key1 != NULL)
    g_ptr_array_add (keys, key1);
  if (key2 != NULL)
    g_ptr_array_add (keys, key2);
  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

/* Legal forms, folded (dots are dropped, so "S.A." is "sa"). */
static const char *latin_suffixes[] = {
  "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "co", "corp", "corporation",
  "company", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc", "pty",
  "pte", "kk", "oy", "ab", "as", "se", "group", "holdings",
};
static const char *han_suffixes[] = {
  "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司", "株式会社",
};

static gboolean
strip_latin_suffix (GString *s)
{
  const char *space = strrchr (s->str, ' ');
  const char *word = space != NULL ? space + 1 : s->str;
  gsize prefix = word - s->str;

  if (space == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (latin_suffixes); i++)
    if (g_str_equal (word, latin_suffixes[i]))
      {
        g_string_truncate (s, prefix - 1);
        return TRUE;
      }
  return FALSE;
}

static gboolean
strip_han_suffix (GString *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (han_suffixes); i++)
    {
      gsize len = strlen (han_suffixes[i]);

      if (s->len > len && g_str_has_suffix (s->str, han_suffixes[i]))
        {
          g_string_truncate (s, s->len - len);
          while (s->len > 0 && s->str[s->len - 1] == ' ')
            g_string_truncate (s, s->len - 1);
          return TRUE;
        }
    }
  return FALSE;
}

/* Organization names keep Han characters as they are (a company's Chinese
 * and Latin names are not transliterations of each other). */
static void
fold_org_name (const char *name,
               GString    *out)
{
  g_autofree char *nfkd = g_utf8_normalize (name, -1, G_NORMALIZE_NFKD);
  g_autofree char *lower = nfkd != NULL ? g_utf8_casefold (nfkd, -1) : NULL;
  gunichar base = 0;

  g_string_truncate (out, 0);
  for (const char *p = lower; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Accents on Latin letters go ("Müller" is "muller"); marks that make
       * other scripts' letters (kana voicing) stay. */
      if (g_unichar_ismark (c))
        {
          if (base < 0x250)
            continue;
        }
      else
        base = c;
      if (g_unichar_ismark (c))
        g_string_append_unichar (out, c);
      else if (c == '&')
        g_string_append (out, out->len > 0 && out->str[out->len - 1] != ' ' ? " and " : "and ");
      else if (c == '\'' || c == 0x2019 || c == '.')
        continue;
      else if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
      else if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      /* "（中国）", "(China)": bracketed regions end the name. */
      if (c == '(' || c == 0xFF08)
        break;
    }
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  while (strip_latin_suffix (out) || strip_han_suffix (out))
    ;
}

char *
crm_dedupe_dup_org_name_key (const char *name)
{
  GString *out = g_string_new (NULL);

  fold_org_name (name != NULL ? name : "", out);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Hosts many organizations share: their pages there are not their own. */
static const char *shared_hosts[] = {
  "facebook.com", "linkedin.com", "instagram.com", "twitter.com", "x.com", "weibo.com",
  "sites.google.com", "google.com", "wixsite.com", "github.io", "taobao.com", "tmall.com",
};

char *
crm_dedupe_dup_domain_key (const char *website)
{
  g_autofree char *lower = NULL;
  const char *host, *scheme;
  gsize len;

  if (website == NULL)
    return NULL;
  lower = g_strstrip (g_ascii_strdown (website, -1));
  host = lower;
  scheme = strstr (host, "://");
  if (scheme != NULL)
    host = scheme + 3;
  if (strchr (host, '@') != NULL && strchr (host, '@') < host + strcspn (host, "/?#"))
    host = strchr (host, '@') + 1;
  len = strcspn (host, "/?#:");
  while (len > 0 && host[len - 1] == '.')
    len--;
  if (g_str_has_prefix (host, "www.") && len > 4)
    {
      host += 4;
      len -= 4;
    }
  if (len == 0 || memchr (host, '.', len) == NULL || memchr (host, ' ', len) != NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (shared_hosts); i++)
    if (strlen (shared_hosts[i]) == len && memcmp (host, shared_hosts[i], len) == 0)
      return NULL;
  return g_strndup (host, len);
}

const char *
crm_dedupe_kind_to_string (CrmDedupeKind kind)
{
  return kind == CRM_DEDUPE_KIND_ORGANIZATION ? "organization" : "person";
}

const char *
crm_dedupe_rule_to_string (CrmDedupeRule rule)
{
  static const char *names[] = { "email", "phone", "name-at-organization", "organization-name",
                                 "website" };

  g_return_val_if_fail (rule < G_N_ELEMENTS (names), NULL);
  return names[rule];
}

static void
match_free (gpointer data)
{
  CrmDedupeMatch *match = data;

  g_free (match->key);
  g_array_unref (match->ids);
  g_free (match);
}

void
crm_dedupe_cluster_free (CrmDedupeCluster *cluster)
{
  if (cluster == NULL)
    return;
  g_array_unref (cluster->ids);
  g_ptr_array_unref (cluster->matches);
  g_free (cluster);
}

/* --- scan (worker thread) --- */

typedef struct
{
  guint64 hash;
  guint32 record;     /* index into Scan.ids */
  guint32 key;        /* offset into Scan.arena */
  guint8  rule;
} KeyEntry;

typedef struct
{
  GArray  *ids;       /* gint64 per record index; people first */
  guint    n_people;
  GArray  *entries;   /* KeyEntry */
  GString *arena;     /* NUL-separated key texts */
  guint32 *parent;    /* union-find */
} Scan;

static void
scan_free (Scan *scan)
{
  g_array_unref (scan->ids);
  g_array_unref (scan->entries);
  g_string_free (scan->arena, TRUE);
  g_free (scan->parent);
  g_free (scan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scan, scan_free)

/* FNV-1a, 64 bits: with a few million keys a collision is a one-in-a-million
 * event, and equal hashes are compared as strings anyway. */
static guint64
hash_key (guint8      rule,
          const char *a,
          const char *b)
{
  guint64 h = 0xcbf29ce484222325ull ^ rule;

  for (const char *p = a; *p != '\0'; p++)
    h = (h ^ (guchar) *p) * 0x100000001b3ull;
  for (const char *p = b; p != NULL && *p != '\0'; p++)
    h = (h ^ (guchar) *p) * 0x100000001b3ull;
  return h;
}

/* Adds @prefix followed by @text as a key of @record. */
static void
add_key (Scan          *scan,
         guint32        record,
         CrmDedupeRule  rule,
         const char    *prefix,
         const char    *text)
{
  KeyEntry entry;

  if (text == NULL || text[0] == '\0')
    return;
  entry.hash = hash_key (rule, prefix != NULL ? prefix : "", text);
  entry.record = record;
  entry.key = scan->arena->len;
  entry.rule = rule;
  if (prefix != NULL)
    g_string_append (scan->arena, prefix);
  g_string_append_len (scan->arena, text, strlen (text) + 1);
  g_array_append_val (scan->entries, entry);
}

static guint32
add_record (Scan   *scan,
            gint64  id)
{
  g_array_append_val (scan->ids, id);
  return scan->ids->len - 1;
}

static gboolean
scan_cancelled (GTask   *task,
                GError **error)
{
  return g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), error);
}

static void
add_person_keys (Scan         *scan,
                 guint32       record,
                 sqlite3_stmt *stmt)
{
  const char *email = (const char *) sqlite3_column_text (stmt, 4);
  const char *phone = (const char *) sqlite3_column_text (stmt, 5);
  const char *country = (const char *) sqlite3_column_text (stmt, 6);

  if (email != NULL && email[0] != '\0')
    {
      g_autofree char *key = crm_email_dup_key (email);

      add_key (scan, record, CRM_DEDUPE_RULE_EMAIL, NULL, key);
    }
  if (phone != NULL && phone[0] != '\0')
    {
      /* The store keeps numbers in E.164 when they could be normalised. */
      if (crm_phone_is_e164 (phone))
        add_key (scan, record, CRM_DEDUPE_RULE_PHONE, NULL, phone);
      else
        {
          g_autofree char *e164 = crm_phone_normalize (phone, country, NULL, NULL);

          add_key (scan, record, CRM_DEDUPE_RULE_PHONE, NULL, e164);
        }
    }
}

typedef struct
{
  gint64 person;
  gint64 organization;
} Affiliation;

static int
compare_affiliations (gconstpointer a,
                      gconstpointer b)
{
  const Affiliation *x = a, *y = b;

  if (x->person != y->person)
    return x->person < y->person ? -1 : 1;
  return x->organization < y->organization ? -1 : x->organization > y->organization;
}

/* Live affiliations, sorted by person: a sequential read and a sort beat a
 * join that probes the index once per person by a factor of three. */
static GArray *
load_affiliations (CrmStoreWorker  *worker,
                   GError         **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Affiliation));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT person_id, organization_id FROM affiliation "
                                    "WHERE deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Affiliation row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "dedupe scan");
      return NULL;
    }
  g_array_sort (rows, compare_affiliations);
  return g_steal_pointer (&rows);
}

/* People in id order, merged with the affiliations sorted the same way. */
static gboolean
scan_people (Scan            *scan,
             CrmStoreWorker  *worker,
             GTask           *task,
             GError         **error)
{
  g_autoptr(GArray) affiliations = load_affiliations (worker, error);
  const Affiliation *aff;
  sqlite3_stmt *stmt;
  guint next = 0, rows = 0;
  int rc;

  if (affiliations == NULL)
    return FALSE;
  aff = (const Affiliation *) (gpointer) affiliations->data;
  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT id, given_name, family_name, display_name, "
                                    "email, phone, country FROM person "
                                    "WHERE deleted = 0 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint32 record;
      g_autofree char *key1 = NULL;
      g_autofree char *key2 = NULL;

      if (++rows % CANCEL_CHECK_ROWS == 0 && scan_cancelled (task, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

      record = add_record (scan, id);
      add_person_keys (scan, record, stmt);

      while (next < affiliations->len && aff[next].person < id)
        next++;
      if (next < affiliations->len && aff[next].person == id)
        name_keys ((const char *) sqlite3_column_text (stmt, 1),
                   (const char *) sqlite3_column_text (stmt, 2),
                   (const char *) sqlite3_column_text (stmt, 3), &key1, &key2);
      for (; next < affiliations->len && aff[next].person == id; next++)
        {
          char org[24];

          /* Two affiliations with one organization: one key. */
          if (next > 0 && aff[next - 1].person == id && aff[next - 1].organization == aff[next].organization)
            continue;
          g_snprintf (org, sizeof org, "%" G_GINT64_FORMAT ":", aff[next].organization);
          add_key (scan, record, CRM_DEDUPE_RULE_NAME_AT_ORGANIZATION, org, key1);
          add_key (scan, record, CRM_DEDUPE_RULE_NAME_AT_ORGANIZATION, org, key2);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "dedupe scan");
      return FALSE;
    }
  scan->n_people = scan->ids->len;
  return TRUE;
}

static gboolean
scan_organizations (Scan            *scan,
                    CrmStoreWorker  *worker,
                    GTask           *task,
                    GError         **error)
{
  g_autoptr(GString) name = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint rows = 0;
  int rc;

  stmt = _crm_store_worker_prepare (worker,
                                    "SELECT id, name, website FROM organization "
                                    "WHERE deleted = 0 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 record = add_record (scan, sqlite3_column_int64 (stmt, 0));
      g_autofree char *domain = crm_dedupe_dup_domain_key ((const char *) sqlite3_column_text (stmt, 2));

      if (++rows % CANCEL_CHECK_ROWS == 0 && scan_cancelled (task, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      fold_org_name ((const char *) sqlite3_column_text (stmt, 1), name);
      add_key (scan, record, CRM_DEDUPE_RULE_ORGANIZATION_NAME, NULL, name->str);
      add_key (scan, record, CRM_DEDUPE_RULE_WEBSITE, NULL, domain);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "dedupe scan");
      return FALSE;
    }
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const KeyEntry *x = a, *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  if (x->rule != y->rule)
    return x->rule - y->rule;
  if (x->record != y->record)
    return x->record < y->record ? -1 : 1;
  return 0;
}

static guint32
find_root (guint32 *parent,
           guint32  x)
{
  while (parent[x] != x)
    {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
  return x;
}

static void
join (guint32 *parent,
      guint32  a,
      guint32  b)
{
  a = find_root (parent, a);
  b = find_root (parent, b);
  /* The smaller index stays the root: clusters come out in id order. */
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* One run of equal keys: joins its records, and returns the match (NULL
 * when only one record has the key). */
static CrmDedupeMatch *
make_match (Scan     *scan,
            KeyEntry *run,
            guint     n)
{
  CrmDedupeMatch *match;
  const char *text = scan->arena->str + run[0].key;

  match = g_new0 (CrmDedupeMatch, 1);
  match->rule = run[0].rule;
  match->key = g_strdup (text);
  match->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      /* A different key with the same hash: not a match. */
      if (!g_str_equal (scan->arena->str + run[i].key, text))
        continue;
      if (i > 0 && run[i].record == run[i - 1].record)
        continue;
      g_array_append_val (match->ids, g_array_index (scan->ids, gint64, run[i].record));
      join (scan->parent, run[0].record, run[i].record);
    }
  if (match->ids->len < 2)
    {
      match_free (match);
      return NULL;
    }
  g_array_sort (match->ids, compare_ids);
  return match;
}

static gboolean
same_match_exists (CrmDedupeCluster *cluster,
                   CrmDedupeMatch   *match)
{
  for (guint i = 0; i < cluster->matches->len; i++)
    {
      CrmDedupeMatch *other = cluster->matches->pdata[i];

      if (other->rule == match->rule && other->ids->len == match->ids->len
          && memcmp (other->ids->data, match->ids->data, match->ids->len * sizeof (gint64)) == 0)
        return TRUE;
    }
  return FALSE;
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const CrmDedupeMatch *x = *(CrmDedupeMatch * const *) a;
  const CrmDedupeMatch *y = *(CrmDedupeMatch * const *) b;

  if (x->rule != y->rule)
    return x->rule - y->rule;
  return strcmp (x->key, y->key);
}

static GPtrArray *
build_clusters (Scan *scan)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new ();   /* owned by clusters below */
  g_autoptr(GArray) match_records = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GHashTable) by_root = g_hash_table_new (NULL, NULL);
  GPtrArray *clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_dedupe_cluster_free);
  KeyEntry *e;
  guint n = scan->entries->len;

  scan->parent = g_new (guint32, scan->ids->len);
  for (guint i = 0; i < scan->ids->len; i++)
    scan->parent[i] = i;

  g_array_sort (scan->entries, compare_entries);
  e = (KeyEntry *) (gpointer) scan->entries->data;
  for (guint i = 0; i < n;)
    {
      guint j = i + 1;

      while (j < n && e[j].hash == e[i].hash && e[j].rule == e[i].rule)
        j++;
      if (j - i > 1 && e[j - 1].record != e[i].record)
        {
          CrmDedupeMatch *match = make_match (scan, e + i, j - i);

          if (match != NULL)
            {
              g_ptr_array_add (matches, match);
              g_array_append_val (match_records, e[i].record);
            }
        }
      i = j;
    }

  for (guint i = 0; i < matches->len; i++)
    {
      guint32 root = find_root (scan->parent, g_array_index (match_records, guint32, i));
      CrmDedupeCluster *cluster = g_hash_table_lookup (by_root, GUINT_TO_POINTER (root + 1));

      if (cluster == NULL)
        {
          cluster = g_new0 (CrmDedupeCluster, 1);
          cluster->kind = root < scan->n_people ? CRM_DEDUPE_KIND_PERSON : CRM_DEDUPE_KIND_ORGANIZATION;
          cluster->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
          cluster->matches = g_ptr_array_new_with_free_func (match_free);
          g_hash_table_insert (by_root, GUINT_TO_POINTER (root + 1), cluster);
        }
      /* A name gives two keys (both orders): one match says it. */
      if (same_match_exists (cluster, matches->pdata[i]))
        match_free (matches->pdata[i]);
      else
        g_ptr_array_add (cluster->matches, matches->pdata[i]);
    }

  /* Records are in id order, people first, and a root is its cluster's
   * smallest index: walking them lists clusters and their ids in order. */
  for (guint r = 0; r < scan->ids->len && g_hash_table_size (by_root) > 0; r++)
    {
      guint32 root = find_root (scan->parent, r);
      CrmDedupeCluster *cluster;

      cluster = g_hash_table_lookup (by_root, GUINT_TO_POINTER (root + 1));
      if (cluster == NULL)
        continue;
      if (cluster->ids->len == 0)
        {
          g_ptr_array_sort (cluster->matches, compare_matches);
          g_ptr_array_add (clusters, cluster);
        }
      g_array_append_val (cluster->ids, g_array_index (scan->ids, gint64, r));
    }
  return clusters;
}

static void
scan_job (CrmStoreWorker *worker,
          GTask          *task,
          gpointer        data)
{
  g_autoptr(Scan) scan = g_new0 (Scan, 1);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GPtrArray *clusters;

  scan->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  scan->entries = g_array_sized_new (FALSE, FALSE, sizeof (KeyEntry), 4096);
  scan->arena = g_string_sized_new (65536);

  /* One read transaction: people, affiliations and organizations agree. */
  if (!_crm_store_worker_exec (worker, "BEGIN", &error)
      || !scan_people (scan, worker, task, &error)
      || !scan_organizations (scan, worker, task, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  _crm_store_worker_rollback (worker);

  g_debug ("read %u records, %u keys in %.2f s", scan->ids->len, scan->entries->len,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  clusters = build_clusters (scan);
  g_debug ("%u clusters in %.2f s", clusters->len,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_task_return_pointer (task, clusters, (GDestroyNotify) g_ptr_array_unref);
}

void
crm_dedupe_scan_async (CrmStore            *store,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _crm_store_run_async (store, scan_job, NULL, NULL, crm_dedupe_scan_async,
                        "crm-dedupe-scan", cancellable, callback, user_data);
}

GPtrArray *
crm_dedupe_scan_finish (CrmStore      *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- merge and unmerge (worker thread) --- */

/* A column that points at a person or an organization.  @unique lists the
 * other columns that, with this one, may not repeat (a UNIQUE constraint, or
 * for affiliations one live row per person and organization): a loser's row
 * that would repeat the survivor's is trashed instead of moved. */
typedef struct
{
  const char *table;
  const char *column;
  const char *filter;        /* extra condition, or NULL */
  const char *unique[3];
  gboolean    live_only;     /* conflicts only with rows not in the trash */
} Reference;

static const Reference person_refs[] = {
  { "affiliation", "person_id", NULL, { "organization_id", NULL }, TRUE },
  { "reporting_line", "person_id", NULL, { "organization_id", "manager_id", NULL }, FALSE },
  { "reporting_line", "manager_id", NULL, { "organization_id", "person_id", NULL }, FALSE },
  { "influence_link", "from_person_id", NULL, { NULL }, FALSE },
  { "influence_link", "to_person_id", NULL, { NULL }, FALSE },
  { "map_position", "person_id", NULL, { "scope_kind", "scope_id", NULL }, FALSE },
  { "deal", "person_id", NULL, { NULL }, FALSE },
  { "deal_stakeholder", "person_id", NULL, { "deal_id", NULL }, FALSE },
  { "ticket", "person_id", NULL, { NULL }, FALSE },
  { "ticket_message", "person_id", NULL, { NULL }, FALSE },
  { "self_service_resolution", "person_id", NULL, { NULL }, FALSE },
  { "customer_order", "person_id", NULL, { NULL }, FALSE },
  { "campaign_member", "person_id", NULL, { "campaign_id", NULL }, FALSE },
  { "activity", "subject_id", "subject_kind = 'person'", { NULL }, FALSE },
  { "record_tag", "record_id", "record_kind = 'person'", { "tag_id", "record_kind", NULL }, FALSE },
  { "custom_value", "record_id", NULL, { "field_id", NULL }, FALSE },
};

static const Reference organization_refs[] = {
  { "affiliation", "organization_id", NULL, { "person_id", NULL }, TRUE },
  { "reporting_line", "organization_id", NULL, { "person_id", "manager_id", NULL }, FALSE },
  { "influence_link", "organization_id", NULL, { NULL }, FALSE },
  { "map_position", "scope_id", "scope_kind = 'organization'", { "scope_kind", "person_id", NULL }, FALSE },
  { "organization", "parent_id", NULL, { NULL }, FALSE },
  { "deal", "organization_id", NULL, { NULL }, FALSE },
  { "ticket", "organization_id", NULL, { NULL }, FALSE },
  { "customer_order", "organization_id", NULL, { NULL }, FALSE },
  { "activity", "subject_id", "subject_kind = 'organization'", { NULL }, FALSE },
  { "record_tag", "record_id", "record_kind = 'organization'", { "tag_id", "record_kind", NULL }, FALSE },
  { "custom_value", "record_id", NULL, { "field_id", NULL }, FALSE },
};

/* Affiliation fields a merged affiliation takes from the loser's when the
 * survivor's are empty. */
static const char *affiliation_fill[] = { "title", "department", "stakeholder_role", "started",
                                          "ended", "notes" };

typedef struct
{
  char   *column;
  gint64  source;
} FieldChoice;

typedef struct
{
  CrmDedupeKind    kind;
  gint64           survivor;
  GArray          *losers;      /* gint64 */
  GArray          *choices;     /* FieldChoice */
  GVariant        *undo;        /* for unmerge */

  /* worker state */
  CrmStoreWorker  *worker;
  gint64           now;
  GVariantBuilder *changes;     /* a(sxsv) */
  GHashTable      *touched;     /* "table:id" whose updated was saved */
} MergeData;

static void
merge_data_free (gpointer data)
{
  MergeData *m = data;

  g_array_unref (m->losers);
  if (m->choices != NULL)
    {
      for (guint i = 0; i < m->choices->len; i++)
        g_free (g_array_index (m->choices, FieldChoice, i).column);
      g_array_unref (m->choices);
    }
  g_clear_pointer (&m->undo, g_variant_unref);
  g_clear_pointer (&m->changes, g_variant_builder_unref);
  g_clear_pointer (&m->touched, g_hash_table_unref);
  g_free (m);
}

static const char *
kind_table (CrmDedupeKind kind)
{
  return kind == CRM_DEDUPE_KIND_ORGANIZATION ? "organization" : "person";
}

/* Table names are only ever ones of the references above. */
static gboolean
table_is_known (const char *table)
{
  if (g_str_equal (table, "person") || g_str_equal (table, "organization"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (person_refs); i++)
    if (g_str_equal (table, person_refs[i].table))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (organization_refs); i++)
    if (g_str_equal (table, organization_refs[i].table))
      return TRUE;
  return FALSE;
}

static gboolean
column_exists (CrmStoreWorker *worker,
               const char     *table,
               const char     *column)
{
  sqlite3_stmt *stmt = _crm_store_worker_prepare (worker,
                                                  "SELECT 1 FROM pragma_table_info (?) WHERE name = ?",
                                                  NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static GVariant *
value_to_variant (sqlite3_value *value)
{
  switch (sqlite3_value_type (value))
    {
    case SQLITE_INTEGER:
      return g_variant_new_int64 (sqlite3_value_int64 (value));
    case SQLITE_FLOAT:
      return g_variant_new_double (sqlite3_value_double (value));
    case SQLITE_TEXT:
      return g_variant_new_string ((const char *) sqlite3_value_text (value));
    case SQLITE_BLOB:
      return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, sqlite3_value_blob (value),
                                        sqlite3_value_bytes (value), 1);
    default:
      return g_variant_new ("()");
    }
}

static void
bind_variant (sqlite3_stmt *stmt,
              int           index,
              GVariant     *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    sqlite3_bind_double (stmt, index, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    sqlite3_bind_text (stmt, index, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      gsize len;
      gconstpointer data = g_variant_get_fixed_array (value, &len, 1);

      sqlite3_bind_blob (stmt, index, data, len, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, index);
}

/* Sets one cell, keeping its old value (and, once per row, the old
 * "updated") in the undo record.  @value NULL means SQL NULL. */
static gboolean
set_cell (MergeData   *m,
          const char  *table,
          gint64       row,
          const char  *column,
          GVariant    *value,
          GError     **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", column, table);
  g_autofree char *update = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", table, column);
  g_autoptr(GVariant) owned = value != NULL ? g_variant_ref_sink (value) : NULL;
  sqlite3_stmt *stmt;
  char *row_key;
  int rc;

  stmt = _crm_store_worker_prepare (m->worker, select, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("The record to merge no longer exists."));
      return FALSE;
    }
  g_variant_builder_add (m->changes, "(sxsv)", table, row, column,
                         value_to_variant (sqlite3_column_value (stmt, 0)));
  sqlite3_reset (stmt);

  stmt = _crm_store_worker_prepare (m->worker, update, error);
  if (stmt == NULL)
    return FALSE;
  if (owned != NULL)
    bind_variant (stmt, 1, owned);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, row);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_error (error, _crm_store_worker_get_db (m->worker), rc, "merge");
      return FALSE;
    }

  row_key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, row);
  if (g_hash_table_add (m->touched, row_key) && !g_str_equal (column, "updated"))
    return set_cell (m, table, row, "updated", g_variant_new_int64 (m->now), error);
  return TRUE;
}

/* The survivor's row that a loser's row (@row) would repeat, or 0. */
static gint64
find_conflict (MergeData        *m,
               const Reference  *ref,
               gint64            row,
               GError          **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  gint64 conflict = 0;

  if (ref->unique[0] == NULL)
    return 0;
  g_string_append_printf (sql, "SELECT s.id FROM %s s, %s l WHERE l.id = ? AND s.%s = ? AND s.id != l.id",
                          ref->table, ref->table, ref->column);
  for (guint i = 0; i < G_N_ELEMENTS (ref->unique) && ref->unique[i] != NULL; i++)
    g_string_append_printf (sql, " AND s.%s IS l.%s", ref->unique[i], ref->unique[i]);
  if (ref->live_only)
    g_string_append (sql, " AND s.deleted = 0");
  g_string_append (sql, " LIMIT 1");

  stmt = _crm_store_worker_prepare (m->worker, sql->str, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, row);
  sqlite3_bind_int64 (stmt, 2, m->survivor);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    conflict = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return conflict;
}

/* A loser's affiliation with an organization the survivor already has is
 * folded into the survivor's: empty fields are filled, the loser's goes to
 * the trash. */
static gboolean
fill_affiliation (MergeData  *m,
                  gint64      into,
                  gint64      from,
                  GError    **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (affiliation_fill); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT l.%s FROM affiliation s, affiliation l "
                                              "WHERE s.id = ? AND l.id = ? AND s.%s = '' AND l.%s != ''",
                                              affiliation_fill[i], affiliation_fill[i], affiliation_fill[i]);
      sqlite3_stmt *stmt = _crm_store_worker_prepare (m->worker, sql, error);
      GVariant *value = NULL;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, into);
      sqlite3_bind_int64 (stmt, 2, from);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = value_to_variant (sqlite3_column_value (stmt, 0));
      sqlite3_reset (stmt);
      if (value != NULL && !set_cell (m, "affiliation", into, affiliation_fill[i], value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
move_reference (MergeData        *m,
                const Reference  *ref,
                gint64            loser,
                GError          **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id, deleted FROM %s WHERE %s = ?%s%s ORDER BY id",
                                          ref->table, ref->column, ref->filter ? " AND " : "",
                                          ref->filter ? ref->filter : "");
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) deleted = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _crm_store_worker_prepare (m->worker, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, loser);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0), del = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (rows, id);
      g_array_append_val (deleted, del);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 row = g_array_index (rows, gint64, i);
      gint64 conflict = find_conflict (m, ref, row, error);

      if (conflict < 0)
        return FALSE;
      if (conflict == 0)
        {
          if (!set_cell (m, ref->table, row, ref->column, g_variant_new_int64 (m->survivor), error))
            return FALSE;
          continue;
        }
      /* The survivor already has this one: merge, do not duplicate. */
      if (g_str_equal (ref->table, "affiliation") && !fill_affiliation (m, conflict, row, error))
        return FALSE;
      if (g_array_index (deleted, gint64, i) == 0
          && !set_cell (m, ref->table, row, "deleted", g_variant_new_int64 (1), error))
        return FALSE;
    }
  return TRUE;
}

/* After the moves, a person may report to or influence themselves, and an
 * organization may be its own parent: those rows go. */
static gboolean
drop_self_links (MergeData  *m,
                 GError    **error)
{
  static const struct { const char *table, *sql; gboolean person; } loops[] = {
    { "reporting_line", "SELECT id FROM reporting_line WHERE person_id = ?1 AND manager_id = ?1 AND deleted = 0", TRUE },
    { "influence_link", "SELECT id FROM influence_link WHERE from_person_id = ?1 AND to_person_id = ?1 AND deleted = 0", TRUE },
    { "organization", "SELECT id FROM organization WHERE id = ?1 AND parent_id = ?1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (loops); i++)
    {
      g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
      sqlite3_stmt *stmt;

      if (loops[i].person != (m->kind == CRM_DEDUPE_KIND_PERSON))
        continue;
      stmt = _crm_store_worker_prepare (m->worker, loops[i].sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, m->survivor);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (rows, id);
        }
      sqlite3_reset (stmt);
      for (guint r = 0; r < rows->len; r++)
        {
          gint64 id = g_array_index (rows, gint64, r);
          gboolean ok = loops[i].person
            ? set_cell (m, loops[i].table, id, "deleted", g_variant_new_int64 (1), error)
            : set_cell (m, loops[i].table, id, "parent_id", NULL, error);

          if (!ok)
            return FALSE;
        }
    }
  return TRUE;
}

/* The survivor takes each chosen field from its source record. */
static gboolean
copy_fields (MergeData  *m,
             GError    **error)
{
  const char *table = kind_table (m->kind);

  for (guint i = 0; m->choices != NULL && i < m->choices->len; i++)
    {
      FieldChoice *choice = &g_array_index (m->choices, FieldChoice, i);
      g_autofree char *sql = NULL;
      gboolean is_loser = FALSE;
      sqlite3_stmt *stmt;
      GVariant *value = NULL;

      for (guint l = 0; l < m->losers->len; l++)
        is_loser |= g_array_index (m->losers, gint64, l) == choice->source;
      if (!is_loser && choice->source != m->survivor)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       _("A field was to be taken from a record that is not being merged."));
          return FALSE;
        }
      if (g_strv_contains ((const char * const[]) { "id", "created", "updated", "deleted", NULL },
                           choice->column)
          || !column_exists (m->worker, table, choice->column))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       /* TRANSLATORS: %s is a field name such as "email" */
                       _("“%s” is not a field that can be merged."), choice->column);
          return FALSE;
        }
      if (choice->source == m->survivor)
        continue;

      sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", choice->column, table);
      stmt = _crm_store_worker_prepare (m->worker, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, choice->source);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = value_to_variant (sqlite3_column_value (stmt, 0));
      sqlite3_reset (stmt);
      if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UNIT))
        {
          g_variant_unref (g_variant_ref_sink (value));
          value = NULL;
          if (!set_cell (m, table, m->survivor, choice->column, NULL, error))
            return FALSE;
        }
      else if (value != NULL && !set_cell (m, table, m->survivor, choice->column, value, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_records (MergeData  *m,
               GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM %s WHERE id = ?", kind_table (m->kind));

  for (guint i = 0; i <= m->losers->len; i++)
    {
      gint64 id = i == 0 ? m->survivor : g_array_index (m->losers, gint64, i - 1);
      sqlite3_stmt *stmt = _crm_store_worker_prepare (m->worker, sql, error);
      gboolean live;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      live = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == 0;
      sqlite3_reset (stmt);
      if (!live || (i > 0 && id == m->survivor))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                       _("A record to merge does not exist, is in the trash or is listed twice."));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
merge_all (MergeData  *m,
           GError    **error)
{
  const Reference *refs = m->kind == CRM_DEDUPE_KIND_PERSON ? person_refs : organization_refs;
  guint n_refs = m->kind == CRM_DEDUPE_KIND_PERSON ? G_N_ELEMENTS (person_refs) : G_N_ELEMENTS (organization_refs);

  if (!check_records (m, error) || !copy_fields (m, error))
    return FALSE;
  for (guint l = 0; l < m->losers->len; l++)
    {
      gint64 loser = g_array_index (m->losers, gint64, l);

      for (guint r = 0; r < n_refs; r++)
        if (!move_reference (m, &refs[r], loser, error))
          return FALSE;
      if (!set_cell (m, kind_table (m->kind), loser, "deleted", g_variant_new_int64 (1), error))
        return FALSE;
    }
  return drop_self_links (m, error);
}

static void
merge_job (CrmStoreWorker *worker,
           GTask          *task,
           gpointer        data)
{
  MergeData *m = data;
  g_autoptr(GError) error = NULL;
  GVariant *undo;

  m->worker = worker;
  m->now = _crm_store_worker_now (worker);
  m->changes = g_variant_builder_new (G_VARIANT_TYPE ("a(sxsv)"));
  m->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!merge_all (m, &error) || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  undo = g_variant_new ("(sx@axa(sxsv))", kind_table (m->kind), m->survivor,
                        g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, m->losers->data,
                                                   m->losers->len, sizeof (gint64)),
                        m->changes);
  g_clear_pointer (&m->changes, g_variant_builder_unref);
  g_task_return_pointer (task, g_variant_ref_sink (undo), (GDestroyNotify) g_variant_unref);
}

void
crm_dedupe_merge_async (CrmStore            *store,
                        CrmDedupeKind        kind,
                        gint64               survivor_id,
                        const gint64        *loser_ids,
                        guint                n_losers,
                        GHashTable          *field_choices,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  MergeData *m;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (kind == CRM_DEDUPE_KIND_PERSON || kind == CRM_DEDUPE_KIND_ORGANIZATION);
  g_return_if_fail (loser_ids != NULL || n_losers == 0);

  /* The worker gets plain copies, never the caller's hash table. */
  m = g_new0 (MergeData, 1);
  m->kind = kind;
  m->survivor = survivor_id;
  m->losers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (m->losers, loser_ids, n_losers);
  m->choices = g_array_new (FALSE, FALSE, sizeof (FieldChoice));
  if (field_choices != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, field_choices);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          FieldChoice choice = { g_strdelimit (g_strdup (key), "-", '_'), *(gint64 *) value };

          g_array_append_val (m->choices, choice);
        }
    }

  _crm_store_run_async (store, merge_job, m, merge_data_free, crm_dedupe_merge_async,
                        "crm-dedupe-merge", cancellable, callback, user_data);
}

GVariant *
crm_dedupe_merge_finish (CrmStore      *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
unmerge_all (CrmStoreWorker  *worker,
             GVariant        *undo,
             GError         **error)
{
  g_autoptr(GVariant) changes = g_variant_get_child_value (undo, 3);
  gsize n = g_variant_n_children (changes);

  /* Backwards: each step restores a state that existed, so no UNIQUE
   * constraint can object. */
  for (gsize i = n; i > 0; i--)
    {
      g_autoptr(GVariant) value = NULL;
      g_autofree char *sql = NULL;
      const char *table, *column;
      sqlite3_stmt *stmt;
      gint64 row;
      int rc;

      g_variant_get_child (changes, i - 1, "(&sx&sv)", &table, &row, &column, &value);
      if (!table_is_known (table) || !column_exists (worker, table, column))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       _("The merge cannot be undone: its record is damaged."));
          return FALSE;
        }
      sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", table, column);
      stmt = _crm_store_worker_prepare (worker, sql, error);
      if (stmt == NULL)
        return FALSE;
      bind_variant (stmt, 1, value);
      sqlite3_bind_int64 (stmt, 2, row);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _crm_store_set_error (error, _crm_store_worker_get_db (worker), rc, "unmerge");
          return FALSE;
        }
    }
  return TRUE;
}

static void
unmerge_job (CrmStoreWorker *worker,
             GTask          *task,
             gpointer        data)
{
  MergeData *m = data;
  g_autoptr(GError) error = NULL;

  if (!_crm_store_worker_begin (worker, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!unmerge_all (worker, m->undo, &error) || !_crm_store_worker_commit (worker, &error))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
crm_dedupe_unmerge_async (CrmStore            *store,
                          GVariant            *undo,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  MergeData *m;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (undo != NULL && g_variant_is_of_type (undo, G_VARIANT_TYPE ("(sxaxa(sxsv))")));

  m = g_new0 (MergeData, 1);
  m->losers = g_array_new (FALSE, FALSE, sizeof (gint64));
  m->undo = g_variant_ref_sink (undo);
  _crm_store_run_async (store, unmerge_job, m, merge_data_free, crm_dedupe_unmerge_async,
                        "crm-dedupe-unmerge", cancellable, callback, user_data);
}

gboolean
crm_dedupe_unmerge_finish (CrmStore      *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

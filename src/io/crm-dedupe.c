/* crm-dedupe.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Duplicate people and organizations: the keys and the scan (merging is in
 * crm-dedupe-merge.c).
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

#include "crm-dedupe-private.h"
#include "crm-email.h"
#include "crm-phone.h"
#include "crm-store-private.h"

#define CANCEL_CHECK_ROWS 65536

/* --- keys --- */

static GMutex translit_lock;
static UTransliterator *translit;
static GHashTable *pinyin_cache;   /* gunichar → char* (ASCII, lower case) */

/* Pinyin for one Han character, without tones, or NULL when ICU has no
 * transliterator.  ICU's Han-Latin is used per character and cached: names
 * repeat few characters, and the transliterator is slow and not
 * thread-safe.  (Per character, a polyphonic character gets its most common
 * reading; names rarely depend on the others.) */
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
      else if (is_han (c) && han_to_latin (c) != NULL)
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
  g_clear_pointer (&cluster->names, g_ptr_array_unref);
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
  char    *region;    /* the user's, for numbers of people without a country */
} Scan;

static void
scan_free (Scan *scan)
{
  g_array_unref (scan->ids);
  g_array_unref (scan->entries);
  g_string_free (scan->arena, TRUE);
  g_free (scan->parent);
  g_free (scan->region);
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
          const char *region = country != NULL && country[0] != '\0' ? country : scan->region;
          g_autofree char *e164 = crm_phone_normalize (phone, region, NULL, NULL);

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

/* Each cluster's names, for lists that show them: a few point reads. */
static gboolean
read_names (CrmStoreWorker  *worker,
            GPtrArray       *clusters,
            GError         **error)
{
  for (guint c = 0; c < clusters->len; c++)
    {
      CrmDedupeCluster *cluster = clusters->pdata[c];
      const char *sql = cluster->kind == CRM_DEDUPE_KIND_PERSON
        ? "SELECT display_name, given_name, family_name FROM person WHERE id = ?"
        : "SELECT name, '', '' FROM organization WHERE id = ?";

      cluster->names = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < cluster->ids->len; i++)
        {
          sqlite3_stmt *stmt = _crm_store_worker_prepare (worker, sql, error);
          char *name = NULL;

          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, g_array_index (cluster->ids, gint64, i));
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              const char *display = (const char *) sqlite3_column_text (stmt, 0);

              if (display != NULL && display[0] != '\0')
                name = g_strdup (display);
              else
                name = g_strstrip (g_strdup_printf ("%s %s", sqlite3_column_text (stmt, 1),
                                                    sqlite3_column_text (stmt, 2)));
            }
          sqlite3_reset (stmt);
          g_ptr_array_add (cluster->names, name != NULL ? name : g_strdup (""));
        }
    }
  return TRUE;
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
  scan->region = crm_phone_dup_default_region ();

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
  if (!_crm_dedupe_worker_drop_dismissed (worker, clusters, &error)
      || !read_names (worker, clusters, &error))
    {
      g_ptr_array_unref (clusters);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
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

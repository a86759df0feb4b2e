/* crm-vcard-writer.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CrmContactDraft to vCard 4.0 (RFC 6350): CRLF line ends, lines folded at
 * 75 octets between UTF-8 characters, escaped text.  Extra fields that are
 * not plain property names travel as X-RAPPORT-EXTRA;X-NAME="key", so that
 * what Rapport writes it reads back unchanged.
 */

#define G_LOG_DOMAIN "CrmVcard"

#include "config.h"

#include <string.h>

#include "crm-person-photo.h"
#include "crm-vcard-private.h"

#define FOLD_OCTETS 75

/* Cleaned the way the reader cleans what it reads. */
static char *
sanitize (const char *text)
{
  return _crm_vcard_clean_text (text, -1);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *clean = sanitize (text);

  for (const char *p = clean; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* RFC 6868 parameter value, always quoted. */
static void
append_param_value (GString    *out,
                    const char *text)
{
  g_autofree char *clean = sanitize (text);

  g_string_append_c (out, '"');
  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '^')
        g_string_append (out, "^^");
      else if (*p == '\n')
        g_string_append (out, "^n");
      else if (*p == '"')
        g_string_append (out, "^'");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Folds @line into @out: at most 75 octets a line, never inside a UTF-8
 * sequence; continuation lines start with a space. */
static void
append_folded (GString    *out,
               const char *line,
               gsize       length)
{
  gsize pos = 0;
  gsize limit = FOLD_OCTETS;

  while (length - pos > limit)
    {
      gsize cut = pos + limit;

      while (cut > pos + 1 && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + pos, cut - pos);
      g_string_append (out, "\r\n ");
      pos = cut;
      limit = FOLD_OCTETS - 1;
    }
  g_string_append_len (out, line + pos, length - pos);
  g_string_append (out, "\r\n");
}

static void
add_line (GString    *out,
          GString    *line)
{
  append_folded (out, line->str, line->len);
  g_string_truncate (line, 0);
}

static void
add_text (GString    *out,
          GString    *line,
          const char *name,
          const char *value)
{
  g_autofree char *clean = sanitize (value);

  if (clean[0] == '\0')
    return;
  g_string_append_printf (line, "%s:", name);
  append_escaped (line, clean);
  add_line (out, line);
}

/* A structured value: the parts escaped and joined with ";". */
static void
add_structured (GString            *out,
                GString            *line,
                const char         *name,
                const char * const *parts,
                guint               n_parts)
{
  gboolean any = FALSE;

  for (guint i = 0; i < n_parts; i++)
    {
      g_autofree char *clean = sanitize (parts[i]);

      any = any || clean[0] != '\0';
    }
  if (!any)
    return;

  g_string_append_printf (line, "%s:", name);
  for (guint i = 0; i < n_parts; i++)
    {
      if (i > 0)
        g_string_append_c (line, ';');
      append_escaped (line, parts[i]);
    }
  add_line (out, line);
}

static void
add_list (GString    *out,
          GString    *line,
          const char *name,
          GPtrArray  *values)
{
  gboolean several = FALSE;

  for (guint i = 0, written = 0; i < values->len; i++)
    {
      g_autofree char *clean = sanitize (g_ptr_array_index (values, i));

      several = several || (clean[0] != '\0' && written++ > 0);
    }

  for (guint i = 0, written = 0; i < values->len; i++)
    {
      g_autofree char *clean = sanitize (g_ptr_array_index (values, i));

      if (clean[0] == '\0')
        continue;
      /* The first is the preferred one. */
      g_string_append (line, name);
      if (several && written++ == 0)
        g_string_append (line, ";PREF=1");
      g_string_append_c (line, ':');
      append_escaped (line, clean);
      add_line (out, line);
    }
}

static gboolean
is_cjk (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c >= 0x3000 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
          (c >= 0xF900 && c <= 0xFAFF) || c >= 0x20000)
        return TRUE;
    }
  return FALSE;
}

/* FN is required; compose one when the draft has none. */
static char *
display_name (const CrmContactDraft *draft)
{
  g_autofree char *given = sanitize (draft->given_name);
  g_autofree char *family = sanitize (draft->family_name);

  if (draft->display_name[0] != '\0')
    return sanitize (draft->display_name);
  if (given[0] != '\0' && family[0] != '\0')
    {
      if (is_cjk (given) || is_cjk (family))
        return g_strconcat (family, given, NULL);
      return g_strconcat (given, " ", family, NULL);
    }
  if (given[0] != '\0' || family[0] != '\0')
    return g_strconcat (given, family, NULL);
  if (draft->organization[0] != '\0')
    return sanitize (draft->organization);
  if (draft->emails->len > 0)
    return sanitize (g_ptr_array_index (draft->emails, 0));
  if (draft->phones->len > 0)
    return sanitize (g_ptr_array_index (draft->phones, 0));
  return g_strdup ("");
}

static const char *
extra_or_empty (const CrmContactDraft *draft,
                const char            *key)
{
  const char *value = g_hash_table_lookup (draft->extra, key);

  return value != NULL ? value : "";
}

static void
add_photo (GString               *out,
           GString               *line,
           const CrmContactDraft *draft)
{
  g_autofree char *encoded = NULL;
  const guint8 *data;
  const char *mime;
  gsize size = 0;

  if (draft->photo == NULL)
    return;
  data = g_bytes_get_data (draft->photo, &size);
  if (size == 0)
    return;

  mime = crm_person_photo_sniff_mime (data, size);
  if (mime == NULL)
    mime = draft->photo_mime[0] != '\0' ? draft->photo_mime : "application/octet-stream";
  encoded = g_base64_encode (data, size);
  g_string_append_printf (line, "PHOTO:data:%s;base64,%s", mime, encoded);
  add_line (out, line);
}

static void
add_birth_date (GString               *out,
                GString               *line,
                const CrmContactDraft *draft)
{
  g_autofree char *valid = _crm_vcard_parse_date (draft->birth_date, NULL);

  /* ISO 8601 extended to the basic form of RFC 6350: 19850412, --0412. */
  if (valid == NULL || !g_str_equal (valid, draft->birth_date))
    return;
  if (valid[0] == '-')
    g_string_append_printf (line, "BDAY:--%.2s%.2s", valid + 2, valid + 5);
  else
    g_string_append_printf (line, "BDAY:%.4s%.2s%.2s", valid, valid + 5, valid + 8);
  add_line (out, line);
}

static gboolean
is_plain_name (const char *key)
{
  if (!g_ascii_isupper (key[0]))
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return !_crm_vcard_name_is_mapped (key);
}

/* The reader drops inline binary data it cannot show as text. */
static gboolean
is_data_uri (const char *value)
{
  return g_ascii_strncasecmp (value, "data:", 5) == 0;
}

static gboolean
written_elsewhere (const char *key,
                   const char *value)
{
  return (g_str_equal (key, "UID") && !is_data_uri (value)) ||
         g_str_equal (key, "N (additional)") || g_str_equal (key, "N (prefix)") ||
         g_str_equal (key, "N (suffix)");
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
add_extra (GString               *out,
           GString               *line,
           const CrmContactDraft *draft)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  keys = g_hash_table_get_keys_as_array (draft->extra, &n_keys);
  g_qsort_with_data (keys, n_keys, sizeof (gpointer), compare_keys, NULL);
  for (guint i = 0; i < n_keys; i++)
    {
      const char *key = keys[i];
      g_autofree char *value = sanitize (g_hash_table_lookup (draft->extra, key));
      g_autofree char *clean_key = sanitize (key);

      if (value[0] == '\0' || clean_key[0] == '\0' || written_elsewhere (key, value))
        continue;
      if (is_plain_name (key) && !is_data_uri (value))
        {
          g_string_append_printf (line, "%s:", key);
        }
      else
        {
          g_string_append (line, CRM_VCARD_EXTRA_PROPERTY ";" CRM_VCARD_EXTRA_PARAM "=");
          append_param_value (line, key);
          g_string_append_c (line, ':');
        }
      append_escaped (line, value);
      add_line (out, line);
    }
}

/**
 * crm_vcard_format_draft:
 * @draft: a contact
 *
 * Writes @draft as one vCard 4.0.  The UID comes from the extra field "UID"
 * when there is one.
 *
 * Returns: (transfer full): the card, CRLF line ends, folded.
 */
char *
crm_vcard_format_draft (const CrmContactDraft *draft)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *fn = NULL;
  g_autofree char *uid = NULL;
  GString *out;
  const char *gender = NULL;

  g_return_val_if_fail (draft != NULL, NULL);

  out = g_string_new ("BEGIN:VCARD\r\nVERSION:4.0\r\n");
  g_string_append_printf (line, "PRODID:-//Rapport//Rapport %s//EN", PACKAGE_VERSION);
  add_line (out, line);
  uid = sanitize (extra_or_empty (draft, "UID"));
  if (!is_data_uri (uid))
    add_text (out, line, "UID", uid);

  fn = display_name (draft);
  g_string_append (line, "FN:");
  append_escaped (line, fn);
  add_line (out, line);

  {
    const char *n[] = { draft->family_name, draft->given_name,
                        extra_or_empty (draft, "N (additional)"),
                        extra_or_empty (draft, "N (prefix)"),
                        extra_or_empty (draft, "N (suffix)") };
    const char *org[] = { draft->organization, draft->department };
    const char *adr[] = { "", "", draft->street, draft->city, draft->region,
                          draft->postal_code, draft->country };

    add_structured (out, line, "N", n, G_N_ELEMENTS (n));
    add_structured (out, line, "ORG", org, G_N_ELEMENTS (org));
    add_text (out, line, "TITLE", draft->title);
    add_list (out, line, "EMAIL", draft->emails);
    add_list (out, line, "TEL", draft->phones);
    add_structured (out, line, "ADR", adr, G_N_ELEMENTS (adr));
  }

  add_text (out, line, "URL", draft->website);
  add_birth_date (out, line, draft);

  if (g_str_equal (draft->gender, "male"))
    gender = "M";
  else if (g_str_equal (draft->gender, "female"))
    gender = "F";
  else if (g_str_equal (draft->gender, "other"))
    gender = "O";
  if (gender != NULL)
    {
      g_string_append_printf (line, "GENDER:%s", gender);
      add_line (out, line);
    }

  add_text (out, line, "LANG", draft->language);
  add_text (out, line, "NOTE", draft->notes);

  {
    g_autoptr(GString) tags = g_string_new (NULL);

    for (guint i = 0; i < draft->tags->len; i++)
      {
        g_autofree char *tag = sanitize (g_ptr_array_index (draft->tags, i));

        if (tag[0] == '\0')
          continue;
        if (tags->len > 0)
          g_string_append_c (tags, ',');
        append_escaped (tags, tag);
      }
    if (tags->len > 0)
      {
        g_string_append_printf (line, "CATEGORIES:%s", tags->str);
        add_line (out, line);
      }
  }

  add_photo (out, line, draft);
  add_extra (out, line, draft);
  g_string_append (out, "END:VCARD\r\n");
  return g_string_free (out, FALSE);
}

/**
 * crm_vcard_write_draft:
 * @stream: where to write
 * @draft: a contact
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Writes @draft as one vCard 4.0 to @stream (see crm_vcard_format_draft()).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_vcard_write_draft (GOutputStream          *stream,
                       const CrmContactDraft  *draft,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  text = crm_vcard_format_draft (draft);
  return g_output_stream_write_all (stream, text, strlen (text), NULL, cancellable, error);
}

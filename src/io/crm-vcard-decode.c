/* crm-vcard-decode.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From the properties of one card to a CrmContactDraft: structured values
 * (N, ORG, ADR), preferences (PREF, TYPE=pref), Apple's group labels, dates,
 * photos, and extra for every property no field takes.  Decoding the text of
 * a value is crm-vcard-text.c.
 */

#define G_LOG_DOMAIN "CrmVcard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-person-photo.h"
#include "crm-vcard-private.h"

#define NO_PREFERENCE 101

typedef struct
{
  CrmContactDraft *draft;
  GHashTable      *labels;      /* group → Apple label */
  GArray          *emails;      /* Ranked */
  GArray          *phones;
  GArray          *addresses;
  GArray          *urls;
  GArray          *languages;
  GString         *notes;
  GHashTable      *extra;       /* key → GString */
  gboolean         have_name;
  gboolean         have_display_name;
  gboolean         have_organization;
  gboolean         have_title;
  gboolean         have_birth_date;
  char            *reason;
  guint            reason_line;
} Mapper;

typedef struct
{
  guint             rank;
  guint             index;
  char             *text;
  CrmVcardProperty *property;
} Ranked;

static const char *
part (GPtrArray *parts,
      guint      index)
{
  return index < parts->len ? g_ptr_array_index (parts, index) : "";
}

static gboolean
has_type (CrmVcardProperty *property,
          const char       *type)
{
  for (guint i = 0; i < property->params->len; i++)
    {
      CrmVcardParam *param = g_ptr_array_index (property->params, i);

      if (g_str_equal (param->name, "TYPE") && g_str_equal (param->value, type))
        return TRUE;
    }
  return FALSE;
}

static guint
preference (CrmVcardProperty *property)
{
  const char *pref = _crm_vcard_property_get_param (property, "PREF");

  if (pref != NULL)
    {
      guint64 value = 0;

      if (g_ascii_string_to_unsigned (pref, 10, 1, 100, &value, NULL))
        return value;
    }
  if (has_type (property, "pref"))
    return 1;
  return NO_PREFERENCE;
}

static char *
apple_label (const char *text)
{
  gsize len = strlen (text);

  if (len > 8 && g_str_has_prefix (text, "_$!<") && g_str_has_suffix (text, ">!$_"))
    return g_strndup (text + 4, len - 8);
  return g_strdup (text);
}

/* "NAME", or "NAME (label)" with an Apple label or a telling type. */
static char *
extra_key (Mapper           *m,
           CrmVcardProperty *property)
{
  const char *label = NULL;

  if (property->group != NULL)
    label = g_hash_table_lookup (m->labels, property->group);
  for (guint i = 0; label == NULL && i < property->params->len; i++)
    {
      CrmVcardParam *param = g_ptr_array_index (property->params, i);

      if (g_str_equal (param->name, "TYPE") && !g_str_equal (param->value, "pref") &&
          !g_str_equal (param->value, "internet") && !g_str_equal (param->value, "x400"))
        label = param->value;
    }

  if (label != NULL)
    {
      g_autofree char *clean = _crm_vcard_clean_text (label, -1);

      if (clean[0] != '\0')
        return g_strdup_printf ("%s (%s)", property->name, clean);
    }
  return g_strdup (property->name);
}

/* Several values under one key are joined by newlines; they gather in
 * GStrings so that many of them cost linear time. */
static void
add_extra (Mapper     *m,
           const char *key,
           const char *value)
{
  GString *text;

  if (key[0] == '\0' || value[0] == '\0')
    return;
  text = g_hash_table_lookup (m->extra, key);
  if (text == NULL)
    g_hash_table_insert (m->extra, g_strdup (key), g_string_new (value));
  else
    g_string_append_printf (text, "\n%s", value);
}

static void
add_extra_property (Mapper           *m,
                    CrmVcardProperty *property)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (_crm_vcard_is_binary (property))
    return;  /* an inline logo, sound or key: not something to show as text */
  key = extra_key (m, property);
  value = _crm_vcard_decode_text (property);
  add_extra (m, key, value);
}

static void
set_field (char       **field,
           const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
take_field (char **field,
            char  *value)
{
  g_free (*field);
  *field = value;
}

static void
add_ranked (GArray           *array,
            CrmVcardProperty *property,
            char             *text)
{
  Ranked ranked = { preference (property), array->len, text, property };

  g_array_append_val (array, ranked);
}

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->rank != rb->rank)
    return ra->rank < rb->rank ? -1 : 1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

static void
clear_ranked (gpointer data)
{
  g_free (((Ranked *) data)->text);
}

static char *
strip_scheme (char       *text,
              const char *scheme)
{
  gsize len = strlen (scheme);
  const char *p = text;
  char *rest;

  /* "tel:" and "mailto:", as often as they are repeated. */
  if (g_ascii_strncasecmp (p, scheme, len) != 0)
    return text;
  while (g_ascii_strncasecmp (p, scheme, len) == 0)
    {
      p += len;
      while (g_ascii_isspace (*p))
        p++;
    }
  rest = _crm_vcard_clean_text (p, -1);
  g_free (text);
  return rest;
}

static void
map_name (Mapper           *m,
          CrmVcardProperty *property)
{
  static const char * const parts[] = { NULL, NULL, "N (additional)", "N (prefix)", "N (suffix)" };
  g_autofree char *value = _crm_vcard_decode_value (property);
  g_autoptr(GPtrArray) components = _crm_vcard_split_escaped (value, ';');

  m->have_name = TRUE;
  for (guint i = 0; i < components->len && i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *text = _crm_vcard_unescape_clean (part (components, i), strlen (part (components, i)));

      if (i == 0)
        set_field (&m->draft->family_name, text);
      else if (i == 1)
        set_field (&m->draft->given_name, text);
      else
        add_extra (m, parts[i], text);
    }
}

static void
map_organization (Mapper           *m,
                  CrmVcardProperty *property)
{
  g_autofree char *value = _crm_vcard_decode_value (property);
  g_autoptr(GPtrArray) components = _crm_vcard_split_escaped (value, ';');
  g_autoptr(GString) units = g_string_new (NULL);

  m->have_organization = TRUE;
  for (guint i = 0; i < components->len; i++)
    {
      g_autofree char *text = _crm_vcard_unescape_clean (part (components, i), strlen (part (components, i)));

      if (i == 0)
        set_field (&m->draft->organization, text);
      else if (text[0] != '\0')
        g_string_append_printf (units, "%s%s", units->len > 0 ? ", " : "", text);
    }
  set_field (&m->draft->department, units->str);
}


static void
map_birthday (Mapper           *m,
              CrmVcardProperty *property)
{
  g_autofree char *text = _crm_vcard_decode_text (property);
  g_autofree char *date = NULL;
  const char *value_type = _crm_vcard_property_get_param (property, "VALUE");

  if (!m->have_birth_date && (value_type == NULL || g_ascii_strcasecmp (value_type, "text") != 0))
    date = _crm_vcard_parse_date (text, _crm_vcard_property_get_param (property, "X-APPLE-OMIT-YEAR"));
  if (date != NULL)
    {
      m->have_birth_date = TRUE;
      set_field (&m->draft->birth_date, date);
    }
  else
    {
      g_autofree char *key = extra_key (m, property);

      add_extra (m, key, text);
    }
}

static const char *
gender_key (const char *word)
{
  static const struct { const char *word; const char *key; } words[] = {
    { "m", "male" }, { "male", "male" }, { "man", "male" }, { "男", "male" }, { "男性", "male" },
    { "f", "female" }, { "female", "female" }, { "woman", "female" }, { "女", "female" },
    { "女性", "female" }, { "o", "other" }, { "other", "other" }, { "non-binary", "other" },
    { "nonbinary", "other" }, { "diverse", "other" }, { "其他", "other" }, { "n", "" },
    { "u", "" }, { "none", "" }, { "unknown", "" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (word, words[i].word) == 0)
      return words[i].key;
  return NULL;
}

static void
map_gender (Mapper           *m,
            CrmVcardProperty *property)
{
  g_autofree char *value = _crm_vcard_decode_value (property);
  g_autoptr(GPtrArray) components = _crm_vcard_split_escaped (value, ';');
  g_autofree char *sex = _crm_vcard_unescape_clean (part (components, 0), strlen (part (components, 0)));
  g_autofree char *identity = NULL;
  g_autofree char *key = extra_key (m, property);
  const char *gender = gender_key (sex);

  /* GENDER:;identity (4.0) keeps the identity text; X-GENDER has one word. */
  if (g_str_equal (property->name, "GENDER") && components->len > 1)
    identity = _crm_vcard_unescape_clean (value + strlen (part (components, 0)) + 1,
                               strlen (value) - strlen (part (components, 0)) - 1);

  if (gender == NULL)
    add_extra (m, key, sex);
  else if (m->draft->gender[0] == '\0')
    set_field (&m->draft->gender, gender);
  if (identity != NULL)
    add_extra (m, key, identity);
}

static gboolean
is_language_tag (const char *text)
{
  guint run = 0;

  if (!g_ascii_isalpha (text[0]))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '-' && run > 0)
        run = 0;
      else if (g_ascii_isalnum (*p) && ++run <= 8)
        ;
      else
        return FALSE;
    }
  return run > 0;
}

static char *
format_address (GPtrArray *components)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < components->len; i++)
    {
      const char *text = g_ptr_array_index (components, i);

      if (text[0] != '\0')
        g_string_append_printf (out, "%s%s", out->len > 0 ? ", " : "", text);
    }
  return g_strdup (out->str);
}

/* ADR: pobox;extended;street;city;region;code;country.  The street field
 * takes the street, then the extended address and the post office box. */
static gboolean
map_address (Mapper   *m,
             Ranked   *ranked,
             gboolean  primary)
{
  g_autoptr(GPtrArray) raw = _crm_vcard_split_escaped (ranked->text, ';');
  g_autoptr(GPtrArray) components = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) street = g_string_new (NULL);
  static const guint street_parts[] = { 2, 1, 0 };

  gboolean empty = TRUE;

  for (guint i = 0; i < 7; i++)
    {
      g_ptr_array_add (components, _crm_vcard_unescape_clean (part (raw, i), strlen (part (raw, i))));
      empty = empty && ((char *) g_ptr_array_index (components, i))[0] == '\0';
    }
  if (empty)
    return FALSE;  /* ";;;;;;" is no address at all */

  for (guint i = 0; i < G_N_ELEMENTS (street_parts); i++)
    {
      const char *text = g_ptr_array_index (components, street_parts[i]);

      if (text[0] != '\0')
        g_string_append_printf (street, "%s%s", street->len > 0 ? "\n" : "", text);
    }

  if (primary)
    {
      set_field (&m->draft->street, street->str);
      set_field (&m->draft->city, g_ptr_array_index (components, 3));
      set_field (&m->draft->region, g_ptr_array_index (components, 4));
      set_field (&m->draft->postal_code, g_ptr_array_index (components, 5));
      set_field (&m->draft->country, g_ptr_array_index (components, 6));
    }
  else
    {
      g_autofree char *key = extra_key (m, ranked->property);
      g_autofree char *text = NULL;

      g_ptr_array_remove_range (components, 0, 3);
      g_ptr_array_insert (components, 0, g_string_free (g_steal_pointer (&street), FALSE));
      for (char *p = g_ptr_array_index (components, 0); *p != '\0'; p++)
        if (*p == '\n')
          *p = ' ';
      text = format_address (components);
      add_extra (m, key, text);
    }
  return TRUE;
}

static char *
declared_mime (const char *type)
{
  static const char * const images[] = { "jpeg", "png", "gif", "bmp", "tiff", "webp", "heic" };
  g_autofree char *lower = NULL;

  if (type == NULL)
    return NULL;
  lower = g_ascii_strdown (type, -1);
  if (g_str_equal (lower, "jpg"))
    return g_strdup ("image/jpeg");
  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    if (g_str_equal (lower, images[i]))
      return g_strconcat ("image/", lower, NULL);
  if (strchr (lower, '/') == NULL || strlen (lower) > 100)
    return NULL;
  for (const char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("/+-.", *p) == NULL)
      return NULL;
  return g_steal_pointer (&lower);
}

static gboolean
photo_too_large (Mapper           *m,
                 CrmVcardProperty *property,
                 gsize             decoded_size)
{
  if (decoded_size <= CRM_VCARD_MAX_PHOTO)
    return FALSE;
  m->reason_line = property->line;
  m->reason = g_strdup_printf (_("The photo is larger than %u MiB"),
                               CRM_VCARD_MAX_PHOTO / (1024 * 1024));
  return TRUE;
}

static GBytes *
decode_base64 (Mapper           *m,
               CrmVcardProperty *property,
               const char       *text,
               gsize             length)
{
  g_autofree char *compact = g_malloc (length + 1);
  guchar *data;
  gsize n = 0, symbols = 0, size;
  guint save = 0;
  int state = 0;

  for (gsize i = 0; i < length; i++)
    {
      if (g_ascii_isspace (text[i]))
        continue;
      compact[n++] = text[i];
      symbols += text[i] != '=';
    }

  /* Six bits a symbol; padding carries none. */
  if (photo_too_large (m, property, symbols / 4 * 3 + (symbols % 4) * 3 / 4))
    return NULL;
  if (n < 2)
    return NULL;  /* not even one byte */

  /* The step function takes a length: the value may hold NUL bytes. */
  data = g_malloc (n / 4 * 3 + 3);
  size = g_base64_decode_step (compact, n, data, &state, &save);
  return g_bytes_new_take (data, size);
}

/* data:[mediatype][;base64],payload */
static GBytes *
decode_data_uri (Mapper           *m,
                 CrmVcardProperty *property,
                 char            **mime)
{
  const char *value = property->value + 5;
  const char *comma = strchr (value, ',');
  g_autofree char *head = NULL;
  g_auto(GStrv) fields = NULL;
  gboolean base64 = FALSE;
  const char *payload;
  gsize payload_length;

  if (comma == NULL)
    return NULL;
  head = g_strndup (value, comma - value);
  fields = g_strsplit (head, ";", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (i == 0)
        *mime = declared_mime (fields[i]);
      else if (g_ascii_strcasecmp (fields[i], "base64") == 0)
        base64 = TRUE;
    }

  payload = comma + 1;
  payload_length = property->length - (payload - property->value);
  if (base64)
    return decode_base64 (m, property, payload, payload_length);
  if (photo_too_large (m, property, payload_length))
    return NULL;
  return g_uri_unescape_bytes (payload, payload_length, NULL, NULL);
}

static char *
photo_type (CrmVcardProperty *property)
{
  const char *media_type = _crm_vcard_property_get_param (property, "MEDIATYPE");

  if (media_type != NULL)
    return declared_mime (media_type);
  for (guint i = 0; i < property->params->len; i++)
    {
      CrmVcardParam *param = g_ptr_array_index (property->params, i);
      char *mime;

      if (g_str_equal (param->name, "TYPE") && (mime = declared_mime (param->value)) != NULL)
        return mime;
    }
  return NULL;
}

/* An inline photo becomes bytes; a link stays a link in extra and is never
 * fetched (Rapport works offline and does not call out on import). */
static void
map_photo (Mapper           *m,
           CrmVcardProperty *property)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *mime = NULL;
  const guint8 *data;
  const char *sniffed;
  gsize size = 0;

  if (!_crm_vcard_is_binary (property))
    {
      add_extra_property (m, property);
      return;
    }

  if (g_ascii_strncasecmp (property->value, "data:", 5) == 0)
    bytes = decode_data_uri (m, property, &mime);
  else
    {
      bytes = decode_base64 (m, property, property->value, property->length);
      mime = photo_type (property);
    }

  if (bytes == NULL || m->draft->photo != NULL)
    return;
  data = g_bytes_get_data (bytes, &size);
  if (size == 0)
    return;

  sniffed = crm_person_photo_sniff_mime (data, size);
  m->draft->photo = g_steal_pointer (&bytes);
  set_field (&m->draft->photo_mime, sniffed != NULL ? sniffed : mime != NULL ? mime : "");
}

static void
map_categories (Mapper           *m,
                CrmVcardProperty *property)
{
  g_autofree char *value = _crm_vcard_decode_value (property);
  g_autoptr(GPtrArray) tags = _crm_vcard_split_escaped (value, ',');

  for (guint i = 0; i < tags->len; i++)
    {
      const char *raw = g_ptr_array_index (tags, i);

      g_ptr_array_add (m->draft->tags, _crm_vcard_unescape_clean (raw, strlen (raw)));
    }
}

static void
map_extra_field (Mapper           *m,
                 CrmVcardProperty *property)
{
  const char *name = _crm_vcard_property_get_param (property, CRM_VCARD_EXTRA_PARAM);
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (name == NULL)
    return;
  key = _crm_vcard_clean_text (name, -1);
  value = _crm_vcard_decode_text (property);
  add_extra (m, key, value);
}

/* First of a kind goes to the field, the others to extra. */
static gboolean
take_first (Mapper           *m,
            CrmVcardProperty *property,
            gboolean         *taken)
{
  if (!*taken)
    {
      *taken = TRUE;
      return TRUE;
    }
  add_extra_property (m, property);
  return FALSE;
}

static void
map_property (Mapper           *m,
              CrmVcardProperty *property)
{
  const char *name = property->name;

  if (g_str_equal (name, "X-ABLABEL") || g_str_equal (name, "VERSION") ||
      g_str_equal (name, "PRODID") || g_str_equal (name, "BEGIN") || g_str_equal (name, "END"))
    return;

  if (g_str_equal (name, "FN"))
    {
      if (take_first (m, property, &m->have_display_name))
        take_field (&m->draft->display_name, _crm_vcard_decode_text (property));
    }
  else if (g_str_equal (name, "N"))
    {
      if (!m->have_name)
        map_name (m, property);
      else
        add_extra_property (m, property);
    }
  else if (g_str_equal (name, "ORG"))
    {
      if (!m->have_organization)
        map_organization (m, property);
      else
        add_extra_property (m, property);
    }
  else if (g_str_equal (name, "TITLE"))
    {
      if (take_first (m, property, &m->have_title))
        take_field (&m->draft->title, _crm_vcard_decode_text (property));
    }
  else if (g_str_equal (name, "EMAIL"))
    add_ranked (m->emails, property, strip_scheme (_crm_vcard_decode_text (property), "mailto:"));
  else if (g_str_equal (name, "TEL"))
    add_ranked (m->phones, property, strip_scheme (_crm_vcard_decode_text (property), "tel:"));
  else if (g_str_equal (name, "ADR"))
    add_ranked (m->addresses, property, _crm_vcard_decode_value (property));
  else if (g_str_equal (name, "URL"))
    add_ranked (m->urls, property, _crm_vcard_decode_text (property));
  else if (g_str_equal (name, "LANG"))
    add_ranked (m->languages, property, _crm_vcard_decode_text (property));
  else if (g_str_equal (name, "BDAY"))
    map_birthday (m, property);
  else if (g_str_equal (name, "GENDER") || g_str_equal (name, "X-GENDER"))
    map_gender (m, property);
  else if (g_str_equal (name, "NOTE"))
    {
      g_autofree char *text = _crm_vcard_decode_text (property);

      if (text[0] != '\0')
        g_string_append_printf (m->notes, "%s%s", m->notes->len > 0 ? "\n" : "", text);
    }
  else if (g_str_equal (name, "CATEGORIES"))
    map_categories (m, property);
  else if (g_str_equal (name, "PHOTO"))
    map_photo (m, property);
  else if (g_str_equal (name, CRM_VCARD_EXTRA_PROPERTY))
    map_extra_field (m, property);
  else
    add_extra_property (m, property);
}

/* Adds the ranked texts to @array, best first, without blanks or repeats. */
static void
add_sorted (GArray    *ranked,
            GPtrArray *array,
            gboolean   ignore_case)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *r = &g_array_index (ranked, Ranked, i);
      char *key;

      if (r->text[0] == '\0')
        continue;
      key = ignore_case ? g_utf8_casefold (r->text, -1) : g_strdup (r->text);
      if (!g_hash_table_add (seen, key))
        continue;
      g_ptr_array_add (array, g_steal_pointer (&r->text));
    }
}

static void
dedupe_tags (CrmContactDraft *draft)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < draft->tags->len; i++)
    {
      char *tag = g_ptr_array_index (draft->tags, i);

      if (tag[0] == '\0' || g_hash_table_contains (seen, tag))
        continue;
      g_hash_table_add (seen, tag);
      g_ptr_array_add (tags, g_strdup (tag));
    }
  g_ptr_array_unref (draft->tags);
  draft->tags = tags;
}

static void
finish_card (Mapper *m)
{
  g_autofree char *notes = NULL;
  gboolean have_address = FALSE;
  GHashTableIter iter;
  gpointer field, text;

  add_sorted (m->emails, m->draft->emails, TRUE);
  add_sorted (m->phones, m->draft->phones, FALSE);

  g_array_sort (m->addresses, compare_ranked);
  for (guint i = 0; i < m->addresses->len; i++)
    {
      Ranked *r = &g_array_index (m->addresses, Ranked, i);

      if (map_address (m, r, !have_address))
        have_address = TRUE;
    }

  g_array_sort (m->urls, compare_ranked);
  for (guint i = 0; i < m->urls->len; i++)
    {
      Ranked *r = &g_array_index (m->urls, Ranked, i);
      g_autofree char *key = extra_key (m, r->property);

      if (m->draft->website[0] == '\0')
        set_field (&m->draft->website, r->text);
      else
        add_extra (m, key, r->text);
    }

  g_array_sort (m->languages, compare_ranked);
  for (guint i = 0; i < m->languages->len; i++)
    {
      Ranked *r = &g_array_index (m->languages, Ranked, i);
      g_autofree char *key = extra_key (m, r->property);

      if (m->draft->language[0] == '\0' && is_language_tag (r->text))
        set_field (&m->draft->language, r->text);
      else
        add_extra (m, key, r->text);
    }

  notes = _crm_vcard_clean_text (m->notes->str, -1);
  set_field (&m->draft->notes, notes);
  dedupe_tags (m->draft);

  g_hash_table_iter_init (&iter, m->extra);
  while (g_hash_table_iter_next (&iter, &field, &text))
    {
      g_hash_table_insert (m->draft->extra, field, g_string_free (text, FALSE));
      g_hash_table_iter_steal (&iter);
    }
}

/* Apple Contacts labels a property through its group: item1.URL and
 * item1.X-ABLabel:_$!<HomePage>!$_ */
static void
collect_labels (Mapper    *m,
                GPtrArray *properties)
{
  for (guint i = 0; i < properties->len; i++)
    {
      CrmVcardProperty *property = g_ptr_array_index (properties, i);
      g_autofree char *text = NULL;

      if (property->group == NULL || !g_str_equal (property->name, "X-ABLABEL"))
        continue;
      text = _crm_vcard_decode_text (property);
      if (text[0] != '\0' && !g_hash_table_contains (m->labels, property->group))
        g_hash_table_insert (m->labels, property->group, apple_label (text));
    }
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

static GArray *
ranked_array_new (void)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (Ranked));

  g_array_set_clear_func (array, clear_ranked);
  return array;
}

CrmContactDraft *
_crm_vcard_map_card (GPtrArray  *properties,
                     guint       line,
                     guint      *reason_line,
                     char      **reason)
{
  Mapper m = { 0, };
  CrmContactDraft *draft = NULL;

  m.draft = crm_contact_draft_new ();
  m.draft->line = line;
  m.labels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  m.emails = ranked_array_new ();
  m.phones = ranked_array_new ();
  m.addresses = ranked_array_new ();
  m.urls = ranked_array_new ();
  m.languages = ranked_array_new ();
  m.notes = g_string_new (NULL);
  m.extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_string);

  collect_labels (&m, properties);
  for (guint i = 0; i < properties->len && m.reason == NULL; i++)
    map_property (&m, g_ptr_array_index (properties, i));

  if (m.reason == NULL)
    {
      finish_card (&m);
      draft = g_steal_pointer (&m.draft);
    }
  else
    {
      *reason_line = m.reason_line;
      *reason = g_steal_pointer (&m.reason);
    }

  g_clear_pointer (&m.draft, crm_contact_draft_free);
  g_hash_table_unref (m.labels);
  g_array_unref (m.emails);
  g_array_unref (m.phones);
  g_array_unref (m.addresses);
  g_array_unref (m.urls);
  g_array_unref (m.languages);
  g_string_free (m.notes, TRUE);
  g_hash_table_unref (m.extra);
  return draft;
}

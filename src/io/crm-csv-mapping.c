/* crm-csv-mapping.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmCsvMapping"

#include "config.h"

#include "crm-csv-mapping.h"
#include "crm-csv-tags.h"

#include <string.h>
#include <glib/gi18n-lib.h>

typedef enum
{
  KIND_TEXT,      /* one value, trimmed; a second column goes to extra */
  KIND_NOTES,     /* one value, not trimmed */
  KIND_EMAIL,     /* appends, " ::: " and ";" separate several */
  KIND_PHONE,     /* appends, " ::: " separates several */
  KIND_TAGS,      /* appends, see crm-csv-tags.h */
  KIND_DATE,
  KIND_GENDER,
  KIND_LANGUAGE,
} Kind;

typedef struct
{
  const char *key;
  const char *label;
  Kind        kind;
  gsize       offset;     /* of the char* in CrmContactDraft, for single values */
  const char *aliases;    /* '|'-separated header names, normalised at first use */
} FieldInfo;

#define TEXT(f) G_STRUCT_OFFSET (CrmContactDraft, f)

static const FieldInfo fields[] = {
  { "given-name", N_("Given name"), KIND_TEXT, TEXT (given_name),
    "Given Name|First Name|FirstName|First|Vorname|Prénom|Nombre|名|名字" },
  { "family-name", N_("Family name"), KIND_TEXT, TEXT (family_name),
    "Family Name|Last Name|LastName|Surname|Last|Nachname|Nom|Nom de famille|Apellidos|"
    "Apellido|姓|姓氏" },
  { "display-name", N_("Display name"), KIND_TEXT, TEXT (display_name),
    "Name|Full Name|FullName|Display Name|Contact Name|Nom complet|Nombre completo|姓名|全名|"
    "显示名称" },
  { "organization", N_("Organization"), KIND_TEXT, TEXT (organization),
    "Company|Company Name|Organization|Organisation|Organization Name|Organization 1 - Name|"
    "Account Name|Account|Account.Name|Firma|Unternehmen|Société|Entreprise|Organización|"
    "Compañía|Empresa|公司|公司名称|单位" },
  { "title", N_("Job title"), KIND_TEXT, TEXT (title),
    "Job Title|JobTitle|Title|Organization Title|Organization 1 - Title|Position|Fonction|"
    "Puesto|Cargo|职务|职位" },
  { "department", N_("Department"), KIND_TEXT, TEXT (department),
    "Department|Organization Department|Organization 1 - Department|Abteilung|Service|"
    "Departamento|部门" },
  { "email", N_("Email"), KIND_EMAIL, 0,
    "Email|E-mail|Email Address|E-mail Address|E-mail 1 - Value|Secondary Email|Work Email|"
    "Home Email|Other Email|E-Mail-Adresse|E-Mail 2: Adresse|Adresse de messagerie|"
    "Adresse e-mail|Courriel|Dirección de correo electrónico|Dirección del correo electrónico|"
    "Correo electrónico|电子邮件地址|电子邮件|电子邮箱|邮箱" },
  { "phone", N_("Phone"), KIND_PHONE, 0,
    "Phone|Phone Number|Telephone|Phone 1 - Value|Mobile|Mobile Phone|Mobile Phone Number|"
    "MobilePhone|Cell|Cell Phone|Business Phone|Home Phone|Primary Phone|Company Main Phone|"
    "Other Phone|Work Phone|HomePhone|OtherPhone|Telefon|Telefon geschäftlich|Telefon privat|"
    "Mobiltelefon|Haupttelefon|Weiteres Telefon|Téléphone|Téléphone bureau|"
    "Téléphone domicile|Tél. mobile|Téléphone mobile|Téléphone principal|Autre téléphone|"
    "Teléfono|Teléfono del trabajo|Teléfono particular|Móvil|Teléfono móvil|"
    "Teléfono principal|Otro teléfono|电话|商务电话|住宅电话|手机|移动电话|主要电话|其他电话|"
    "公司代表电话" },
  { "street", N_("Street"), KIND_TEXT, TEXT (street),
    "Street|Street Address|Address|Address 1 - Street|Business Street|Home Street|"
    "Other Street|Mailing Street|Straße|Straße geschäftlich|Straße privat|Weitere Straße|"
    "Rue|Rue (bureau)|Rue (domicile)|Calle|Calle del trabajo|Calle del domicilio|街道|地址|"
    "商务地址 街道|住宅地址 街道" },
  { "city", N_("City"), KIND_TEXT, TEXT (city),
    "City|Address 1 - City|Business City|Home City|Other City|Mailing City|Ort|Stadt|"
    "Ort geschäftlich|Ort privat|Ville|Ville (bureau)|Ville (domicile)|Ciudad|"
    "Ciudad de trabajo|Ciudad de residencia|城市|市/县|商务地址 市/县|住宅地址 市/县" },
  { "region", N_("Region"), KIND_TEXT, TEXT (region),
    "State|Region|State/Region|State/Province|Province|Address 1 - Region|Business State|"
    "Home State|Other State|Mailing State|Mailing State/Province|Bundesland|"
    "Region geschäftlich|Region privat|Dép/Région (bureau)|Dép/Région (domicile)|Provincia|"
    "Provincia o estado de trabajo|Provincia o estado de residencia|省/市/自治区|省份|省|"
    "商务地址 省/市/自治区|住宅地址 省/市/自治区" },
  { "postal-code", N_("Postal code"), KIND_TEXT, TEXT (postal_code),
    "Postal Code|Zip|ZIP Code|Zip/Postal Code|Postcode|Address 1 - Postal Code|"
    "Business Postal Code|Home Postal Code|Other Postal Code|Mailing Zip/Postal Code|"
    "Mailing Zip|Mailing Postal Code|Postleitzahl|PLZ|Postleitzahl geschäftlich|"
    "Postleitzahl privat|Code postal|Code postal (bureau)|Code postal (domicile)|"
    "Código postal|Código postal de trabajo|Código postal de residencia|邮政编码|邮编|"
    "商务地址 邮政编码|住宅地址 邮政编码" },
  { "country", N_("Country"), KIND_TEXT, TEXT (country),
    "Country|Country/Region|Address 1 - Country|Business Country/Region|Home Country/Region|"
    "Other Country/Region|Mailing Country|Land|Land/Region geschäftlich|Land/Region privat|"
    "Pays|Pays/Région (bureau)|Pays/Région (domicile)|País|País o región de trabajo|"
    "País o región de residencia|国家|国家/地区|商务地址 国家/地区|住宅地址 国家/地区" },
  { "birth-date", N_("Birth date"), KIND_DATE, TEXT (birth_date),
    "Birthday|Birthdate|Birth Date|Date of Birth|Geburtstag|Anniversaire|Date de naissance|"
    "Cumpleaños|Fecha de nacimiento|生日|出生日期" },
  { "gender", N_("Gender"), KIND_GENDER, TEXT (gender),
    "Gender|Sex|Geschlecht|Sexe|Sexo|Género|性别" },
  { "language", N_("Language"), KIND_LANGUAGE, TEXT (language),
    "Language|Preferred Language|Sprache|Langue|Idioma|语言" },
  { "website", N_("Website"), KIND_TEXT, TEXT (website),
    "Website|Web Site|Web Page|Website URL|URL|Website 1 - Value|Homepage|Webseite|Page Web|"
    "Página web|网页|网站|个人网页" },
  { "notes", N_("Notes"), KIND_NOTES, TEXT (notes),
    "Notes|Note|Description|Notizen|Remarques|Notas|备注|附注|说明" },
  { "tags", N_("Tags"), KIND_TAGS, 0,
    "Tags|Tag|Labels|Group Membership|Categories|Category|Kategorien|Catégories|Categorías|"
    "类别|标签" },
};

/* When no alias matches: a header starting with one of these, unless it
 * contains a word that makes it a type, label or flag ("Phone 1 - Type",
 * "Email Opt Out", "E-mail Display Name"). */
static const struct { const char *prefix; const char *key; } prefixes[] = {
  { "email", "email" }, { "phone", "phone" }, { "mobile", "phone" }, { "street", "street" },
  { "city", "city" }, { "zip", "postal-code" }, { "postalcode", "postal-code" },
  { "state", "region" }, { "country", "country" }, { "url", "website" },
  { "website", "website" },
};
static const char *prefix_stop_words[] = {
  "typ", "label", "opt", "display", "name", "status", "verified", "phonetic",
};

static const char * const *field_keys;
static GHashTable *aliases;     /* normalised header → key */

/* casefold, drop accents, keep letters and digits only; with @digits FALSE
 * also drop ASCII digits ("E-mail 2 Address" → "emailaddress") */
static char *
normalize_header (const char *header,
                  gboolean    digits)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);
  g_autofree char *nfd = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_sized_new (strlen (header));

  for (const char *p = nfd; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) || g_unichar_ismark (c))
        continue;
      if (!digits && c >= '0' && c <= '9')
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gpointer
init_tables (gpointer data)
{
  const char **keys = g_new0 (const char *, G_N_ELEMENTS (fields) + 1);

  aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_auto(GStrv) names = g_strsplit (fields[i].aliases, "|", -1);

      keys[i] = fields[i].key;
      for (guint j = 0; names[j] != NULL; j++)
        g_hash_table_insert (aliases, normalize_header (names[j], FALSE), (gpointer) fields[i].key);
    }
  field_keys = keys;

  return NULL;
}

static void
ensure_tables (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_tables, NULL);
}

static const FieldInfo *
find_field (const char *key)
{
  if (key == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (strcmp (fields[i].key, key) == 0)
      return &fields[i];
  return NULL;
}

const char * const *
crm_csv_field_keys (void)
{
  ensure_tables ();
  return field_keys;
}

const char *
crm_csv_field_key_get_label (const char *key)
{
  const FieldInfo *info = find_field (key);

  return info != NULL ? _(info->label) : NULL;
}

const char *
crm_csv_field_key_intern (const char *key)
{
  const FieldInfo *info = find_field (key);

  return info != NULL ? info->key : NULL;
}

static const char *
guess_by_prefix (const char *norm)
{
  for (guint i = 0; i < G_N_ELEMENTS (prefix_stop_words); i++)
    if (strstr (norm, prefix_stop_words[i]) != NULL)
      return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (norm, prefixes[i].prefix))
      return prefixes[i].key;
  return NULL;
}

const char *
crm_csv_guess_field_key (const char *header)
{
  g_autofree char *norm = NULL;
  g_autofree char *plain = NULL;
  const char *key;

  g_return_val_if_fail (header != NULL, NULL);

  ensure_tables ();
  if (!g_utf8_validate (header, -1, NULL))
    return NULL;

  norm = normalize_header (header, TRUE);
  if ((key = g_hash_table_lookup (aliases, norm)) != NULL)
    return key;
  plain = normalize_header (header, FALSE);
  if (plain[0] == '\0')
    return NULL;
  if ((key = g_hash_table_lookup (aliases, plain)) != NULL)
    return key;

  return guess_by_prefix (plain);
}

/* Outlook's "Title" is the salutation when a "Job Title" column exists. */
static void
unmap_salutation (CrmCsvMapping *mapping)
{
  int plain_title = -1;
  gboolean other_title = FALSE;

  for (guint i = 0; i < mapping->n_columns; i++)
    {
      g_autofree char *norm = NULL;

      if (g_strcmp0 (mapping->keys[i], "title") != 0)
        continue;
      norm = normalize_header (mapping->headers[i], FALSE);
      if (strcmp (norm, "title") == 0)
        plain_title = i;
      else
        other_title = TRUE;
    }

  if (plain_title >= 0 && other_title)
    mapping->keys[plain_title] = NULL;
}

/* Which address a header belongs to: 1 business, 2 home, 3 other, 10 + N
 * for "Address N - ...", 0 for none of them. */
static guint
guess_address_group (const char *header)
{
  static const char *words[][7] = {
    { "business", "work", "geschaftlich", "bureau", "trabajo", "商务", "mailing" },
    { "home", "privat", "domicile", "domicilio", "residencia", "住宅", "particular" },
    { "other", "weitere", "autre", "otra", "其他", NULL, NULL },
  };
  g_autofree char *norm = normalize_header (header, TRUE);

  for (guint g = 0; g < G_N_ELEMENTS (words); g++)
    for (guint w = 0; w < G_N_ELEMENTS (words[g]) && words[g][w] != NULL; w++)
      if (strstr (norm, words[g][w]) != NULL)
        return g + 1;

  for (const char *p = norm; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return 10 + MIN (atoi (p), 1000);

  return 0;
}

/* US and generic English exports write month first; localised ones day
 * first. */
static void
guess_day_first (CrmCsvMapping *mapping)
{
  static const char *english[] = { "birthday", "birthdate", "dateofbirth" };

  mapping->day_first = FALSE;
  for (guint i = 0; i < mapping->n_columns; i++)
    {
      g_autofree char *norm = NULL;

      if (g_strcmp0 (mapping->keys[i], "birth-date") != 0)
        continue;
      norm = normalize_header (mapping->headers[i], FALSE);
      mapping->day_first = TRUE;
      for (guint j = 0; j < G_N_ELEMENTS (english); j++)
        if (strcmp (norm, english[j]) == 0)
          mapping->day_first = FALSE;
      return;
    }
}

CrmCsvMapping *
crm_csv_mapping_new (const char * const *headers,
                     guint               n_headers)
{
  CrmCsvMapping *mapping;

  g_return_val_if_fail (headers != NULL || n_headers == 0, NULL);

  ensure_tables ();
  mapping = g_new0 (CrmCsvMapping, 1);
  mapping->n_columns = n_headers;
  mapping->headers = g_new0 (char *, n_headers + 1);
  mapping->keys = g_new0 (const char *, n_headers + 1);
  for (guint i = 0; i < n_headers; i++)
    {
      const char *header = crm_csv_strip_formula_guard (headers[i] != NULL ? headers[i] : "");

      mapping->headers[i] = g_utf8_make_valid (header, -1);
      g_strstrip (mapping->headers[i]);
      mapping->keys[i] = crm_csv_guess_field_key (mapping->headers[i]);
    }
  unmap_salutation (mapping);
  guess_day_first (mapping);
  mapping->address_groups = g_new0 (guint, n_headers + 1);
  for (guint i = 0; i < n_headers; i++)
    mapping->address_groups[i] = guess_address_group (mapping->headers[i]);

  return mapping;
}

CrmCsvMapping *
crm_csv_mapping_copy (const CrmCsvMapping *mapping)
{
  CrmCsvMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);

  copy = g_new0 (CrmCsvMapping, 1);
  copy->n_columns = mapping->n_columns;
  copy->headers = g_strdupv (mapping->headers);
  copy->keys = g_memdup2 (mapping->keys, sizeof (char *) * (mapping->n_columns + 1));
  copy->day_first = mapping->day_first;
  copy->address_groups = g_memdup2 (mapping->address_groups,
                                    sizeof (guint) * (mapping->n_columns + 1));

  return copy;
}

void
crm_csv_mapping_free (CrmCsvMapping *mapping)
{
  if (mapping == NULL)
    return;

  g_strfreev (mapping->headers);
  g_free (mapping->address_groups);
  g_free (mapping->keys);
  g_free (mapping);
}

gboolean
crm_csv_mapping_set_key (CrmCsvMapping *mapping,
                         guint          column,
                         const char    *key)
{
  const char *interned = crm_csv_field_key_intern (key);

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (column < mapping->n_columns, FALSE);

  if (key != NULL && interned == NULL)
    return FALSE;

  mapping->keys[column] = interned;
  return TRUE;
}

const char *
crm_csv_mapping_get_key (const CrmCsvMapping *mapping,
                         guint                column)
{
  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (column < mapping->n_columns, NULL);

  return mapping->keys[column];
}

guint
crm_csv_mapping_count_mapped (const CrmCsvMapping *mapping)
{
  guint n = 0;

  g_return_val_if_fail (mapping != NULL, 0);

  for (guint i = 0; i < mapping->n_columns; i++)
    n += mapping->keys[i] != NULL;
  return n;
}

const char *
crm_csv_strip_formula_guard (const char *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  if (value[0] == '\'')
    {
      gsize quotes = strspn (value, "'");

      if (value[quotes] != '\0' && strchr ("=+-@\t\r", value[quotes]) != NULL)
        return value + 1;
    }
  return value;
}

/* Applying a mapping */

static const FieldInfo *
lookup_field (const char *key)
{
  if (key == NULL)
    return NULL;
  /* keys set through the API are the table's own pointers */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].key == key)
      return &fields[i];
  return find_field (key);
}

static void
add_extra (CrmContactDraft     *draft,
           const CrmCsvMapping *mapping,
           guint                column,
           const char          *value)
{
  const char *header = mapping->headers[column];
  char *key;

  if (header[0] == '\0')
    key = g_strdup_printf ("Column %u", column + 1);
  else if (g_hash_table_contains (draft->extra, header))
    key = g_strdup_printf ("%s (%u)", header, column + 1);
  else
    key = g_strdup (header);

  g_hash_table_replace (draft->extra, key, g_strdup (value));
}

static gboolean
array_contains (GPtrArray  *array,
                const char *value,
                gsize       len)
{
  for (guint i = 0; i < array->len; i++)
    {
      const char *item = g_ptr_array_index (array, i);

      if (g_ascii_strncasecmp (item, value, len) == 0 && item[len] == '\0')
        return TRUE;
    }
  return FALSE;
}

/* @value[0..len) without surrounding ASCII white space */
static const char *
trim_span (const char *value,
           gsize      *len)
{
  gsize n = *len;

  while (n > 0 && g_ascii_isspace (*value))
    value++, n--;
  while (n > 0 && g_ascii_isspace (value[n - 1]))
    n--;
  *len = n;
  return value;
}

static void
append_piece (GPtrArray  *array,
              const char *piece,
              gsize       len)
{
  piece = trim_span (piece, &len);
  if (len > 0 && !array_contains (array, piece, len))
    g_ptr_array_add (array, g_strndup (piece, len));
}

/* Splits on ":::" (Google) and on any of @seps; appends the trimmed,
 * non-empty, new pieces. */
static void
append_split (GPtrArray  *array,
              const char *value,
              const char *seps)
{
  const char *start = value;
  const char *p = value;

  for (;;)
    {
      gboolean at_sep = *p != '\0' && seps != NULL && strchr (seps, *p) != NULL;

      if (*p != '\0' && !at_sep && strncmp (p, ":::", 3) != 0)
        {
          p++;
          continue;
        }
      append_piece (array, start, p - start);
      if (*p == '\0')
        return;
      p += at_sep ? 1 : 3;
      start = p;
    }
}

/* ISO 8601, Y/M/D with - / or ., D.M.Y, and A/B/Y: day first when A is over
 * 12 or the mapping says so, else month first; YYYYMMDD.  "" for Outlook's empty "0/0/00"; NULL when it is
 * not a date. */
static char *
parse_date (const char *text,
            gboolean    day_first)
{
  guint num[3] = { 0, 0, 0 };
  guint len[3] = { 0, 0, 0 };
  char sep[2] = { 0, 0 };
  const char *p = text;
  guint y, m, d;

  /* Chinese spreadsheets: 1985年4月12日 */
  if (strstr (text, "年") != NULL)
    {
      g_autoptr(GString) plain = g_string_new (text);

      g_string_replace (plain, "年", "-", 1);
      g_string_replace (plain, "月", "-", 1);
      g_string_replace (plain, "日", "", 1);
      if (strstr (plain->str, "年") != NULL)
        return NULL;
      return parse_date (plain->str, day_first);
    }

  if (strlen (text) == 8 && strspn (text, "0123456789") == 8)
    {
      y = atoi (text) / 10000;
      m = atoi (text) / 100 % 100;
      d = atoi (text) % 100;
      goto check;
    }

  for (guint k = 0; k < 3; k++)
    {
      if (!g_ascii_isdigit (*p))
        return NULL;
      while (g_ascii_isdigit (*p))
        {
          if (len[k]++ >= 4)
            return NULL;
          num[k] = num[k] * 10 + (*p++ - '0');
        }
      if (k < 2)
        {
          if (*p != '-' && *p != '/' && *p != '.')
            return NULL;
          sep[k] = *p++;
        }
    }
  if ((*p != '\0' && *p != 'T' && *p != ' ') || sep[0] != sep[1])
    return NULL;
  if (num[0] == 0 && num[1] == 0 && num[2] == 0)
    return g_strdup ("");

  if (len[0] == 4)
    y = num[0], m = num[1], d = num[2];
  else if (len[2] == 4 && (sep[0] == '.' || num[0] > 12 || (day_first && num[1] <= 12)))
    y = num[2], m = num[1], d = num[0];
  else if (len[2] == 4)
    y = num[2], m = num[0], d = num[1];
  else
    return NULL;

check:
  if (y == 0 || y > 9999 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", y, m, d);
}

/* "female", "male", "other", "" for "unspecified", NULL when unknown */
static const char *
parse_gender (const char *text)
{
  static const char *female[] = { "female", "f", "woman", "w", "weiblich", "femme", "feminin",
                                  "mujer", "femenino", "女", "女性" };
  static const char *male[] = { "male", "m", "man", "mannlich", "homme", "masculin", "hombre",
                                "masculino", "男", "男性" };
  static const char *other[] = { "other", "divers", "d", "x", "nonbinary", "autre", "otro",
                                 "其他" };
  static const char *none[] = { "unspecified", "unknown", "nichtangegeben", "nonspecifie",
                                "sinespecificar", "未指定", "未知" };
  g_autofree char *norm = normalize_header (text, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (female); i++)
    if (strcmp (norm, female[i]) == 0)
      return "female";
  for (guint i = 0; i < G_N_ELEMENTS (male); i++)
    if (strcmp (norm, male[i]) == 0)
      return "male";
  for (guint i = 0; i < G_N_ELEMENTS (other); i++)
    if (strcmp (norm, other[i]) == 0)
      return "other";
  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    if (strcmp (norm, none[i]) == 0)
      return "";
  return NULL;
}

/* A BCP 47 tag ("zh-CN", "de"; "en_US" becomes "en-US"), or NULL. */
static char *
parse_language (const char *text)
{
  gsize n = strlen (text);
  gsize primary = strcspn (text, "-_");
  char *tag;

  if (n > 35 || primary < 2 || primary > 3 || strspn (text, "abcdefghijklmnopqrstuvwxyz"
                                                      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n)
    return NULL;
  for (gsize i = 0; i < primary; i++)
    if (!g_ascii_isalpha (text[i]))
      return NULL;

  tag = g_strdup (text);
  g_strdelimit (tag, "_", '-');
  return tag;
}

static void
set_text (char **slot,
          char  *value)
{
  g_free (*slot);
  *slot = value;
}

/* Returns FALSE when the value did not fit its field and belongs in extra. */
static gboolean
apply_value (CrmContactDraft     *draft,
             const CrmCsvMapping *mapping,
             const FieldInfo     *info,
             const char          *value)
{
  char **slot = info->offset != 0 ? G_STRUCT_MEMBER_P (draft, info->offset) : NULL;
  gsize len = strlen (value);
  const char *trimmed;
  g_autofree char *copy = NULL;
  g_autofree char *parsed = NULL;
  const char *gender;

  if (slot != NULL && (*slot)[0] != '\0')
    return FALSE;

  switch (info->kind)
    {
    case KIND_TEXT:
      trimmed = trim_span (value, &len);
      if (len > 0)
        set_text (slot, g_strndup (trimmed, len));
      return TRUE;
    case KIND_NOTES:
      set_text (slot, g_strdup (value));
      return TRUE;
    case KIND_EMAIL:
      append_split (draft->emails, value, ";");
      return TRUE;
    case KIND_PHONE:
      append_split (draft->phones, value, NULL);
      return TRUE;
    case KIND_TAGS:
      crm_csv_tags_split (value, draft->tags);
      return TRUE;
    default:
      break;
    }

  trimmed = trim_span (value, &len);
  copy = g_strndup (trimmed, len);
  switch (info->kind)
    {
    case KIND_DATE:
      if ((parsed = parse_date (copy, mapping->day_first)) == NULL)
        return FALSE;
      set_text (slot, g_steal_pointer (&parsed));
      return TRUE;
    case KIND_GENDER:
      if ((gender = parse_gender (copy)) == NULL)
        return FALSE;
      set_text (slot, g_strdup (gender));
      return TRUE;
    case KIND_LANGUAGE:
      if ((parsed = parse_language (copy)) == NULL)
        return FALSE;
      set_text (slot, g_steal_pointer (&parsed));
      return TRUE;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
is_address (const FieldInfo *info)
{
  return info != NULL && info->kind == KIND_TEXT
         && info->offset >= TEXT (street) && info->offset <= TEXT (country);
}

/* The group of the first address column with a value, or G_MAXUINT. */
static guint
pick_address_group (const CrmCsvMapping *mapping,
                    const char * const  *row,
                    guint                n_fields)
{
  if (mapping->address_groups == NULL)
    return G_MAXUINT;

  for (guint i = 0; i < mapping->n_columns && i < n_fields; i++)
    {
      const char *p = row[i];

      if (p == NULL || !is_address (lookup_field (mapping->keys[i])))
        continue;
      while (g_ascii_isspace (*p))
        p++;
      if (*p != '\0')
        return mapping->address_groups[i];
    }

  return G_MAXUINT;
}

CrmContactDraft *
crm_csv_mapping_apply (const CrmCsvMapping *mapping,
                       const char * const  *row,
                       guint                n_fields,
                       guint                line)
{
  CrmContactDraft *draft;
  guint address_group;

  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (row != NULL || n_fields == 0, NULL);

  draft = crm_contact_draft_new ();
  draft->line = line;
  address_group = pick_address_group (mapping, row, n_fields);

  for (guint i = 0; i < mapping->n_columns && i < n_fields; i++)
    {
      const FieldInfo *info;
      const char *value;

      if (row[i] == NULL || row[i][0] == '\0')
        continue;
      value = crm_csv_strip_formula_guard (row[i]);
      info = lookup_field (mapping->keys[i]);
      if (is_address (info) && mapping->address_groups[i] != address_group)
        info = NULL;
      if (info == NULL || !apply_value (draft, mapping, info, value))
        add_extra (draft, mapping, i, value);
    }

  return draft;
}

/* Export in Rapport's own columns */

static const char *export_before[] = {
  "Given Name", "Family Name", "Display Name", "Organization", "Job Title", "Department",
};
static const char *export_after[] = {
  "Street", "City", "Region", "Postal Code", "Country", "Birth Date", "Gender", "Language",
  "Website", "Notes", "Tags",
};

static void
add_numbered (GPtrArray  *columns,
              const char *name,
              guint       n)
{
  g_ptr_array_add (columns, g_strdup (name));
  for (guint i = 2; i <= n; i++)
    g_ptr_array_add (columns, g_strdup_printf ("%s %u", name, i));
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
crm_csv_export_header (CrmContactDraft * const *drafts,
                       guint                    n_drafts)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) extra = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gpointer *extra_keys = NULL;
  guint n_extra = 0;
  guint n_emails = 1;
  guint n_phones = 1;

  g_return_val_if_fail (drafts != NULL || n_drafts == 0, NULL);

  for (guint i = 0; i < n_drafts; i++)
    {
      GHashTableIter iter;
      gpointer key;

      n_emails = MAX (n_emails, drafts[i]->emails->len);
      n_phones = MAX (n_phones, drafts[i]->phones->len);
      g_hash_table_iter_init (&iter, drafts[i]->extra);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (extra, key);
    }

  for (guint i = 0; i < G_N_ELEMENTS (export_before); i++)
    g_ptr_array_add (columns, g_strdup (export_before[i]));
  add_numbered (columns, "Email", n_emails);
  add_numbered (columns, "Phone", n_phones);
  for (guint i = 0; i < G_N_ELEMENTS (export_after); i++)
    g_ptr_array_add (columns, g_strdup (export_after[i]));

  extra_keys = g_hash_table_get_keys_as_array (extra, &n_extra);
  qsort (extra_keys, n_extra, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_extra; i++)
    g_ptr_array_add (columns, g_strdup (extra_keys[i]));
  g_ptr_array_add (columns, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&columns), FALSE);
}

GStrv
crm_csv_export_row (const CrmCsvMapping   *mapping,
                    const CrmContactDraft *draft)
{
  char **cells;
  guint n_emails = 0;
  guint n_phones = 0;

  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  cells = g_new0 (char *, mapping->n_columns + 1);
  for (guint i = 0; i < mapping->n_columns; i++)
    {
      const FieldInfo *info = lookup_field (mapping->keys[i]);
      const char *value = NULL;

      if (info == NULL)
        value = g_hash_table_lookup (draft->extra, mapping->headers[i]);
      else if (info->kind == KIND_EMAIL)
        value = n_emails < draft->emails->len ? draft->emails->pdata[n_emails++] : NULL;
      else if (info->kind == KIND_PHONE)
        value = n_phones < draft->phones->len ? draft->phones->pdata[n_phones++] : NULL;
      else if (info->kind == KIND_TAGS)
        {
          cells[i] = crm_csv_tags_join (draft->tags);
          continue;
        }
      else
        value = G_STRUCT_MEMBER (char *, draft, info->offset);

      cells[i] = g_strdup (value != NULL ? value : "");
    }

  return cells;
}

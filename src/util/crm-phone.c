/* crm-phone.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phone numbers to E.164.
 *
 * libphonenumber was considered: it is the reference, but it is C++ (with a
 * protobuf and ICU dependency), it is not in the GNOME runtime, and its full
 * per-range metadata is far more than a CRM needs to store a number once in a
 * canonical form and find duplicates.  What that needs is, per country: the
 * country code, the trunk prefix dialled before national numbers, the
 * international call prefixes, and the lengths a national significant number
 * can have (plus a few shape rules, e.g. NANP area codes or Chinese mobile
 * numbers).  A table of those is small, readable and easy to extend; numbers
 * of countries that are not in it are still accepted in international form
 * ("+" or "00"), checked only against E.164's length limit.
 */

#define G_LOG_DOMAIN "CrmPhone"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-phone.h"

#define E164_MAX_DIGITS 15
#define E164_MIN_DIGITS 8

typedef gboolean (*ShapeFunc) (const char *nsn,
                               gsize       len);

typedef struct
{
  const char *region;        /* ISO 3166-1 alpha-2 */
  const char *country_code;
  const char *trunk;         /* dialled before national numbers; "" for none */
  const char *intl[3];       /* international call prefixes, longest first */
  guint8      min_len;       /* national significant number lengths */
  guint8      max_len;
  ShapeFunc   shape;         /* extra rule, or NULL */
} PhonePlan;

/* NANP: NXX NXX XXXX, N = 2..9. */
static gboolean
shape_nanp (const char *nsn,
            gsize       len)
{
  return nsn[0] >= '2' && nsn[3] >= '2';
}

/* China: mobiles are 1[3-9] and 11 digits; Beijing landlines are 10 + 8
 * digits; other landlines are a 2 or 3 digit area code (not starting with 0
 * or 1) and 7 or 8 digits. */
static gboolean
shape_cn (const char *nsn,
          gsize       len)
{
  if (nsn[0] == '1')
    return (len == 11 && nsn[1] >= '3') || (len == 10 && nsn[1] == '0');
  return len >= 9 && len <= 11;
}

/* Hong Kong, Macau and Singapore numbers never start with 0 or 1. */
static gboolean
shape_no_leading_01 (const char *nsn,
                     gsize       len)
{
  return nsn[0] >= '2';
}

/* Numbers in countries with a trunk 0 never start with 0 themselves. */
static gboolean
shape_no_leading_0 (const char *nsn,
                    gsize       len)
{
  return nsn[0] != '0';
}

/* Sorted by region.  Country codes are prefix-free (ITU-T E.164), so the
 * first plan whose code starts a number is the only one. */
static const PhonePlan plans[] = {
  { "AU", "61",  "0", { "0011", NULL },         9,  9, shape_no_leading_0 },
  { "BR", "55",  "0", { "00", NULL },          10, 11, shape_no_leading_0 },
  { "CA", "1",   "1", { "011", NULL },         10, 10, shape_nanp },
  { "CH", "41",  "0", { "00", NULL },           9,  9, shape_no_leading_0 },
  { "CN", "86",  "0", { "00", NULL },           9, 11, shape_cn },
  { "DE", "49",  "0", { "00", NULL },           6, 13, shape_no_leading_0 },
  { "ES", "34",  "",  { "00", NULL },           9,  9, NULL },
  { "FR", "33",  "0", { "00", NULL },           9,  9, shape_no_leading_0 },
  { "GB", "44",  "0", { "00", NULL },           9, 10, shape_no_leading_0 },
  { "HK", "852", "",  { "001", "00", NULL },    8,  8, shape_no_leading_01 },
  { "IN", "91",  "0", { "00", NULL },          10, 10, shape_no_leading_0 },
  { "IT", "39",  "",  { "00", NULL },           6, 11, NULL },
  { "JP", "81",  "0", { "010", NULL },          9, 10, shape_no_leading_0 },
  { "KR", "82",  "0", { "001", "002", "00" },   8, 10, shape_no_leading_0 },
  { "MO", "853", "",  { "00", NULL },           8,  8, shape_no_leading_01 },
  { "MY", "60",  "0", { "00", NULL },           8, 10, shape_no_leading_0 },
  { "NL", "31",  "0", { "00", NULL },           9,  9, shape_no_leading_0 },
  { "NZ", "64",  "0", { "00", NULL },           8, 10, shape_no_leading_0 },
  { "SG", "65",  "",  { "001", "000", NULL },   8,  8, shape_no_leading_01 },
  { "TW", "886", "0", { "002", "00", NULL },    8,  9, shape_no_leading_0 },
  { "US", "1",   "1", { "011", NULL },         10, 10, shape_nanp },
};

G_DEFINE_QUARK (crm-phone-error-quark, crm_phone_error)

static const PhonePlan *
find_plan_by_region (const char *region)
{
  if (region == NULL || strlen (region) != 2)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    if (g_ascii_strcasecmp (plans[i].region, region) == 0)
      return &plans[i];
  return NULL;
}

/* The plan whose country code starts @digits.  "1" is shared by the NANP
 * countries; they have the same rules, so the first (CA) does. */
static const PhonePlan *
find_plan_by_code (const char *digits)
{
  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    if (g_str_has_prefix (digits, plans[i].country_code))
      return &plans[i];
  return NULL;
}

/* Splits an extension off @text: "ext", "ext.", "extension", "x", "#",
 * ";ext=" (RFC 3966) and the Chinese 转 / 分机.  Returns the position where
 * the extension marker starts (or the end), and its digits in @ext. */
static const char *
split_extension (const char *text,
                 GString    *ext)
{
  static const char *markers[] = { ";ext=", "extension", "ext.", "ext", "x", "#", "转", "分机" };
  const char *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    {
      const char *hit = strstr (text, markers[i]);

      /* The marker must follow at least one digit. */
      if (hit != NULL && hit != text && (best == NULL || hit < best))
        {
          best = hit;
          best_len = strlen (markers[i]);
        }
    }

  if (best == NULL)
    return text + strlen (text);

  for (const char *p = best + best_len; *p != '\0'; p = g_utf8_next_char (p))
    {
      int v = g_unichar_digit_value (g_utf8_get_char (p));

      if (v >= 0)
        g_string_append_c (ext, '0' + v);
    }
  return best;
}

/* Collects the digits of [start, end), accepting the usual punctuation and
 * full-width forms.  Sets @plus when the number starts with "+". */
static gboolean
collect_digits (const char  *start,
                const char  *end,
                GString     *digits,
                gboolean    *plus,
                GError     **error)
{
  *plus = FALSE;
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int v = g_unichar_digit_value (c);

      if (v >= 0)
        g_string_append_c (digits, '0' + v);
      else if ((c == '+' || c == 0xFF0B) && digits->len == 0 && !*plus)
        *plus = TRUE;
      else if (g_unichar_isspace (c) || (c < 0x80 && c != 0 && strchr ("-.()/[]", (int) c) != NULL)
               || c == 0xFF0D || c == 0x2010
               || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0xFF08 || c == 0xFF09)
        continue;
      else
        {
          g_set_error (error, CRM_PHONE_ERROR, CRM_PHONE_ERROR_INVALID_CHARACTER,
                       /* TRANSLATORS: %s is the offending text, e.g. "1-800-FLOWERS" */
                       _("“%s” contains characters that are not part of a phone number."), start);
          return FALSE;
        }
    }
  return TRUE;
}

/* Checks a national significant number against its country's plan. */
static gboolean
check_national (const PhonePlan  *plan,
                const char       *nsn,
                GError          **error)
{
  gsize len = strlen (nsn);

  if (len < plan->min_len)
    {
      g_set_error (error, CRM_PHONE_ERROR, CRM_PHONE_ERROR_TOO_SHORT,
                   /* TRANSLATORS: %s is a region code such as "CN" */
                   _("The number is too short for a phone number in %s."), plan->region);
      return FALSE;
    }
  if (len > plan->max_len || len + strlen (plan->country_code) > E164_MAX_DIGITS)
    {
      g_set_error (error, CRM_PHONE_ERROR, CRM_PHONE_ERROR_TOO_LONG,
                   /* TRANSLATORS: %s is a region code such as "CN" */
                   _("The number is too long for a phone number in %s."), plan->region);
      return FALSE;
    }
  if (plan->shape != NULL && !plan->shape (nsn, len))
    {
      g_set_error (error, CRM_PHONE_ERROR, CRM_PHONE_ERROR_INVALID,
                   /* TRANSLATORS: %s is a region code such as "CN" */
                   _("The digits are not a valid phone number in %s."), plan->region);
      return FALSE;
    }
  return TRUE;
}

/* @digits follow an international prefix: country code and number. */
static char *
normalize_international (const char  *digits,
                         GError     **error)
{
  const PhonePlan *plan = find_plan_by_code (digits);
  gsize len = strlen (digits);
  const char *nsn;

  if (plan == NULL)
    {
      /* A country outside the table: E.164's own limits only. */
      if (len < E164_MIN_DIGITS || digits[0] == '0')
        {
          g_set_error_literal (error, CRM_PHONE_ERROR, CRM_PHONE_ERROR_TOO_SHORT,
                               _("The international number is too short."));
          return NULL;
        }
      if (len > E164_MAX_DIGITS)
        {
          g_set_error_literal (error, CRM_PHONE_ERROR, CRM_PHONE_ERROR_TOO_LONG,
                               _("The international number is longer than 15 digits."));
          return NULL;
        }
      return g_strconcat ("+", digits, NULL);
    }

  nsn = digits + strlen (plan->country_code);
  /* "+44 (0)20 …": a trunk 0 written after the country code is dropped. */
  if (plan->trunk[0] == '0' && nsn[0] == '0')
    nsn++;
  if (!check_national (plan, nsn, error))
    return NULL;
  return g_strconcat ("+", plan->country_code, nsn, NULL);
}

static char *
normalize_digits (const char  *digits,
                  gboolean     plus,
                  const char  *default_region,
                  GError     **error)
{
  const PhonePlan *plan;
  const char *nsn = digits;

  if (plus)
    return normalize_international (digits, error);

  plan = find_plan_by_region (default_region);
  if (plan != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (plan->intl) && plan->intl[i] != NULL; i++)
        if (g_str_has_prefix (digits, plan->intl[i]))
          return normalize_international (digits + strlen (plan->intl[i]), error);
    }
  /* "00" is the international prefix almost everywhere, and no national
   * number in the table starts with it. */
  if (g_str_has_prefix (digits, "00"))
    return normalize_international (digits + 2, error);

  if (default_region == NULL || default_region[0] == '\0')
    {
      g_set_error_literal (error, CRM_PHONE_ERROR, CRM_PHONE_ERROR_NO_REGION,
                           _("The number has no country code and no region is known; write it with “+” and the country code."));
      return NULL;
    }
  if (plan == NULL)
    {
      g_set_error (error, CRM_PHONE_ERROR, CRM_PHONE_ERROR_UNKNOWN_REGION,
                   /* TRANSLATORS: %s is a region code such as "CN" */
                   _("Phone numbers of the region “%s” are not known; write the number with “+” and the country code."),
                   default_region);
      return NULL;
    }

  /* The trunk prefix, when the number is longer than a bare national
   * number (a NANP "1" can only be a trunk prefix; a Chinese mobile starts
   * with 1 and has no trunk prefix). */
  if (plan->trunk[0] != '\0' && g_str_has_prefix (nsn, plan->trunk)
      && (plan->trunk[0] == '0' || strlen (nsn) > plan->max_len))
    nsn += strlen (plan->trunk);

  if (!check_national (plan, nsn, error))
    return NULL;
  return g_strconcat ("+", plan->country_code, nsn, NULL);
}

char *
crm_phone_normalize (const char  *text,
                     const char  *default_region,
                     char       **extension,
                     GError     **error)
{
  g_autoptr(GString) ext = g_string_new (NULL);
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *lower = NULL;
  const char *start, *end;
  gboolean plus;
  char *e164;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (extension != NULL)
    *extension = NULL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    text = "";

  lower = g_strstrip (g_utf8_strdown (text, -1));
  start = lower;
  if (g_str_has_prefix (start, "tel:"))
    start += strlen ("tel:");
  end = split_extension (start, ext);
  /* RFC 3966 parameters other than ext (";phone-context=…") are dropped. */
  if (strchr (start, ';') != NULL && strchr (start, ';') < end)
    end = strchr (start, ';');

  if (!collect_digits (start, end, digits, &plus, error))
    return NULL;
  if (digits->len == 0)
    {
      g_set_error_literal (error, CRM_PHONE_ERROR, CRM_PHONE_ERROR_EMPTY,
                           _("There is no phone number."));
      return NULL;
    }

  e164 = normalize_digits (digits->str, plus, default_region, error);
  if (e164 != NULL && extension != NULL && ext->len > 0)
    *extension = g_string_free (g_steal_pointer (&ext), FALSE);
  return e164;
}

gboolean
crm_phone_is_e164 (const char *text)
{
  gsize n = 0;

  if (text == NULL || text[0] != '+' || text[1] < '1' || text[1] > '9')
    return FALSE;
  for (const char *p = text + 1; *p != '\0'; p++, n++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return n >= E164_MIN_DIGITS && n <= E164_MAX_DIGITS;
}

const char *
crm_phone_get_region (const char *e164)
{
  const PhonePlan *plan;

  if (e164 == NULL || e164[0] != '+')
    return NULL;
  plan = find_plan_by_code (e164 + 1);
  if (plan == NULL)
    return NULL;
  /* "+1": the United States stand for the whole NANP. */
  if (g_str_equal (plan->country_code, "1"))
    return "US";
  return plan->region;
}

gboolean
crm_phone_region_is_known (const char *region)
{
  return find_plan_by_region (region) != NULL;
}

char *
crm_phone_region_from_locale (const char *locale)
{
  const char *underscore;

  if (locale == NULL)
    return NULL;
  underscore = strchr (locale, '_');
  if (underscore == NULL || !g_ascii_isalpha (underscore[1]) || !g_ascii_isalpha (underscore[2])
      || g_ascii_isalpha (underscore[3]))
    return NULL;
  return g_ascii_strup (underscore + 1, 2);
}

char *
crm_phone_dup_default_region (void)
{
  static const char *vars[] = { "LC_ALL", "LC_TELEPHONE", "LC_ADDRESS", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      char *region = crm_phone_region_from_locale (g_getenv (vars[i]));

      if (region != NULL)
        return region;
    }
  return NULL;
}

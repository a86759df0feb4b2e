/* crm-format.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmFormat"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "crm-format.h"

#include <unicode/uloc.h>
#include <unicode/ustring.h>

/* Rapport ships English and Chinese, so two sets of conventions cover every
 * UI language; others use the English ones.  The conventions follow CLDR (the
 * source of ICU and of every GNOME locale): grouping by three with ",", "." as
 * the decimal mark, and the currency symbol before the number. */
typedef enum
{
  CONVENTIONS_EN,
  CONVENTIONS_ZH,
} Conventions;

typedef struct
{
  const char *code;
  guint       digits;
  const char *symbol_en;
  const char *symbol_zh;
} CurrencyInfo;

static const CurrencyInfo currencies[] = {
  { "AUD", 2, "A$", "AU$" },
  { "BHD", 3, "BHD", "BHD" },
  { "CAD", 2, "CA$", "CA$" },
  { "CHF", 2, "CHF", "CHF" },
  { "CNY", 2, "CN¥", "¥" },
  { "EUR", 2, "€", "€" },
  { "GBP", 2, "£", "£" },
  { "HKD", 2, "HK$", "HK$" },
  { "IDR", 2, "IDR", "IDR" },
  { "INR", 2, "₹", "₹" },
  { "JOD", 3, "JOD", "JOD" },
  { "JPY", 0, "¥", "JP¥" },
  { "KRW", 0, "₩", "￦" },
  { "KWD", 3, "KWD", "KWD" },
  { "OMR", 3, "OMR", "OMR" },
  { "SGD", 2, "SGD", "SGD" },
  { "TWD", 2, "NT$", "NT$" },
  { "USD", 2, "$", "US$" },
  { "VND", 0, "₫", "₫" },
};

static const char *month_abbrev_en[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun",
  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static char *override_locale;

static Conventions
get_conventions (void)
{
  const char *locale = override_locale;

  if (locale == NULL)
    locale = g_get_language_names ()[0];

  if (locale != NULL && g_str_has_prefix (locale, "zh"))
    return CONVENTIONS_ZH;

  return CONVENTIONS_EN;
}

static const CurrencyInfo *
find_currency (const char *currency)
{
  if (currency == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (currencies[i].code, currency) == 0)
      return &currencies[i];

  return NULL;
}

/* Appends @value with thousands separators. */
static void
append_grouped (GString *str,
                guint64  value)
{
  char digits[32];
  gsize len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, value);
  len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, digits[i]);
    }
}

static gboolean
symbol_is_alphabetic (const char *symbol)
{
  gunichar last = g_utf8_get_char (g_utf8_prev_char (symbol + strlen (symbol)));

  return g_unichar_isalpha (last) && last < 0x2000;
}

static char *
format_money (gint64      amount,
              const char *currency,
              gboolean    whole_units)
{
  const char *symbol = crm_format_currency_symbol (currency);
  guint digits = crm_format_currency_digits (currency);
  guint64 divisor = 1;
  guint64 magnitude;
  guint64 units;
  guint64 minor;
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < digits; i++)
    divisor *= 10;

  /* Negate in unsigned arithmetic so G_MININT64 does not overflow. */
  magnitude = amount < 0 ? (guint64) 0 - (guint64) amount : (guint64) amount;

  if (whole_units && digits > 0)
    {
      /* Round half away from zero. */
      units = magnitude / divisor + (magnitude % divisor >= divisor / 2 ? 1 : 0);
      minor = 0;
      digits = 0;
    }
  else
    {
      units = magnitude / divisor;
      minor = magnitude % divisor;
    }

  if (amount < 0)
    g_string_append (str, "-");

  g_string_append (str, symbol);
  if (symbol_is_alphabetic (symbol))
    g_string_append (str, "\u00a0");

  append_grouped (str, units);

  if (digits > 0)
    g_string_append_printf (str, ".%0*" G_GUINT64_FORMAT, (int) digits, minor);

  return g_string_free (str, FALSE);
}

static GDateTime *
local_from_unix (gint64 unix_seconds)
{
  GDateTime *dt = g_date_time_new_from_unix_local (unix_seconds);

  if (dt == NULL)
    dt = g_date_time_new_from_unix_local (0);

  return dt;
}

static char *
format_ymd (int year,
            int month,
            int day)
{
  g_assert (month >= 1 && month <= 12);

  if (get_conventions () == CONVENTIONS_ZH)
    return g_strdup_printf ("%d年%d月%d日", year, month, day);

  return g_strdup_printf ("%s %d, %d", month_abbrev_en[month - 1], day, year);
}

void
crm_format_set_locale (const char *locale)
{
  g_free (override_locale);
  override_locale = g_strdup (locale);
}

gboolean
crm_format_locale_is_chinese (void)
{
  return get_conventions () == CONVENTIONS_ZH;
}

guint
crm_format_currency_digits (const char *currency)
{
  const CurrencyInfo *info = find_currency (currency);

  return info != NULL ? info->digits : 2;
}

const char *
crm_format_currency_symbol (const char *currency)
{
  const CurrencyInfo *info = find_currency (currency);

  if (info == NULL)
    return currency != NULL && *currency != '\0' ? currency : "¤";

  return get_conventions () == CONVENTIONS_ZH ? info->symbol_zh : info->symbol_en;
}

char *
crm_format_money (gint64      amount,
                  const char *currency)
{
  return format_money (amount, currency, FALSE);
}

char *
crm_format_money_short (gint64      amount,
                        const char *currency)
{
  return format_money (amount, currency, TRUE);
}

char *
crm_format_count (gint64 count)
{
  GString *str = g_string_new (NULL);
  guint64 magnitude = count < 0 ? (guint64) 0 - (guint64) count : (guint64) count;

  if (count < 0)
    g_string_append_c (str, '-');
  append_grouped (str, magnitude);

  return g_string_free (str, FALSE);
}

char *
crm_format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = local_from_unix (unix_seconds);

  return format_ymd (g_date_time_get_year (dt),
                     g_date_time_get_month (dt),
                     g_date_time_get_day_of_month (dt));
}

char *
crm_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = local_from_unix (unix_seconds);
  int hour = g_date_time_get_hour (dt);
  int minute = g_date_time_get_minute (dt);

  if (get_conventions () == CONVENTIONS_ZH)
    return g_strdup_printf ("%02d:%02d", hour, minute);

  return g_strdup_printf ("%d:%02d\u202f%s",
                          hour % 12 == 0 ? 12 : hour % 12,
                          minute,
                          hour < 12 ? "AM" : "PM");
}

char *
crm_format_date_time (gint64 unix_seconds)
{
  g_autofree char *date = crm_format_date (unix_seconds);
  g_autofree char *time = crm_format_time (unix_seconds);

  if (get_conventions () == CONVENTIONS_ZH)
    return g_strdup_printf ("%s %s", date, time);

  return g_strdup_printf ("%s, %s", date, time);
}

char *
crm_format_iso_date (const char *iso_date)
{
  int year, month, day;
  char tail;

  if (iso_date == NULL ||
      sscanf (iso_date, "%4d-%2d-%2d%c", &year, &month, &day, &tail) < 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;

  return format_ymd (year, month, day);
}

static char *
format_relative_days (gint64 days)
{
  if (days == 1)
    return g_strdup (_("yesterday"));
  if (days == -1)
    return g_strdup (_("tomorrow"));
  if (days > 0)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), (int) days);

  return g_strdup_printf (ngettext ("in %d day", "in %d days", -days), (int) -days);
}

char *
crm_format_relative (gint64 unix_seconds,
                     gint64 now)
{
  gint64 delta = now - unix_seconds;
  gint64 magnitude = ABS (delta);
  g_autoptr(GDateTime) then_dt = NULL;
  g_autoptr(GDateTime) now_dt = NULL;
  gint64 days;

  if (magnitude < 60)
    return g_strdup (_("just now"));

  if (magnitude < 3600)
    {
      int minutes = (int) (magnitude / 60);

      if (delta > 0)
        return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", minutes), minutes);
      return g_strdup_printf (ngettext ("in %d minute", "in %d minutes", minutes), minutes);
    }

  if (magnitude < 12 * 3600)
    {
      int hours = (int) (magnitude / 3600);

      if (delta > 0)
        return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", hours), hours);
      return g_strdup_printf (ngettext ("in %d hour", "in %d hours", hours), hours);
    }

  /* Count calendar days, not 24-hour spans: 23:00 yesterday is "yesterday". */
  then_dt = local_from_unix (unix_seconds);
  now_dt = local_from_unix (now);
  {
    g_autoptr(GDateTime) then_day = g_date_time_new_local (g_date_time_get_year (then_dt),
                                                           g_date_time_get_month (then_dt),
                                                           g_date_time_get_day_of_month (then_dt),
                                                           12, 0, 0);
    g_autoptr(GDateTime) now_day = g_date_time_new_local (g_date_time_get_year (now_dt),
                                                          g_date_time_get_month (now_dt),
                                                          g_date_time_get_day_of_month (now_dt),
                                                          12, 0, 0);

    days = g_date_time_difference (now_day, then_day) / G_TIME_SPAN_DAY;
    /* Daylight-saving shifts leave the difference an hour short of whole days. */
    if (ABS (g_date_time_difference (now_day, then_day) % G_TIME_SPAN_DAY) > G_TIME_SPAN_DAY / 2)
      days += delta > 0 ? 1 : -1;
  }

  if (days == 0)
    {
      int hours = (int) (magnitude / 3600);

      if (delta > 0)
        return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", hours), hours);
      return g_strdup_printf (ngettext ("in %d hour", "in %d hours", hours), hours);
    }

  if (ABS (days) < 7)
    return format_relative_days (days);

  return crm_format_date (unix_seconds);
}

/* The ICU locale names are displayed in: the formatting locale. */
static const char *
display_locale (void)
{
  const char *locale = override_locale;

  if (locale == NULL)
    locale = g_get_language_names ()[0];
  /* C.UTF-8, the usual locale of a container or a minimal system, is C:
   * ICU has no data for it and would name nothing. */
  if (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX") ||
      g_str_has_prefix (locale, "C.") || g_str_has_prefix (locale, "POSIX."))
    return "en";
  return locale;
}

static char *
display_name_to_utf8 (const UChar *text,
                      int32_t      length)
{
  char out[256];
  int32_t n = 0;
  UErrorCode status = U_ZERO_ERROR;

  u_strToUTF8 (out, sizeof out, &n, text, length, &status);
  if (U_FAILURE (status) || n <= 0 || n >= (int32_t) sizeof out)
    return NULL;
  return g_strndup (out, n);
}

/* Only letters, digits, '-' and '_': anything else is not a tag to look up. */
static gboolean
is_locale_tag (const char *tag,
               gsize       max)
{
  gsize n = 0;

  for (const char *p = tag; *p != '\0'; p++, n++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return n > 0 && n <= max;
}

char *
crm_format_language (const char *tag)
{
  char id[64];
  UChar name[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t n;
  char *text;

  if (tag == NULL || tag[0] == '\0')
    return g_strdup ("");
  if (!is_locale_tag (tag, sizeof id - 1))
    return g_strdup (tag);

  g_strlcpy (id, tag, sizeof id);
  g_strdelimit (id, "-", '_');
  n = uloc_getDisplayName (id, display_locale (), name, G_N_ELEMENTS (name), &status);
  if (U_FAILURE (status) || status == U_USING_DEFAULT_WARNING || n <= 0)
    return g_strdup (tag);
  text = display_name_to_utf8 (name, n);
  return text != NULL ? text : g_strdup (tag);
}

char *
crm_format_country (const char *code)
{
  char id[16];
  UChar name[128];
  UErrorCode status = U_ZERO_ERROR;
  int32_t n;
  char *text;

  if (code == NULL || code[0] == '\0')
    return g_strdup ("");
  if (strlen (code) != 2 || !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]))
    return g_strdup (code);

  g_snprintf (id, sizeof id, "und_%c%c", g_ascii_toupper (code[0]), g_ascii_toupper (code[1]));
  n = uloc_getDisplayCountry (id, display_locale (), name, G_N_ELEMENTS (name), &status);
  if (U_FAILURE (status) || status == U_USING_DEFAULT_WARNING || n <= 0)
    return g_strdup (code);
  text = display_name_to_utf8 (name, n);
  /* ICU echoes codes it has no name for. */
  if (text == NULL || g_ascii_strcasecmp (text, code) == 0)
    {
      g_free (text);
      return g_strdup (code);
    }
  return text;
}

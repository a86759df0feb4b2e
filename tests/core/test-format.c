/* test-format.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "TestFormat"

#include "config.h"

#include <locale.h>

#include "crm-format.h"

static void
assert_money (const char *locale,
              gint64      amount,
              const char *currency,
              const char *expected)
{
  g_autofree char *text = NULL;

  crm_format_set_locale (locale);
  text = crm_format_money (amount, currency);
  g_assert_cmpstr (text, ==, expected);
  crm_format_set_locale (NULL);
}

static void
test_money_en (void)
{
  assert_money ("en_US", 123456, "USD", "$1,234.56");
  assert_money ("en_US", 5, "USD", "$0.05");
  assert_money ("en_US", -123456, "USD", "-$1,234.56");
  assert_money ("en_US", 0, "EUR", "€0.00");
  assert_money ("en_US", 100000000, "GBP", "£1,000,000.00");
  assert_money ("en_US", 1234567, "CNY", "CN¥12,345.67");
  assert_money ("en_US", 1234567, "JPY", "¥1,234,567");
  assert_money ("en_US", 50000, "KRW", "₩50,000");
  assert_money ("en_US", 12345, "KWD", "KWD\u00a012.345");
  assert_money ("en_US", 999, "CHF", "CHF\u00a09.99");
  assert_money ("en_US", 100, "XYZ", "XYZ\u00a01.00");
  assert_money ("en_US", G_MININT64, "JPY", "-¥9,223,372,036,854,775,808");
}

static void
test_money_zh (void)
{
  assert_money ("zh_CN", 123456, "CNY", "¥1,234.56");
  assert_money ("zh_CN", 123456, "USD", "US$1,234.56");
  assert_money ("zh_CN", 1234567, "JPY", "JP¥1,234,567");
  assert_money ("zh_CN", -99, "CNY", "-¥0.99");
}

static void
test_money_short (void)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  crm_format_set_locale ("en");
  a = crm_format_money_short (123450, "USD");
  b = crm_format_money_short (1234, "JPY");
  g_assert_cmpstr (a, ==, "$1,235");
  g_assert_cmpstr (b, ==, "¥1,234");
  crm_format_set_locale (NULL);
}

static void
test_currency_digits (void)
{
  g_assert_cmpuint (crm_format_currency_digits ("USD"), ==, 2);
  g_assert_cmpuint (crm_format_currency_digits ("cny"), ==, 2);
  g_assert_cmpuint (crm_format_currency_digits ("JPY"), ==, 0);
  g_assert_cmpuint (crm_format_currency_digits ("KRW"), ==, 0);
  g_assert_cmpuint (crm_format_currency_digits ("BHD"), ==, 3);
  g_assert_cmpuint (crm_format_currency_digits (NULL), ==, 2);
}

static void
test_count (void)
{
  struct { gint64 n; const char *text; } cases[] = {
    { 0, "0" }, { 999, "999" }, { 1000, "1,000" }, { 1000000, "1,000,000" },
    { -12345, "-12,345" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_format_count (cases[i].n);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static gint64
local_unix (int y, int mo, int d, int h, int mi)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (y, mo, d, h, mi, 0);

  return g_date_time_to_unix (dt);
}

static void
test_dates (void)
{
  gint64 t = local_unix (2026, 3, 5, 15, 7);
  g_autofree char *en_date = NULL;
  g_autofree char *en_dt = NULL;
  g_autofree char *zh_date = NULL;
  g_autofree char *zh_dt = NULL;
  g_autofree char *iso_en = NULL;
  g_autofree char *iso_zh = NULL;
  g_autofree char *midnight = NULL;

  crm_format_set_locale ("en_GB");
  en_date = crm_format_date (t);
  en_dt = crm_format_date_time (t);
  iso_en = crm_format_iso_date ("2026-12-31");
  midnight = crm_format_time (local_unix (2026, 1, 1, 0, 5));
  g_assert_false (crm_format_locale_is_chinese ());

  crm_format_set_locale ("zh_CN.UTF-8");
  zh_date = crm_format_date (t);
  zh_dt = crm_format_date_time (t);
  iso_zh = crm_format_iso_date ("2026-12-31");
  g_assert_true (crm_format_locale_is_chinese ());
  crm_format_set_locale (NULL);

  g_assert_cmpstr (en_date, ==, "Mar 5, 2026");
  g_assert_cmpstr (en_dt, ==, "Mar 5, 2026, 3:07\u202fPM");
  g_assert_cmpstr (midnight, ==, "12:05\u202fAM");
  g_assert_cmpstr (iso_en, ==, "Dec 31, 2026");
  g_assert_cmpstr (zh_date, ==, "2026年3月5日");
  g_assert_cmpstr (zh_dt, ==, "2026年3月5日 15:07");
  g_assert_cmpstr (iso_zh, ==, "2026年12月31日");

  g_assert_null (crm_format_iso_date (""));
  g_assert_null (crm_format_iso_date ("2026-02-30"));
  g_assert_null (crm_format_iso_date ("not a date"));
}

static void
test_relative (void)
{
  gint64 now = local_unix (2026, 6, 10, 14, 0);
  struct { gint64 then; const char *text; } cases[] = {
    { now - 10, "just now" },
    { now + 30, "just now" },
    { now - 60, "1 minute ago" },
    { now - 5 * 60, "5 minutes ago" },
    { now + 5 * 60, "in 5 minutes" },
    { now - 3 * 3600, "3 hours ago" },
    { now + 3600, "in 1 hour" },
    { local_unix (2026, 6, 9, 23, 0), "yesterday" },
    { local_unix (2026, 6, 10, 1, 0), "13 hours ago" },
    { local_unix (2026, 6, 9, 1, 0), "yesterday" },
    { local_unix (2026, 6, 11, 20, 0), "tomorrow" },
    { local_unix (2026, 6, 7, 9, 0), "3 days ago" },
    { local_unix (2026, 6, 13, 9, 0), "in 3 days" },
    { local_unix (2026, 5, 1, 9, 0), "May 1, 2026" },
  };

  crm_format_set_locale ("en_US");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_format_relative (cases[i].then, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  crm_format_set_locale (NULL);
}

static void
test_language_country (void)
{
  static const struct { const char *locale, *input, *language, *country; } cases[] = {
    { "en_US", "zh-CN", "Chinese (China)", "China" },
    { "en_US", "en", "English", NULL },
    { "zh_CN", "zh-CN", "中文（中国）", "中国" },
    { "zh_CN", "de", "德语", NULL },
    /* The C locale of containers and minimal systems names in English. */
    { "C.UTF-8", "en", "English", NULL },
    { "POSIX", "zh-CN", "Chinese (China)", "China" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *language = NULL;

      crm_format_set_locale (cases[i].locale);
      language = crm_format_language (cases[i].input);
      g_assert_cmpstr (language, ==, cases[i].language);
      if (cases[i].country != NULL)
        {
          g_autofree char *country = crm_format_country (cases[i].input + 3);

          g_assert_cmpstr (country, ==, cases[i].country);
        }
    }

  /* Unknown or malformed input comes back as it was; empty stays empty. */
  crm_format_set_locale ("en_US");
  {
    g_autofree char *a = crm_format_country ("QM");
    g_autofree char *b = crm_format_country ("Germany");
    g_autofree char *c = crm_format_language ("'; DROP");
    g_autofree char *d = crm_format_language ("");
    g_autofree char *e = crm_format_country ("de");

    g_assert_cmpstr (a, ==, "QM");
    g_assert_cmpstr (b, ==, "Germany");
    g_assert_cmpstr (c, ==, "'; DROP");
    g_assert_cmpstr (d, ==, "");
    g_assert_cmpstr (e, ==, "Germany");
  }
  crm_format_set_locale (NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* The sources are English; make sure no translation catalog interferes. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("TZ", "UTC", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/money/en", test_money_en);
  g_test_add_func ("/format/money/zh", test_money_zh);
  g_test_add_func ("/format/money/short", test_money_short);
  g_test_add_func ("/format/money/currency-digits", test_currency_digits);
  g_test_add_func ("/format/count", test_count);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_func ("/format/relative", test_relative);
  g_test_add_func ("/format/language-country", test_language_country);

  return g_test_run ();
}

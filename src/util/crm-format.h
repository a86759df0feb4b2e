/* crm-format.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Locale-aware formatting of money, dates, relative times and counts.  Part of
 * the GTK-free core: the views, the command line and the tests share it, so a
 * number looks the same everywhere.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Overrides the formatting locale ("en_US", "zh_CN"); NULL follows the user's
 * UI language (the first of g_get_language_names()).  For tests and the CLI. */
void      crm_format_set_locale         (const char *locale);
/* TRUE when the formatting locale uses Chinese conventions. */
gboolean  crm_format_locale_is_chinese  (void);

/* Digits after the decimal point of an ISO 4217 currency (JPY 0, USD 2, KWD 3). */
guint     crm_format_currency_digits    (const char *currency);
/* The symbol of @currency in the formatting locale ("$", "CN¥", "¥"). */
const char *crm_format_currency_symbol  (const char *currency);

/* @amount is in minor units (cents, fen); transfer full. */
char     *crm_format_money              (gint64      amount,
                                         const char *currency);
/* Like crm_format_money() but drops the minor units ("$1,235"). */
char     *crm_format_money_short        (gint64      amount,
                                         const char *currency);
/* A grouped integer ("1,234,567"); transfer full. */
char     *crm_format_count              (gint64      count);

/* Dates from unix seconds, in local time. */
char     *crm_format_date               (gint64      unix_seconds);
char     *crm_format_date_time          (gint64      unix_seconds);
char     *crm_format_time               (gint64      unix_seconds);
/* A calendar date given as "YYYY-MM-DD"; NULL when it does not parse. */
char     *crm_format_iso_date           (const char *iso_date);
/* The name of a BCP 47 language tag ("zh-CN" → "Chinese (China)", "中文（中国）")
 * and of an ISO 3166-1 alpha-2 country ("CN" → "China", "中国") in the
 * formatting locale, from ICU; the tag or code itself when ICU has no name. */
char     *crm_format_language           (const char *tag);
char     *crm_format_country            (const char *code);
/* "just now", "5 minutes ago", "in 3 days", relative to @now (unix seconds). */
char     *crm_format_relative           (gint64      unix_seconds,
                                         gint64      now);

G_END_DECLS

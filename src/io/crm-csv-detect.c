/* crm-csv-detect.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the CSV reader guesses the encoding and the separator of a file from
 * its first 64 KiB.
 */

#define G_LOG_DOMAIN "CrmCsv"

#include "config.h"

#include "crm-csv-private.h"

#include <string.h>

/* UTF-16 without a BOM: most ASCII characters leave a NUL in every other
 * byte. */
const char *
_crm_csv_detect_utf16 (const guint8 *data,
                       gsize         len)
{
  gsize zeros[2] = { 0, 0 };
  gsize n = MIN (len, 4096) & ~(gsize) 1;

  if (n < 4)
    return NULL;

  for (gsize i = 0; i < n; i++)
    if (data[i] == 0)
      zeros[i & 1]++;

  if (zeros[1] * 10 >= n * 3 && zeros[0] * 10 <= zeros[1])
    return "UTF-16LE";
  if (zeros[0] * 10 >= n * 3 && zeros[1] * 10 <= zeros[0])
    return "UTF-16BE";

  return NULL;
}

/* UTF-8 when the sample has valid multi-byte sequences and few invalid
 * bytes: a UTF-8 file with a broken row stays UTF-8 (and the row is
 * reported), while Windows-1252 and GB18030 text has almost no valid
 * sequences.  A sequence cut at the end of a partial sample is not counted. */
gboolean
_crm_csv_is_utf8 (const guint8 *data,
                  gsize         len,
                  gboolean      complete)
{
  gsize valid = 0;
  gsize invalid = 0;

  for (gsize i = 0; i < len;)
    {
      gunichar c;

      if (data[i] < 0x80)
        {
          i++;
          continue;
        }
      c = g_utf8_get_char_validated ((const char *) data + i, len - i);
      if (c == (gunichar) -2 && !complete)
        break;
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          invalid++;
          i++;
          continue;
        }
      valid++;
      i += g_utf8_skip[data[i]];
    }

  return invalid == 0 || valid > invalid * 2;
}

/* Chinese GB18030/GBK text mostly pairs two high bytes (GB2312 is
 * 0xB0-0xF7 then 0xA1-0xFE); Windows-1252 text puts a single high byte
 * between ASCII letters.  Only then is the conversion tried. */
gboolean
_crm_csv_looks_like_gb18030 (const guint8 *data,
                             gsize         len,
                             gboolean      complete)
{
  gsize pairs = 0;
  gsize singles = 0;
  gsize n = len;
  g_autofree char *converted = NULL;

  for (gsize i = 0; i < len; i++)
    {
      if (data[i] < 0x81 || data[i] == 0xFF)
        continue;
      if (i + 1 < len && data[i + 1] >= 0x80 && data[i + 1] != 0xFF)
        {
          pairs++;
          i++;
        }
      else
        singles++;
    }

  if (pairs == 0 || pairs <= singles * 2)
    return FALSE;

  /* do not convert a partial character at the end of a sample */
  if (!complete)
    {
      while (n > 0 && n > len - 4 && data[n - 1] >= 0x80)
        n--;
    }

  converted = g_convert ((const char *) data, n, "UTF-8", "GB18030", NULL, NULL, NULL);

  return converted != NULL;
}

/* Counts the separators of the first complete lines outside quotes and
 * takes the one whose count is the same on most lines. */
char
_crm_csv_detect_separator (const guint8 *text,
                           gsize         len,
                           gboolean      complete)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[20][G_N_ELEMENTS (candidates)] = { { 0 } };
  guint n_lines = 0;
  gboolean quoted = FALSE;
  guint best_score = 0;
  char best = ',';

  for (gsize i = 0; i < len && n_lines < G_N_ELEMENTS (counts); i++)
    {
      guint8 c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        {
          n_lines++;
          if (c == '\r' && i + 1 < len && text[i + 1] == '\n')
            i++;
        }
      else if (!quoted)
        {
          for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
            if (c == (guint8) candidates[k])
              counts[n_lines][k]++;
        }
    }
  /* the last line counts only when the sample holds it whole */
  if (complete && n_lines < G_N_ELEMENTS (counts))
    n_lines++;
  if (n_lines == 0)
    n_lines = 1;

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      guint first = counts[0][k];
      guint same = 0;
      guint score;

      if (first == 0)
        continue;
      for (guint l = 0; l < n_lines; l++)
        same += counts[l][k] == first;
      score = same * 1000 + MIN (first, 999);
      if (score > best_score)
        {
          best_score = score;
          best = candidates[k];
        }
    }

  return best;
}

/* Binary files decode into many control characters (or invalid bytes). */
gboolean
_crm_csv_looks_like_text (const guint8 *text,
                          gsize         len)
{
  gsize bad = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint8 c = text[i];

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A)
          || c == CRM_CSV_INVALID_MARK)
        bad++;
    }

  return bad * 8 <= len;
}

gboolean
_crm_csv_is_ascii (const guint8 *data,
                   gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (data[i] >= 0x80)
      return FALSE;
  return TRUE;
}

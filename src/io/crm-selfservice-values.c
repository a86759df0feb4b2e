/* crm-selfservice-values.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of the self-service log import: the columns a header names and the
 * values a log writes (times, yes/no, channels, customer kinds), in English
 * and Chinese.  Pure functions.
 */

#define G_LOG_DOMAIN "CrmSelfServiceImport"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-selfservice-private.h"

typedef struct
{
  SelfServiceColumn  column;
  const char        *names[24];
} ColumnAliases;

/* Normalised: case folded, letters and digits only. */
static const ColumnAliases column_aliases[] = {
  { COLUMN_TIME, { "time", "timestamp", "date", "datetime", "datetimeutc", "when", "resolvedat",
                   "resolvedtime", "resolvedon", "createdat", "viewedat", "visitedat", "eventtime",
                   "occurredat", "时间", "日期", "时间戳", "解决时间", "访问时间", "发生时间",
                   "日期时间", NULL } },
  { COLUMN_ARTICLE, { "article", "articleid", "kb", "kbid", "kbarticle", "kbarticleid", "faq",
                      "faqid", "articletitle", "title", "page", "pagetitle", "文章", "文章id",
                      "文章编号", "知识库文章", "标题", "文章标题", "问题", "知识库", NULL } },
  { COLUMN_EMAIL, { "email", "emailaddress", "customeremail", "useremail", "visitoremail",
                    "contactemail", "mail", "customer", "邮箱", "电子邮件", "客户邮箱", "邮件",
                    "电子邮箱", "客户", "用户邮箱", NULL } },
  { COLUMN_CHANNEL, { "channel", "source", "medium", "渠道", "来源", NULL } },
  { COLUMN_RESOLVED, { "resolved", "helpful", "solved", "washelpful", "wasthishelpful", "outcome",
                       "result", "deflected", "已解决", "是否解决", "解决", "是否有帮助", "有帮助",
                       "结果", NULL } },
  { COLUMN_KIND, { "customertype", "customerkind", "segment", "b2bb2c", "type", "客户类型",
                   "类型", NULL } },
};

char *
_crm_selfservice_normalize (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text != NULL ? text : "", -1);
  g_autofree char *nfd = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) && !g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

SelfServiceColumn
_crm_selfservice_column_for_header (const char *header)
{
  g_autofree char *norm = _crm_selfservice_normalize (header);

  for (guint i = 0; i < G_N_ELEMENTS (column_aliases); i++)
    for (guint j = 0; column_aliases[i].names[j] != NULL; j++)
      if (g_str_equal (norm, column_aliases[i].names[j]))
        return column_aliases[i].column;
  return COLUMN_NONE;
}

static gboolean
in_list (const char         *norm,
         const char * const *list)
{
  return g_strv_contains (list, norm);
}

int
_crm_selfservice_parse_resolved (const char *text)
{
  static const char * const yes[] = { "yes", "y", "true", "t", "1", "resolved", "solved", "helpful",
                                      "deflected", "是", "已解决", "解决", "有帮助", "对", "是的", NULL };
  static const char * const no[] = { "no", "n", "false", "f", "0", "unresolved", "notresolved",
                                     "unsolved", "nothelpful", "否", "未解决", "没解决", "没有解决",
                                     "没有帮助", "无帮助", "不是", NULL };
  g_autofree char *norm = _crm_selfservice_normalize (text);

  /* Check marks and crosses are not letters: test them as typed. */
  if (text != NULL && (strstr (text, "✓") != NULL || strstr (text, "✔") != NULL || strstr (text, "√") != NULL))
    return 1;
  if (text != NULL && (strstr (text, "✗") != NULL || strstr (text, "✘") != NULL || strstr (text, "×") != NULL))
    return 0;
  if (in_list (norm, yes))
    return 1;
  if (in_list (norm, no))
    return 0;
  return -1;
}

const char *
_crm_selfservice_parse_channel (const char *text)
{
  static const struct { const char *key; const char *names[12]; } channels[] = {
    { "self-service", { "selfservice", "portal", "helpcenter", "helpcentre", "faq", "kb",
                        "knowledgebase", "web", "website", "自助", "自助服务", NULL } },
    { "chat", { "chat", "chatbot", "bot", "livechat", "聊天", "在线客服", "机器人", NULL } },
    { "email", { "email", "mail", "邮件", "电子邮件", NULL } },
    { "web-form", { "webform", "form", "contactform", "表单", "网页表单", NULL } },
    { "social", { "social", "wechat", "weibo", "twitter", "facebook", "社交", "社交媒体", "微信",
                  "微博", NULL } },
    { "phone", { "phone", "call", "telephone", "ivr", "电话", NULL } },
    { "in-person", { "inperson", "store", "shop", "现场", "门店", "到店", NULL } },
  };
  g_autofree char *norm = _crm_selfservice_normalize (text);

  if (norm[0] == '\0')
    return "self-service";
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (in_list (norm, channels[i].names))
      return channels[i].key;
  return NULL;
}

/* "b2b", "b2c", "" for empty (decide from the person), NULL when unknown. */
const char *
_crm_selfservice_parse_kind (const char *text)
{
  static const char * const b2b[] = { "b2b", "business", "company", "organization", "organisation",
                                      "corporate", "企业", "公司", "企业客户", NULL };
  static const char * const b2c[] = { "b2c", "consumer", "individual", "personal", "private",
                                      "个人", "消费者", "个人客户", NULL };
  g_autofree char *norm = _crm_selfservice_normalize (text);

  if (norm[0] == '\0')
    return "";
  if (in_list (norm, b2b))
    return "b2b";
  if (in_list (norm, b2c))
    return "b2c";
  return NULL;
}

gboolean
_crm_selfservice_is_anonymous (const char *text)
{
  static const char * const none[] = { "", "anonymous", "anon", "guest", "na", "none", "unknown",
                                       "null", "匿名", "访客", "无", "游客", NULL };
  g_autofree char *norm = _crm_selfservice_normalize (text);

  return in_list (norm, none);
}

/* --- Times --- */

static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             int         *out)
{
  guint n = 0;
  int value = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      value = value * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  *out = value;
  return n >= min_digits && !g_ascii_isdigit (**p);
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ')
    (*p)++;
}

/* "Z", "UTC", "GMT", "+08:00", "+0800", "+08", "UTC+8": the zone, or NULL
 * with *@ok FALSE when something else follows. */
static GTimeZone *
read_zone (const char *p,
           gboolean   *ok)
{
  int hours = 0, minutes = 0;
  char sign;
  g_autofree char *id = NULL;

  *ok = TRUE;
  skip_spaces (&p);
  if (*p == '\0')
    return NULL;
  if (g_ascii_strcasecmp (p, "z") == 0 || g_ascii_strcasecmp (p, "utc") == 0 ||
      g_ascii_strcasecmp (p, "gmt") == 0)
    return g_time_zone_new_utc ();
  if (g_ascii_strncasecmp (p, "utc", 3) == 0 || g_ascii_strncasecmp (p, "gmt", 3) == 0)
    p += 3;
  sign = *p;
  if (sign != '+' && sign != '-')
    {
      *ok = FALSE;
      return NULL;
    }
  p++;
  if (strspn (p, "0123456789") == 4 && p[4] == '\0')
    {
      /* "+0800" */
      hours = (p[0] - '0') * 10 + (p[1] - '0');
      minutes = (p[2] - '0') * 10 + (p[3] - '0');
      p += 4;
    }
  else
    {
      if (!read_number (&p, 1, 2, &hours))
        {
          *ok = FALSE;
          return NULL;
        }
      if (*p == ':')
        {
          p++;
          if (!read_number (&p, 2, 2, &minutes))
            {
              *ok = FALSE;
              return NULL;
            }
        }
    }
  if (*p != '\0' || hours > 14 || minutes > 59)
    {
      *ok = FALSE;
      return NULL;
    }
  id = g_strdup_printf ("%c%02d:%02d", sign, hours, minutes);
  return g_time_zone_new_identifier (id);
}

/* Chinese date and time words become the usual punctuation:
 * "2026年3月5日 14时22分" → "2026-3-5 14:22:" (a trailing colon is dropped). */
static char *
plain_time_text (const char *text)
{
  static const char * const from[] = { "年", "月", "日", "号", "时", "点", "分", "秒", "　" };
  static const char * const to[] = { "-", "-", " ", " ", ":", ":", ":", " ", " " };
  GString *out = g_string_new (text);

  for (guint i = 0; i < G_N_ELEMENTS (from); i++)
    g_string_replace (out, from[i], to[i], 0);
  g_strstrip (out->str);
  out->len = strlen (out->str);
  while (out->len > 0 && out->str[out->len - 1] == ':')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

gboolean
crm_selfservice_parse_time (const char *text,
                            GTimeZone  *tz,
                            gint64     *unix_time)
{
  g_autofree char *plain = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) dt = NULL;
  const char *p;
  int year, month, day, hour = 0, minute = 0, second = 0;
  gboolean ok;
  char sep;

  g_return_val_if_fail (unix_time != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  plain = plain_time_text (text);
  p = plain;

  /* Unix seconds (or milliseconds, as JavaScript writes them). */
  if (g_ascii_isdigit (*p) && strspn (p, "0123456789") == strlen (p) && strlen (p) >= 9)
    {
      guint64 value = 0;

      if (strlen (p) > 13 || !g_ascii_string_to_unsigned (p, 10, 0, G_MAXINT64, &value, NULL))
        return FALSE;
      *unix_time = strlen (p) >= 12 ? (gint64) (value / 1000) : (gint64) value;
      return TRUE;
    }

  if (!read_number (&p, 4, 4, &year))
    return FALSE;
  sep = *p;
  if (sep != '-' && sep != '/' && sep != '.')
    return FALSE;
  p++;
  if (!read_number (&p, 1, 2, &month) || *p != sep)
    return FALSE;
  p++;
  if (!read_number (&p, 1, 2, &day))
    return FALSE;

  if (*p == 'T' || *p == 't' || *p == ' ')
    {
      const char *mark = p;

      p++;
      skip_spaces (&p);
      if (g_ascii_isdigit (*p))
        {
          if (!read_number (&p, 1, 2, &hour) || *p != ':')
            return FALSE;
          p++;
          if (!read_number (&p, 1, 2, &minute))
            return FALSE;
          if (*p == ':')
            {
              p++;
              if (!read_number (&p, 1, 2, &second))
                return FALSE;
              /* Fractions of a second are dropped. */
              if (*p == '.' || *p == ',')
                for (p++; g_ascii_isdigit (*p); p++)
                  ;
            }
        }
      else
        p = mark;
    }

  zone = read_zone (p, &ok);
  if (!ok)
    return FALSE;
  if (zone == NULL)
    {
      if (tz == NULL)
        tz = local = g_time_zone_new_local ();
      zone = g_time_zone_ref (tz);
    }
  if (hour > 23 || minute > 59 || second > 59)
    return FALSE;
  dt = g_date_time_new (zone, year, month, day, hour, minute, second);
  if (dt == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

const char *
crm_selfservice_reason_get_label (const char *reason)
{
  if (g_strcmp0 (reason, "csv") == 0)
    return _("The row is not valid CSV");
  if (g_strcmp0 (reason, "time-missing") == 0)
    return _("The time is missing");
  if (g_strcmp0 (reason, "time-invalid") == 0)
    return _("The time is not a date and time such as 2026-03-05 14:22");
  if (g_strcmp0 (reason, "time-future") == 0)
    return _("The time is in the future");
  if (g_strcmp0 (reason, "article-missing") == 0)
    return _("The article is missing");
  if (g_strcmp0 (reason, "article-unknown") == 0)
    return _("No article has this number or title");
  if (g_strcmp0 (reason, "article-ambiguous") == 0)
    return _("Several articles have this title: use the article number");
  if (g_strcmp0 (reason, "email-invalid") == 0)
    return _("The customer’s email address is not valid");
  if (g_strcmp0 (reason, "channel-unknown") == 0)
    return _("Unknown channel");
  if (g_strcmp0 (reason, "resolved-unknown") == 0)
    return _("“Resolved” is neither yes nor no");
  if (g_strcmp0 (reason, "customer-kind-unknown") == 0)
    return _("The customer type is neither B2B nor B2C");
  return reason;
}

/* crm-service-config.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plain parts of the service settings: the rows as structs, working hours
 * as a week of ranges, validation and the system's time zones.  The reads
 * and writes on the store's worker are in crm-service-config-store.c.
 */

#define G_LOG_DOMAIN "CrmServiceConfig"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-service-config.h"
#include "crm-sla.h"

G_DEFINE_QUARK (crm-service-config-error-quark, crm_service_config_error)

static const char * const day_keys[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
static const char * const priority_keys[] = { "", "low", "normal", "high", "urgent" };
static const char * const language_keys[] = { "en", "zh-CN" };

/* --- Working hours --- */

CrmServiceWeek *
crm_service_week_new (void)
{
  CrmServiceWeek *week = g_new0 (CrmServiceWeek, 1);

  for (guint d = 0; d < 7; d++)
    week->days[d] = g_array_new (FALSE, FALSE, sizeof (CrmServiceRange));
  return week;
}

CrmServiceWeek *
crm_service_week_copy (const CrmServiceWeek *week)
{
  CrmServiceWeek *copy;

  g_return_val_if_fail (week != NULL, NULL);

  copy = crm_service_week_new ();
  for (guint d = 0; d < 7; d++)
    g_array_append_vals (copy->days[d], week->days[d]->data, week->days[d]->len);
  return copy;
}

void
crm_service_week_free (CrmServiceWeek *week)
{
  if (week == NULL)
    return;
  for (guint d = 0; d < 7; d++)
    g_array_unref (week->days[d]);
  g_free (week);
}

static gboolean
bad_hours (GError     **error,
           const char  *text)
{
  /* TRANSLATORS: %s is a part of a calendar's working hours, e.g. "mon-fri 9-17" */
  g_set_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_HOURS,
               _("The working hours “%s” cannot be read."), text);
  return FALSE;
}

static int
day_index (const char *name,
           gsize       len)
{
  for (guint d = 0; d < 7; d++)
    if (len == 3 && g_ascii_strncasecmp (name, day_keys[d], 3) == 0)
      return d;
  return -1;
}

/* "9:30" or "09:30" → 570; 24:00 ends a day; -1 otherwise. */
static int
parse_time (const char *text)
{
  const char *colon = strchr (text, ':');
  guint64 hours, minutes;
  char *end;

  if (colon == NULL || colon == text || colon - text > 2 || strlen (colon + 1) != 2 ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (colon[1]) || !g_ascii_isdigit (colon[2]))
    return -1;
  hours = g_ascii_strtoull (text, &end, 10);
  if (end != colon)
    return -1;
  minutes = g_ascii_strtoull (colon + 1, NULL, 10);
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
    return -1;
  return (int) (hours * 60 + minutes);
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const CrmServiceRange *ra = a, *rb = b;

  return (int) ra->start - (int) rb->start;
}

/* The days of "mon-fri", "mon,wed,fri" or "fri-mon" as bits. */
static gboolean
parse_days (const char *spec,
            guint      *days)
{
  g_auto(GStrv) items = g_strsplit (spec, ",", -1);

  *days = 0;
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *dash = strchr (items[i], '-');
      int from, to;

      if (dash == NULL)
        from = to = day_index (items[i], strlen (items[i]));
      else
        {
          from = day_index (items[i], dash - items[i]);
          to = day_index (dash + 1, strlen (dash + 1));
        }
      if (from < 0 || to < 0)
        return FALSE;
      for (int d = from;; d = (d + 1) % 7)
        {
          *days |= 1u << d;
          if (d == to)
            break;
        }
    }
  return *days != 0;
}

static gboolean
parse_ranges (const char *spec,
              GArray     *ranges)
{
  g_auto(GStrv) items = g_strsplit (spec, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *dash = strchr (items[i], '-');
      CrmServiceRange range;
      int start, end;

      if (dash == NULL)
        return FALSE;
      *dash = '\0';
      start = parse_time (items[i]);
      end = parse_time (dash + 1);
      if (start < 0 || end <= start)
        return FALSE;
      range.start = start;
      range.end = end;
      g_array_append_val (ranges, range);
    }
  g_array_sort (ranges, compare_ranges);
  for (guint i = 1; i < ranges->len; i++)
    if (g_array_index (ranges, CrmServiceRange, i - 1).end >
        g_array_index (ranges, CrmServiceRange, i).start)
      return FALSE;
  return ranges->len > 0;
}

static char *
without_spaces (const char *text,
                gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len && text[i] != '\0'; i++)
    if (!g_ascii_isspace (text[i]))
      g_string_append_c (out, text[i]);
  return g_string_free (out, FALSE);
}

static gboolean
parse_group (CrmServiceWeek  *week,
             const char      *group,
             GError         **error)
{
  const char *digit = group;
  g_autofree char *days_spec = NULL;
  g_autofree char *ranges_spec = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (CrmServiceRange));
  guint days;

  while (*digit != '\0' && !g_ascii_isdigit (*digit))
    digit++;
  days_spec = without_spaces (group, digit - group);
  ranges_spec = without_spaces (digit, strlen (digit));
  if (!parse_days (days_spec, &days) || !parse_ranges (ranges_spec, ranges))
    return bad_hours (error, group);
  /* A day named by several groups has the ranges of them all. */
  for (guint d = 0; d < 7; d++)
    if (days & (1u << d))
      {
        g_array_append_vals (week->days[d], ranges->data, ranges->len);
        g_array_sort (week->days[d], compare_ranges);
        for (guint i = 1; i < week->days[d]->len; i++)
          if (g_array_index (week->days[d], CrmServiceRange, i - 1).end >
              g_array_index (week->days[d], CrmServiceRange, i).start)
            return bad_hours (error, group);
      }
  return TRUE;
}

/**
 * crm_service_week_parse:
 *
 * Returns: (transfer full): the week of @hours, or %NULL with @error set
 */
CrmServiceWeek *
crm_service_week_parse (const char  *hours,
                        GError     **error)
{
  g_autoptr(CrmServiceWeek) week = crm_service_week_new ();
  g_autofree char *text = g_strstrip (g_strdup (hours != NULL ? hours : ""));
  g_auto(GStrv) groups = NULL;

  if (g_ascii_strcasecmp (text, "24/7") == 0)
    {
      CrmServiceRange all = { 0, 24 * 60 };

      for (guint d = 0; d < 7; d++)
        g_array_append_val (week->days[d], all);
      return g_steal_pointer (&week);
    }

  groups = g_strsplit (text, ";", -1);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = g_strstrip (groups[i]);

      if (*group != '\0' && !parse_group (week, group, error))
        return NULL;
    }
  return g_steal_pointer (&week);
}

static gboolean
same_ranges (GArray *a,
             GArray *b)
{
  return a->len == b->len &&
         memcmp (a->data, b->data, a->len * sizeof (CrmServiceRange)) == 0;
}

static void
append_days (GString *out,
             guint    days)
{
  gboolean first = TRUE;

  for (guint d = 0; d < 7; d++)
    {
      guint last = d;

      if (!(days & (1u << d)))
        continue;
      while (last + 1 < 7 && (days & (1u << (last + 1))))
        last++;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append (out, day_keys[d]);
      if (last > d)
        g_string_append_printf (out, "-%s", day_keys[last]);
      d = last;
    }
}

/**
 * crm_service_week_format:
 *
 * Returns: (transfer full): the hours text of @week
 */
char *
crm_service_week_format (const CrmServiceWeek *week)
{
  GString *out = g_string_new (NULL);
  guint done = 0;

  g_return_val_if_fail (week != NULL, NULL);

  for (guint d = 0; d < 7; d++)
    {
      GArray *ranges = week->days[d];
      guint days = 0;

      if (ranges->len == 0 || (done & (1u << d)))
        continue;
      for (guint e = d; e < 7; e++)
        if (same_ranges (ranges, week->days[e]))
          days |= 1u << e;
      done |= days;
      if (out->len > 0)
        g_string_append (out, "; ");
      append_days (out, days);
      g_string_append_c (out, ' ');
      for (guint i = 0; i < ranges->len; i++)
        {
          CrmServiceRange *r = &g_array_index (ranges, CrmServiceRange, i);

          g_string_append_printf (out, "%s%02u:%02u-%02u:%02u", i > 0 ? "," : "",
                                  r->start / 60u, r->start % 60u, r->end / 60u, r->end % 60u);
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
crm_service_week_validate (const CrmServiceWeek  *week,
                           GError               **error)
{
  gboolean open = FALSE;

  g_return_val_if_fail (week != NULL, FALSE);

  for (guint d = 0; d < 7; d++)
    for (guint i = 0; i < week->days[d]->len; i++)
      {
        CrmServiceRange *r = &g_array_index (week->days[d], CrmServiceRange, i);

        if (r->start >= r->end || r->end > 24 * 60)
          {
            g_set_error_literal (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_HOURS,
                                 _("Working hours must end after they start."));
            return FALSE;
          }
        if (i > 0 && g_array_index (week->days[d], CrmServiceRange, i - 1).end > r->start)
          {
            g_set_error_literal (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_HOURS,
                                 _("Working hours of the same day must not overlap."));
            return FALSE;
          }
        open = TRUE;
      }
  if (!open)
    g_set_error_literal (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_HOURS,
                         _("A calendar needs working hours on at least one day."));
  return open;
}

guint
crm_service_week_minutes (const CrmServiceWeek *week)
{
  guint minutes = 0;

  g_return_val_if_fail (week != NULL, 0);

  for (guint d = 0; d < 7; d++)
    for (guint i = 0; i < week->days[d]->len; i++)
      {
        CrmServiceRange *r = &g_array_index (week->days[d], CrmServiceRange, i);

        minutes += r->end - r->start;
      }
  return minutes;
}

/* --- Rows --- */

static void
holiday_free (gpointer data)
{
  CrmServiceHoliday *holiday = data;

  g_free (holiday->day);
  g_free (holiday->name);
  g_free (holiday);
}

void
_crm_service_calendar_free (gpointer data)
{
  CrmServiceCalendar *calendar = data;

  g_free (calendar->name);
  g_free (calendar->timezone);
  g_free (calendar->hours);
  g_ptr_array_unref (calendar->holidays);
  g_free (calendar);
}

CrmServiceCalendar *
_crm_service_calendar_new (void)
{
  CrmServiceCalendar *calendar = g_new0 (CrmServiceCalendar, 1);

  calendar->holidays = g_ptr_array_new_with_free_func (holiday_free);
  return calendar;
}

CrmServiceHoliday *
_crm_service_holiday_new (gint64      id,
                          const char *day,
                          const char *name)
{
  CrmServiceHoliday *holiday = g_new0 (CrmServiceHoliday, 1);

  holiday->id = id;
  holiday->day = g_strdup (day);
  holiday->name = g_strdup (name);
  return holiday;
}

CrmServicePolicy *
crm_service_policy_copy (const CrmServicePolicy *policy)
{
  CrmServicePolicy *copy;

  g_return_val_if_fail (policy != NULL, NULL);

  copy = g_memdup2 (policy, sizeof *policy);
  copy->name = g_strdup (policy->name);
  copy->priority = g_strdup (policy->priority);
  copy->tier = g_strdup (policy->tier);
  return copy;
}

void
crm_service_policy_free (CrmServicePolicy *policy)
{
  if (policy == NULL)
    return;
  g_free (policy->name);
  g_free (policy->priority);
  g_free (policy->tier);
  g_free (policy);
}

CrmServiceReply *
crm_service_reply_copy (const CrmServiceReply *reply)
{
  CrmServiceReply *copy;

  g_return_val_if_fail (reply != NULL, NULL);

  copy = g_memdup2 (reply, sizeof *reply);
  copy->title = g_strdup (reply->title);
  copy->body = g_strdup (reply->body);
  copy->language = g_strdup (reply->language);
  return copy;
}

void
crm_service_reply_free (CrmServiceReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->title);
  g_free (reply->body);
  g_free (reply->language);
  g_free (reply);
}

void
_crm_service_staff_free (gpointer data)
{
  CrmServiceStaff *staff = data;

  g_free (staff->name);
  g_free (staff->role);
  g_free (staff);
}

typedef struct
{
  CrmServiceConfig public;
  gatomicrefcount  ref_count;
} ConfigReal;

G_DEFINE_BOXED_TYPE (CrmServiceConfig, crm_service_config, crm_service_config_ref,
                     crm_service_config_unref)

CrmServiceConfig *
_crm_service_config_new (void)
{
  ConfigReal *real = g_new0 (ConfigReal, 1);

  g_atomic_ref_count_init (&real->ref_count);
  real->public.calendars = g_ptr_array_new_with_free_func (_crm_service_calendar_free);
  real->public.policies = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_service_policy_free);
  real->public.replies = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_service_reply_free);
  real->public.staff = g_ptr_array_new_with_free_func (_crm_service_staff_free);
  real->public.alert_minutes = CRM_SERVICE_DEFAULT_ALERT_MINUTES;
  return &real->public;
}

CrmServiceConfig *
crm_service_config_ref (CrmServiceConfig *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&((ConfigReal *) self)->ref_count);
  return self;
}

void
crm_service_config_unref (CrmServiceConfig *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&((ConfigReal *) self)->ref_count))
    return;
  g_ptr_array_unref (self->calendars);
  g_ptr_array_unref (self->policies);
  g_ptr_array_unref (self->replies);
  g_ptr_array_unref (self->staff);
  g_free (self);
}

CrmServiceCalendar *
crm_service_config_find_calendar (CrmServiceConfig *self,
                                  gint64            id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->calendars->len; i++)
    if (((CrmServiceCalendar *) self->calendars->pdata[i])->id == id)
      return self->calendars->pdata[i];
  return NULL;
}

CrmServicePolicy *
crm_service_config_find_policy (CrmServiceConfig *self,
                                gint64            id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->policies->len; i++)
    if (((CrmServicePolicy *) self->policies->pdata[i])->id == id)
      return self->policies->pdata[i];
  return NULL;
}

CrmServiceReply *
crm_service_config_find_reply (CrmServiceConfig *self,
                               gint64            id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->replies->len; i++)
    if (((CrmServiceReply *) self->replies->pdata[i])->id == id)
      return self->replies->pdata[i];
  return NULL;
}

/* --- Validation --- */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
in_keys (const char         *key,
         const char * const *keys,
         guint               n_keys)
{
  for (guint i = 0; i < n_keys; i++)
    if (g_strcmp0 (key, keys[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
crm_service_validate_calendar (const char  *name,
                               const char  *zone,
                               const char  *hours,
                               GError     **error)
{
  g_autoptr(CrmServiceWeek) week = NULL;
  g_autoptr(CrmBusinessCalendar) calendar = NULL;
  g_autoptr(GError) local_error = NULL;

  if (is_blank (name))
    return invalid (error, _("A calendar needs a name."));
  if (is_blank (zone))
    {
      g_set_error_literal (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_TIMEZONE,
                           _("A calendar needs a time zone."));
      return FALSE;
    }
  if ((week = crm_service_week_parse (hours, error)) == NULL ||
      !crm_service_week_validate (week, error))
    return FALSE;
  /* The SLA clocks read the same text: what they refuse is refused here. */
  calendar = crm_business_calendar_new (zone, hours, &local_error);
  if (calendar == NULL)
    {
      g_set_error_literal (error, CRM_SERVICE_CONFIG_ERROR,
                           g_error_matches (local_error, CRM_SLA_ERROR, CRM_SLA_ERROR_BAD_TIMEZONE)
                           ? CRM_SERVICE_CONFIG_ERROR_BAD_TIMEZONE
                           : CRM_SERVICE_CONFIG_ERROR_BAD_HOURS,
                           local_error->message);
      return FALSE;
    }
  return TRUE;
}

static guint
digits_value (const char *text,
              guint       n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return G_MAXUINT;
      value = value * 10 + g_ascii_digit_value (text[i]);
    }
  return value;
}

gboolean
crm_service_validate_holiday (const char  *day,
                              GError     **error)
{
  if (day != NULL && strlen (day) == 10 && day[4] == '-' && day[7] == '-')
    {
      guint y = digits_value (day, 4), m = digits_value (day + 5, 2), d = digits_value (day + 8, 2);

      if (y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
          g_date_valid_dmy (d, m, y))
        return TRUE;
    }

  /* TRANSLATORS: %s is what was given as a date; keep YYYY-MM-DD as is */
  g_set_error (error, CRM_SERVICE_CONFIG_ERROR, CRM_SERVICE_CONFIG_ERROR_BAD_DAY,
               _("“%s” is not a date (YYYY-MM-DD)."), day != NULL ? day : "");
  return FALSE;
}

static gboolean
is_key (const char *text)
{
  if (text == NULL || *text == '\0' || strlen (text) > 64)
    return FALSE;
  for (const char *c = text; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-' && *c != '_')
      return FALSE;
  return TRUE;
}

gboolean
crm_service_validate_policy (const CrmServicePolicy  *policy,
                             GError                 **error)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  if (is_blank (policy->name))
    return invalid (error, _("An SLA policy needs a name."));
  if (!in_keys (policy->priority != NULL ? policy->priority : "", priority_keys,
                G_N_ELEMENTS (priority_keys)))
    return invalid (error, _("That is not a ticket priority."));
  if (policy->tier != NULL && *policy->tier != '\0' && !is_key (policy->tier))
    return invalid (error, _("That is not a customer tier."));
  if (policy->first_response_minutes < 1 ||
      policy->first_response_minutes > CRM_SERVICE_MAX_TARGET_MINUTES ||
      policy->resolution_minutes < 1 || policy->resolution_minutes > CRM_SERVICE_MAX_TARGET_MINUTES)
    return invalid (error, _("SLA targets are between one minute and a year of business time."));
  if (policy->resolution_minutes < policy->first_response_minutes)
    return invalid (error, _("The resolution target cannot come before the first response target."));
  return TRUE;
}

gboolean
crm_service_validate_reply (const CrmServiceReply  *reply,
                            GError                **error)
{
  g_return_val_if_fail (reply != NULL, FALSE);

  if (is_blank (reply->title))
    return invalid (error, _("A canned reply needs a title."));
  if (is_blank (reply->body))
    return invalid (error, _("A canned reply needs some text."));
  if (!in_keys (reply->language, language_keys, G_N_ELEMENTS (language_keys)))
    return invalid (error, _("Canned replies are in English or Chinese."));
  return TRUE;
}

/* --- Time zones --- */

static gboolean
keep_zone (const char *name)
{
  return strchr (name, '/') != NULL && !g_str_has_prefix (name, "Etc/") &&
         !g_str_has_prefix (name, "posix/") && !g_str_has_prefix (name, "right/");
}

static void
read_tzdata_zi (const char *contents,
                GHashTable *zones)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Z "))
      {
        g_auto(GStrv) words = g_strsplit_set (lines[i] + 2, " \t", 2);

        if (words[0] != NULL && keep_zone (words[0]))
          g_hash_table_add (zones, g_strdup (words[0]));
      }
}

static void
read_zone_tab (const char *contents,
               GHashTable *zones)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      columns = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (columns) >= 3 && keep_zone (columns[2]))
        g_hash_table_add (zones, g_strdup (columns[2]));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * crm_service_read_time_zones:
 *
 * Returns: (transfer full): the zone names
 */
GStrv
crm_service_read_time_zones (const char *tzdir)
{
  static const char * const files[] = { "tzdata.zi", "zone1970.tab", "zone.tab" };
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  const char *dir = tzdir != NULL ? tzdir : g_getenv ("TZDIR");

  if (dir == NULL || *dir == '\0')
    dir = "/usr/share/zoneinfo";
  for (guint f = 0; f < G_N_ELEMENTS (files) && g_hash_table_size (zones) == 0; f++)
    {
      g_autofree char *path = g_build_filename (dir, files[f], NULL);
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (path, &contents, NULL, NULL))
        continue;
      if (f == 0)
        read_tzdata_zi (contents, zones);
      else
        read_zone_tab (contents, zones);
    }

  g_ptr_array_add (list, g_strdup ("UTC"));
  {
    GHashTableIter iter;
    gpointer key;
    guint first = list->len;

    g_hash_table_iter_init (&iter, zones);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_hash_table_iter_steal (&iter);
        g_ptr_array_add (list, key);
      }
    qsort (list->pdata + first, list->len - first, sizeof (gpointer), compare_strings);
  }
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

static void
list_time_zones_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  g_task_return_pointer (task, crm_service_read_time_zones (NULL), (GDestroyNotify) g_strfreev);
}

void
crm_service_list_time_zones_async (GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, crm_service_list_time_zones_async);
  g_task_set_name (task, "crm-service-list-time-zones");
  g_task_run_in_thread (task, list_time_zones_thread);
}

/**
 * crm_service_list_time_zones_finish:
 *
 * Returns: (transfer full): the zone names, or %NULL with @error set
 */
GStrv
crm_service_list_time_zones_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* crm-sla.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the arithmetic stays fast.  For every local year it is asked about,
 * the calendar computes once the UTC instant at which each local day begins
 * and the business seconds before each day (a prefix sum over the year).
 * Business seconds up to an instant are then the prefix of its day plus the
 * part of the day before it, so seconds_between() is a binary search per
 * end (plus one addition per whole year between them) and add_seconds() a
 * walk over years then a binary search over days: O(log days) for a year of
 * tickets, whatever the span.  Days on which the clocks change are worked
 * out through GTimeZone range by range; every other day is its local
 * midnight plus the wall-clock offsets of its ranges.
 */

#define G_LOG_DOMAIN "CrmSla"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>

#include "crm-sla.h"

G_DEFINE_QUARK (crm-sla-error-quark, crm_sla_error)

#define DAY G_GINT64_CONSTANT (86400)
/* The years the calendar answers for; instants outside are clamped. */
#define MIN_YEAR 1900
#define MAX_YEAR 9999
/* More ranges than this in one day are refused by the parser. */
#define MAX_RANGES 16

typedef struct
{
  int start;   /* seconds after local midnight */
  int end;     /* exclusive; 86400 = midnight at the end of the day */
} Range;

typedef struct
{
  Range ranges[MAX_RANGES];
  int   n;
} Day;

typedef struct
{
  int     year;
  gint64  first_day;   /* day number (days since 1970-01-01) of 1 January */
  int     n_days;
  gint64 *start;       /* [n_days + 1]: UTC instant each local day begins */
  gint64 *prefix;      /* [n_days + 1]: business seconds of the year before each day */
} Year;

struct _CrmBusinessCalendar
{
  gatomicrefcount  ref_count;
  GTimeZone       *tz;
  char            *timezone;
  char            *hours;
  Day              week[7];        /* Monday first */
  gint64           week_seconds;
  GHashTable      *holidays;       /* day number -> itself */
  GMutex           lock;           /* guards years */
  GHashTable      *years;          /* year -> Year */
};

G_DEFINE_BOXED_TYPE (CrmBusinessCalendar, crm_business_calendar,
                     crm_business_calendar_ref, crm_business_calendar_unref)

/* --- Civil dates (H. Hinnant's algorithms, proleptic Gregorian) --- */

static gint64
floor_div (gint64 a,
           gint64 b)
{
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = floor_div (y, 400);
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static gint64
year_of_day (gint64 z)
{
  gint64 era, doe, yoe, y, doy, mp;

  z += 719468;
  era = floor_div (z, 146097);
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  return y + (mp >= 10);
}

/* Monday = 0; 1970-01-01 was a Thursday. */
static int
weekday_of_day (gint64 day)
{
  return (int) (day + 3 - floor_div (day + 3, 7) * 7);
}

static gboolean
parse_iso_day (const char *text,
               gint64     *out)
{
  unsigned y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  *out = days_from_civil (y, m, d);
  return TRUE;
}

/* --- Parsing the working hours --- */

static const char *day_names[7] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
static const char *long_day_names[7] = { "monday", "tuesday", "wednesday", "thursday", "friday",
                                         "saturday", "sunday" };

static int
parse_day_name (const char *text)
{
  g_autofree char *down = g_ascii_strdown (text, -1);

  for (int i = 0; i < 7; i++)
    if (g_str_equal (down, day_names[i]) || g_str_equal (down, long_day_names[i]))
      return i;
  return -1;
}

static gboolean bad_hours (GError     **error,
                           const char  *format,
                           ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad_hours (GError     **error,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CRM_SLA_ERROR, CRM_SLA_ERROR_BAD_HOURS, message);
  return FALSE;
}

/* "mon-fri", "mon,wed,fri", "sat": sets days[0..6]. */
static gboolean
parse_days (const char  *text,
            gboolean     days[7],
            GError     **error)
{
  g_auto(GStrv) items = g_strsplit (text, ",", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) ends = g_strsplit (g_strstrip (items[i]), "-", 3);
      int first, last;

      if (g_strv_length (ends) > 2 || ends[0] == NULL)
        return bad_hours (error, _("“%s” is not a day or a range of days (such as mon-fri)."), items[i]);
      first = parse_day_name (g_strstrip (ends[0]));
      last = ends[1] != NULL ? parse_day_name (g_strstrip (ends[1])) : first;
      if (first < 0 || last < 0)
        return bad_hours (error,
                          /* Translators: the day names are keys: do not translate them */
                          _("“%s” is not a day of the week (mon, tue, wed, thu, fri, sat or sun)."),
                          items[i]);
      for (int d = first;; d = (d + 1) % 7)
        {
          days[d] = TRUE;
          if (d == last)
            break;
        }
    }
  return TRUE;
}

/* "09:00" or "9:00"; 24:00 only when @is_end. */
static gboolean
parse_clock (const char *text,
             gboolean    is_end,
             int        *out)
{
  const char *colon = strchr (text, ':');
  gsize hlen = colon != NULL ? (gsize) (colon - text) : 0;
  int h, m;

  if (colon == NULL || hlen < 1 || hlen > 2 || strlen (colon + 1) != 2 ||
      !g_ascii_isdigit (text[0]) || (hlen == 2 && !g_ascii_isdigit (text[1])) ||
      !g_ascii_isdigit (colon[1]) || !g_ascii_isdigit (colon[2]))
    return FALSE;
  h = atoi (text);
  m = atoi (colon + 1);
  if (m > 59 || h > 24 || (h == 24 && (m != 0 || !is_end)))
    return FALSE;
  *out = h * 3600 + m * 60;
  return TRUE;
}

static gboolean
parse_range (const char  *text,
             Range       *range,
             GError     **error)
{
  g_autofree char *compact = g_strdup (text);
  g_auto(GStrv) ends = NULL;
  char *w = compact;

  /* "09:00 - 17:00" reads like "09:00-17:00". */
  for (const char *r = text; *r != '\0'; r++)
    if (!g_ascii_isspace (*r))
      *w++ = *r;
  *w = '\0';
  ends = g_strsplit (compact, "-", -1);
  if (g_strv_length (ends) != 2 || !parse_clock (ends[0], FALSE, &range->start) ||
      !parse_clock (ends[1], TRUE, &range->end))
    return bad_hours (error, _("“%s” is not a range of hours such as 09:00-17:00."), text);
  if (range->start >= range->end)
    return bad_hours (error, _("The range of hours “%s” ends before it begins."), text);
  return TRUE;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  return ((const Range *) a)->start - ((const Range *) b)->start;
}

static gboolean
add_ranges (Day         *day,
            const Range *ranges,
            int          n,
            const char  *group,
            GError     **error)
{
  if (day->n + n > MAX_RANGES)
    return bad_hours (error, _("Too many ranges of hours in one day in “%s”."), group);
  memcpy (day->ranges + day->n, ranges, n * sizeof (Range));
  day->n += n;
  qsort (day->ranges, day->n, sizeof (Range), compare_ranges);
  for (int i = 1; i < day->n; i++)
    if (day->ranges[i].start < day->ranges[i - 1].end)
      return bad_hours (error, _("Ranges of hours overlap in “%s”."), group);
  return TRUE;
}

/* One group: "mon-thu 08:30-12:00,13:00-17:30": the days are everything
 * before the first digit (day names have none). */
static gboolean
parse_group (const char  *group,
             Day          week[7],
             GError     **error)
{
  gboolean days[7] = { FALSE, };
  Range ranges[MAX_RANGES];
  g_autofree char *day_text = NULL;
  g_auto(GStrv) parts = NULL;
  const char *digit = group;
  int n = 0;

  while (*digit != '\0' && !g_ascii_isdigit (*digit))
    digit++;
  day_text = g_strstrip (g_strndup (group, digit - group));
  if (*digit == '\0' || day_text[0] == '\0')
    return bad_hours (error, _("“%s” needs days and hours, such as “mon-fri 09:00-17:00”."), group);
  if (!parse_days (day_text, days, error))
    return FALSE;

  parts = g_strsplit (digit, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (n == MAX_RANGES)
        return bad_hours (error, _("Too many ranges of hours in one day in “%s”."), group);
      if (!parse_range (parts[i], &ranges[n++], error))
        return FALSE;
    }
  for (int d = 0; d < 7; d++)
    if (days[d] && !add_ranges (&week[d], ranges, n, group, error))
      return FALSE;
  return TRUE;
}

static gboolean
parse_hours (const char  *hours,
             Day          week[7],
             GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (hours != NULL ? hours : ""));
  g_auto(GStrv) groups = NULL;
  guint n_groups = 0;

  memset (week, 0, 7 * sizeof (Day));
  if (g_ascii_strcasecmp (text, "24/7") == 0)
    {
      for (int d = 0; d < 7; d++)
        {
          week[d].ranges[0] = (Range) { 0, (int) DAY };
          week[d].n = 1;
        }
      return TRUE;
    }

  groups = g_strsplit (text, ";", -1);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_strstrip (groups[i]);
      if (groups[i][0] == '\0')
        continue;
      if (!parse_group (groups[i], week, error))
        return FALSE;
      n_groups++;
    }
  if (n_groups == 0)
    {
      g_set_error_literal (error, CRM_SLA_ERROR, CRM_SLA_ERROR_BAD_HOURS,
                           _("No working hours were given (for example “mon-fri 09:00-17:00”)."));
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_business_hours_validate (const char  *hours,
                             GError     **error)
{
  Day week[7];

  return parse_hours (hours, week, error);
}

/* --- Years --- */

static void
year_free (gpointer data)
{
  Year *y = data;

  g_free (y->start);
  g_free (y->prefix);
  g_free (y);
}

/* The UTC instant of local time @local (seconds since 1970 as if local
 * were UTC); a time skipped by a clock change becomes the instant the
 * change happened, an ambiguous one its first occurrence. */
static gint64
utc_of_local (GTimeZone *tz,
              gint64     local)
{
  gint64 t = local;
  int interval = g_time_zone_adjust_time (tz, G_TIME_TYPE_DAYLIGHT, &t);

  return t - g_time_zone_get_offset (tz, interval);
}

/* The business ranges of local day @day (a day number) that begins at
 * UTC @start and ends at @end, as UTC instants; returns how many. */
static int
day_ranges (CrmBusinessCalendar *self,
            gint64               day,
            gint64               start,
            gint64               end,
            gint64               out[][2])
{
  const Day *d = &self->week[weekday_of_day (day)];
  gboolean plain = end - start == DAY;

  if (d->n == 0 || g_hash_table_contains (self->holidays, &day))
    return 0;
  for (int i = 0; i < d->n; i++)
    {
      const Range *r = &d->ranges[i];

      if (plain)
        {
          out[i][0] = start + r->start;
          out[i][1] = start + r->end;
        }
      else
        {
          /* The clocks change today: each end through the time zone. */
          out[i][0] = MAX (start, utc_of_local (self->tz, day * DAY + r->start));
          out[i][1] = r->end == DAY ? end : utc_of_local (self->tz, day * DAY + r->end);
          out[i][1] = CLAMP (out[i][1], out[i][0], end);
        }
    }
  return d->n;
}

static gint64
day_seconds (CrmBusinessCalendar *self,
             gint64               day,
             gint64               start,
             gint64               end)
{
  gint64 ranges[MAX_RANGES][2];
  int n = day_ranges (self, day, start, end, ranges);
  gint64 sum = 0;

  for (int i = 0; i < n; i++)
    sum += ranges[i][1] - ranges[i][0];
  return sum;
}

/* Business seconds of local day @day before instant @t. */
static gint64
day_seconds_before (CrmBusinessCalendar *self,
                    gint64               day,
                    gint64               start,
                    gint64               end,
                    gint64               t)
{
  gint64 ranges[MAX_RANGES][2];
  int n = day_ranges (self, day, start, end, ranges);
  gint64 sum = 0;

  for (int i = 0; i < n; i++)
    sum += CLAMP (t, ranges[i][0], ranges[i][1]) - ranges[i][0];
  return sum;
}

static Year *
get_year (CrmBusinessCalendar *self,
          int                  year)
{
  Year *y = g_hash_table_lookup (self->years, GINT_TO_POINTER (year));

  if (y != NULL)
    return y;

  y = g_new0 (Year, 1);
  y->year = year;
  y->first_day = days_from_civil (year, 1, 1);
  y->n_days = (int) (days_from_civil (year + 1, 1, 1) - y->first_day);
  y->start = g_new (gint64, y->n_days + 1);
  y->prefix = g_new (gint64, y->n_days + 1);
  for (int i = 0; i <= y->n_days; i++)
    y->start[i] = utc_of_local (self->tz, (y->first_day + i) * DAY);
  y->prefix[0] = 0;
  for (int i = 0; i < y->n_days; i++)
    y->prefix[i + 1] = y->prefix[i] + day_seconds (self, y->first_day + i, y->start[i],
                                                   y->start[i + 1]);
  g_hash_table_insert (self->years, GINT_TO_POINTER (year), y);
  return y;
}

static gint64
year_total (Year *y)
{
  return y->prefix[y->n_days];
}

/* The local year and day index of instant @t (clamped to the years the
 * calendar knows). */
static Year *
locate (CrmBusinessCalendar *self,
        gint64               t,
        int                 *day_index)
{
  int guess = (int) CLAMP (year_of_day (floor_div (t, DAY)), MIN_YEAR, MAX_YEAR);
  Year *y = get_year (self, guess);
  int lo, hi;

  if (t < y->start[0] && guess > MIN_YEAR)
    y = get_year (self, guess - 1);
  else if (t >= y->start[y->n_days] && guess < MAX_YEAR)
    y = get_year (self, guess + 1);

  /* The last day whose start is at or before t. */
  lo = 0;
  hi = y->n_days - 1;
  if (t < y->start[0])
    hi = 0;
  while (lo < hi)
    {
      int mid = (lo + hi + 1) / 2;

      if (y->start[mid] <= t)
        lo = mid;
      else
        hi = mid - 1;
    }
  *day_index = lo;
  return y;
}

/* Business seconds of @t's local year before @t. */
static gint64
seconds_in_year_before (CrmBusinessCalendar *self,
                        Year                *y,
                        int                  i,
                        gint64               t)
{
  return y->prefix[i] + day_seconds_before (self, y->first_day + i, y->start[i], y->start[i + 1], t);
}

/* --- Public API --- */

CrmBusinessCalendar *
crm_business_calendar_new (const char  *zone,
                           const char  *hours,
                           GError     **error)
{
  CrmBusinessCalendar *self;
  GTimeZone *tz;
  Day week[7];

  if (!parse_hours (hours, week, error))
    return NULL;
  if (zone == NULL || zone[0] == '\0' || g_str_equal (zone, "UTC"))
    tz = g_time_zone_new_utc ();
  else if ((tz = g_time_zone_new_identifier (zone)) == NULL)
    {
      g_set_error (error, CRM_SLA_ERROR, CRM_SLA_ERROR_BAD_TIMEZONE,
                   _("“%s” is not a time zone this computer knows (such as Europe/Berlin)."),
                   zone);
      return NULL;
    }

  self = g_new0 (CrmBusinessCalendar, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->tz = tz;
  self->timezone = g_strdup (zone != NULL && zone[0] != '\0' ? zone : "UTC");
  self->hours = g_strstrip (g_strdup (hours));
  memcpy (self->week, week, sizeof week);
  for (int d = 0; d < 7; d++)
    for (int i = 0; i < week[d].n; i++)
      self->week_seconds += week[d].ranges[i].end - week[d].ranges[i].start;
  self->holidays = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_mutex_init (&self->lock);
  self->years = g_hash_table_new_full (NULL, NULL, NULL, year_free);
  return self;
}

CrmBusinessCalendar *
crm_business_calendar_ref (CrmBusinessCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
crm_business_calendar_unref (CrmBusinessCalendar *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_time_zone_unref (self->tz);
  g_free (self->timezone);
  g_free (self->hours);
  g_hash_table_unref (self->holidays);
  g_hash_table_unref (self->years);
  g_mutex_clear (&self->lock);
  g_free (self);
}

gboolean
crm_business_calendar_add_holiday (CrmBusinessCalendar *self,
                                   const char          *day)
{
  gint64 n;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!parse_iso_day (day, &n))
    return FALSE;
  g_mutex_lock (&self->lock);
  if (!g_hash_table_contains (self->holidays, &n))
    {
      g_hash_table_add (self->holidays, g_memdup2 (&n, sizeof n));
      /* Only the year of the day changes, but this happens while setting up. */
      g_hash_table_remove_all (self->years);
    }
  g_mutex_unlock (&self->lock);
  return TRUE;
}

const char *
crm_business_calendar_get_timezone (CrmBusinessCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->timezone;
}

const char *
crm_business_calendar_get_hours (CrmBusinessCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->hours;
}

gint64
crm_business_calendar_get_week_seconds (CrmBusinessCalendar *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->week_seconds;
}

gboolean
crm_business_calendar_is_open (CrmBusinessCalendar *self,
                               gint64               t)
{
  gint64 ranges[MAX_RANGES][2];
  gboolean open = FALSE;
  Year *y;
  int i, n;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&self->lock);
  y = locate (self, t, &i);
  n = day_ranges (self, y->first_day + i, y->start[i], y->start[i + 1], ranges);
  for (int r = 0; r < n && !open; r++)
    open = ranges[r][0] <= t && t < ranges[r][1];
  g_mutex_unlock (&self->lock);
  return open;
}

static gint64
seconds_between_locked (CrmBusinessCalendar *self,
                        gint64               from,
                        gint64               to)
{
  int fi, ti;
  Year *fy = locate (self, from, &fi);
  gint64 before_from = seconds_in_year_before (self, fy, fi, from);
  int from_year = fy->year;
  Year *ty = locate (self, to, &ti);
  gint64 sum;

  /* Years are kept while the lock is held, so fy stays valid. */
  sum = seconds_in_year_before (self, ty, ti, to);
  for (int year = from_year; year < ty->year; year++)
    sum += year_total (get_year (self, year));
  return sum - before_from;
}

gint64
crm_business_calendar_seconds_between (CrmBusinessCalendar *self,
                                       gint64               from,
                                       gint64               to)
{
  gint64 result;

  g_return_val_if_fail (self != NULL, 0);

  if (from == to)
    return 0;
  if (to < from)
    return -crm_business_calendar_seconds_between (self, to, from);

  g_mutex_lock (&self->lock);
  result = seconds_between_locked (self, from, to);
  g_mutex_unlock (&self->lock);
  return result;
}

/* The instant the @target-th business second of year @y ends
 * (0 < @target <= the year's total). */
static gint64
instant_in_year (CrmBusinessCalendar *self,
                 Year                *y,
                 gint64               target)
{
  gint64 ranges[MAX_RANGES][2];
  int lo = 0, hi = y->n_days - 1, n;

  /* The first day by whose end @target seconds have passed. */
  while (lo < hi)
    {
      int mid = (lo + hi) / 2;

      if (y->prefix[mid + 1] >= target)
        hi = mid;
      else
        lo = mid + 1;
    }
  target -= y->prefix[lo];
  n = day_ranges (self, y->first_day + lo, y->start[lo], y->start[lo + 1], ranges);
  for (int i = 0; i < n; i++)
    {
      gint64 len = ranges[i][1] - ranges[i][0];

      if (target <= len)
        return ranges[i][0] + target;
      target -= len;
    }
  g_assert_not_reached ();
  return y->start[lo + 1];
}

gint64
crm_business_calendar_add_seconds (CrmBusinessCalendar *self,
                                   gint64               from,
                                   gint64               business_seconds)
{
  gint64 target, result = G_MAXINT64;
  Year *y;
  int i;

  g_return_val_if_fail (self != NULL, from);

  if (business_seconds <= 0)
    return from;
  if (self->week_seconds == 0)
    return G_MAXINT64;

  g_mutex_lock (&self->lock);
  y = locate (self, from, &i);
  target = seconds_in_year_before (self, y, i, from) + business_seconds;
  while (target > year_total (y) && y->year < MAX_YEAR)
    {
      target -= year_total (y);
      y = get_year (self, y->year + 1);
    }
  if (target <= year_total (y))
    result = instant_in_year (self, y, target);
  g_mutex_unlock (&self->lock);
  return result;
}

/* --- Policies --- */

static gboolean
is_any (const char *key)
{
  return key == NULL || key[0] == '\0';
}

int
crm_sla_policy_match (const char *policy_priority,
                      const char *policy_tier,
                      const char *priority,
                      const char *tier)
{
  if (!is_any (policy_priority) && g_strcmp0 (policy_priority, priority) != 0)
    return -1;
  if (!is_any (policy_tier) && g_strcmp0 (policy_tier, tier) != 0)
    return -1;
  return (is_any (policy_priority) ? 0 : 2) + (is_any (policy_tier) ? 0 : 1);
}

int
crm_sla_choose_policy (const CrmSlaPolicyKey *policies,
                       guint                  n_policies,
                       const char            *priority,
                       const char            *tier)
{
  int best = -1, best_score = -1;

  g_return_val_if_fail (policies != NULL || n_policies == 0, -1);

  for (guint i = 0; i < n_policies; i++)
    {
      int score = crm_sla_policy_match (policies[i].priority, policies[i].tier, priority, tier);

      if (score > best_score)
        {
          best = (int) i;
          best_score = score;
        }
    }
  return best;
}

const char *
crm_sla_customer_tier (const char *organization_tier)
{
  return is_any (organization_tier) ? "consumer" : organization_tier;
}

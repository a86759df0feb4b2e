/* crm-service-kpi-clock.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The business clock table of the service KPIs (see
 * crm-service-kpi-private.h), and selecting order statistics.
 */

#define G_LOG_DOMAIN "CrmServiceKpi"

#include "config.h"

#include <stdlib.h>

#include "crm-service-kpi-private.h"

/* Longer spans are not tabled: their instants ask the calendar. */
#define MAX_DAYS 4000

typedef struct
{
  gint64 start;
  gint64 cum;          /* business seconds from the first day's start to @start */
  guint  first_span;   /* its spans: spans[first_span .. next day's first_span) */
} Day;

typedef struct
{
  gint64 start;
  gint64 end;
} Span;

struct _CrmKpiClock
{
  CrmBusinessCalendar *calendar;
  GTimeZone           *tz;
  GArray              *days;    /* Day, the last one the end of the table */
  GArray              *spans;   /* Span */
  guint                day_first_span;   /* of the day being made */
  guint                n_calls;
};

CrmKpiClock *
_crm_kpi_clock_new (CrmBusinessCalendar *calendar)
{
  CrmKpiClock *self = g_new0 (CrmKpiClock, 1);
  const char *zone = crm_business_calendar_get_timezone (calendar);

  self->calendar = crm_business_calendar_ref (calendar);
  /* Local days make the weekly guesses right; any partition of time would
   * be correct, as every day is checked. */
  self->tz = zone != NULL && zone[0] != '\0' ? g_time_zone_new_identifier (zone) : NULL;
  if (self->tz == NULL)
    self->tz = g_time_zone_new_utc ();
  self->days = g_array_new (FALSE, FALSE, sizeof (Day));
  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  return self;
}

void
_crm_kpi_clock_free (CrmKpiClock *self)
{
  if (self == NULL)
    return;
  crm_business_calendar_unref (self->calendar);
  g_time_zone_unref (self->tz);
  g_array_unref (self->days);
  g_array_unref (self->spans);
  g_free (self);
}

guint
_crm_kpi_clock_get_n_calls (CrmKpiClock *self)
{
  return self->n_calls;
}

static gint64
ask (CrmKpiClock *self,
     gint64       from,
     gint64       to)
{
  self->n_calls++;
  return crm_business_calendar_seconds_between (self->calendar, from, to);
}

static void
append_span (CrmKpiClock *self,
             gint64       start,
             gint64       end)
{
  Span span = { start, end };

  /* Spans of one day only: the next day's start ends them. */
  if (self->spans->len > self->day_first_span)
    {
      Span *last = &g_array_index (self->spans, Span, self->spans->len - 1);

      if (last->end == start)
        {
          last->end = end;
          return;
        }
    }
  g_array_append_val (self->spans, span);
}

/* The open spans of [a, b), which holds @business seconds, by halving. */
static void
find_spans (CrmKpiClock *self,
            gint64       a,
            gint64       b,
            gint64       business)
{
  gint64 mid, left;

  if (business <= 0 || b <= a)
    return;
  if (business >= b - a)
    {
      append_span (self, a, b);
      return;
    }
  mid = a + (b - a) / 2;
  left = ask (self, a, mid);
  find_spans (self, a, mid, left);
  find_spans (self, mid, b, business - left);
}

/* Whether the spans of the day starting at index @model, moved to start at
 * @a, are the spans of [a, b) holding @business seconds; appends them if so. */
static gboolean
try_model (CrmKpiClock *self,
           guint        model,
           gint64       a,
           gint64       b,
           gint64       business)
{
  const Day *m = &g_array_index (self->days, Day, model);
  guint first = m->first_span;
  guint last = model + 1 < self->days->len ? g_array_index (self->days, Day, model + 1).first_span
                                           : self->spans->len;
  gint64 shift = a - m->start;
  gint64 sum = 0;

  for (guint i = first; i < last; i++)
    {
      const Span *s = &g_array_index (self->spans, Span, i);

      if (s->start + shift < a || s->end + shift > b)
        return FALSE;
      sum += s->end - s->start;
    }
  if (sum != business)
    return FALSE;
  for (guint i = first; i < last; i++)
    {
      const Span *s = &g_array_index (self->spans, Span, i);

      if (ask (self, s->start + shift, s->end + shift) != s->end - s->start)
        return FALSE;
    }
  /* The spans hold every business second of the day: the gaps hold none. */
  for (guint i = first; i < last; i++)
    {
      Span s = g_array_index (self->spans, Span, i);

      g_array_append_val (self->spans, ((Span) { s.start + shift, s.end + shift }));
    }
  return TRUE;
}

static gint64
local_midnight (CrmKpiClock *self,
                gint64       t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, self->tz) : NULL;
  g_autoptr(GDateTime) midnight = NULL;

  if (local == NULL)
    return t;
  midnight = g_date_time_new (self->tz, g_date_time_get_year (local), g_date_time_get_month (local),
                              g_date_time_get_day_of_month (local), 0, 0, 0);
  return midnight != NULL && g_date_time_to_unix (midnight) <= t ? g_date_time_to_unix (midnight)
                                                                 : t - t % 86400;
}

static gint64
next_midnight (CrmKpiClock *self,
               gint64       midnight)
{
  /* Noon of the day is in the day whatever the clocks do at night. */
  gint64 next = local_midnight (self, midnight + 36 * 3600);

  return next > midnight ? next : midnight + 86400;
}

void
_crm_kpi_clock_prepare (CrmKpiClock *self,
                        gint64       from,
                        gint64       to)
{
  gint64 a, cum = 0;
  guint n = 0;

  g_return_if_fail (self != NULL);

  if (self->days->len > 0 && g_array_index (self->days, Day, 0).start <= from &&
      g_array_index (self->days, Day, self->days->len - 1).start >= to)
    return;
  g_array_set_size (self->days, 0);
  g_array_set_size (self->spans, 0);
  if (to <= from)
    return;

  for (a = local_midnight (self, from); a < to && n < MAX_DAYS; n++)
    {
      gint64 b = next_midnight (self, a);
      gint64 business = ask (self, a, b);
      Day day = { a, cum, self->spans->len };
      guint index = self->days->len;

      g_array_append_val (self->days, day);
      self->day_first_span = day.first_span;
      if (business > 0 &&
          !(index >= 7 && try_model (self, index - 7, a, b, business)) &&
          !(index >= 1 && try_model (self, index - 1, a, b, business)))
        {
          g_array_set_size (self->spans, day.first_span);
          find_spans (self, a, b, business);
        }
      cum += business;
      a = b;
    }
  g_array_append_val (self->days, ((Day) { a, cum, self->spans->len }));
}

/* Business seconds from the table's start to @t (inside the table). */
static gint64
cumulative (CrmKpiClock *self,
            gint64       t)
{
  const Day *days = (const Day *) (gpointer) self->days->data;
  const Span *spans = (const Span *) (gpointer) self->spans->data;
  guint last = self->days->len - 1;
  gint64 guess = (t - days[0].start) / 86400;
  guint i;
  gint64 sum;

  if (t >= days[last].start)
    return days[last].cum;
  /* Days are 23 to 25 hours long: the guess is a day off at most, mostly. */
  i = (guint) CLAMP (guess, 0, (gint64) last - 1);
  while (i > 0 && days[i].start > t)
    i--;
  while (i + 1 < last && days[i + 1].start <= t)
    i++;
  sum = days[i].cum;
  for (guint j = days[i].first_span; j < days[i + 1].first_span && spans[j].start < t; j++)
    sum += MIN (spans[j].end, t) - spans[j].start;
  return sum;
}

gint64
_crm_kpi_clock_between (CrmKpiClock *self,
                        gint64       from,
                        gint64       to)
{
  if (to < from)
    return -_crm_kpi_clock_between (self, to, from);
  if (to == from)
    return 0;
  if (self->days->len < 2 || from < g_array_index (self->days, Day, 0).start ||
      to > g_array_index (self->days, Day, self->days->len - 1).start)
    return ask (self, from, to);
  return cumulative (self, to) - cumulative (self, from);
}

/* --- order statistics --- */

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
swap (gint64 *a,
      gint64 *b)
{
  gint64 t = *a;

  *a = *b;
  *b = t;
}

gint64
_crm_service_kpi_select (gint64 *values,
                         gsize   n_values,
                         gsize   n)
{
  gsize lo = 0, hi = n_values;   /* the n-th lies in [lo, hi) */
  guint rounds = 0;

  g_return_val_if_fail (n < n_values, 0);

  while (hi - lo > 16)
    {
      gint64 a = values[lo], b = values[lo + (hi - lo) / 2], c = values[hi - 1];
      gint64 pivot = MAX (MIN (a, b), MIN (MAX (a, b), c));
      gsize lt = lo, i = lo, gt = hi;

      /* Three ways, so that many equal values cost nothing. */
      while (i < gt)
        {
          if (values[i] < pivot)
            swap (&values[lt++], &values[i++]);
          else if (values[i] > pivot)
            swap (&values[i], &values[--gt]);
          else
            i++;
        }
      if (n < lt)
        hi = lt;
      else if (n >= gt)
        lo = gt;
      else
        return pivot;
      /* Bad pivots again and again: sort what is left. */
      if (++rounds > 64)
        break;
    }
  qsort (values + lo, hi - lo, sizeof (gint64), compare_int64);
  return values[n];
}

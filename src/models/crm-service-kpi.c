/* crm-service-kpi.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service KPI builder: every ticket counts at once into the total, its
 * channel, its priority, its segment and the trend buckets of its events;
 * only the first response times are kept (compactly) until the waits are
 * known, then their medians and 90th percentiles are selected per slice.
 * See crm-service-kpi.h for the definitions.
 */

#define G_LOG_DOMAIN "CrmServiceKpi"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "crm-service-kpi.h"
#include "crm-service-kpi-private.h"

#define DAY_SECONDS 86400
/* Buckets are looked up by quarter hours (local midnights fall on them in
 * every zone); a quarter hour that holds a boundary is looked up by search. */
#define SLOT 900
#define SLOT_SPLIT (-2)
#define MAX_SLOTS (4 * 1024 * 1024)
/* The business clocks' tables reach this far before the period: its first
 * responses are mostly to tickets of the weeks before it (older ones ask the
 * calendar directly). */
#define CLOCK_MARGIN (35 * DAY_SECONDS)

static const char * const channels[] = {
  "email", "phone", "chat", "web-form", "social", "in-person", "self-service", NULL
};
static const char * const priorities[] = { "urgent", "high", "normal", "low", NULL };

/* The counts of one slice. */
typedef struct
{
  guint   n_rated;
  guint   n_satisfied;
  guint64 csat_sum;
  guint   n_created;
  guint   n_resolved;
  guint   n_resolved_with_target;
  guint   n_resolved_within_target;
  guint   n_self_service;
  guint   n_fr_targets;
  guint   n_fr_met;
  guint   n_res_targets;
  guint   n_res_met;
  guint   n_sla_tickets;
  guint   n_sla_met;
  guint   backlog_start;
  guint   backlog_end;
} Acc;

/* A first response counted in the period, until the waits are known. */
typedef struct
{
  gint64  id;
  gint64  created;
  gint64  first_response;
  gint64  value;       /* business seconds, less the waits added so far */
  gint64  waited_to;   /* the end of the last wait taken off (waits come in order) */
  gint16  calendar;
  guint8  channel;
  guint8  priority;
  guint8  segment;
  gint16  bucket;      /* -1: in no trend bucket */
} Frt;

typedef struct
{
  GPtrArray *keys;     /* char * */
  GArray    *accs;     /* Acc, parallel */
} Groups;

/* The median and 90th percentile of the first responses of one slice. */
typedef struct
{
  guint   n;
  double  median;
  double  p90;
} Stats;

typedef struct
{
  Stats   total;
  Stats   segments[CRM_SERVICE_KPI_N_SEGMENTS];
  Stats  *channels;
  guint   n_channels;
  Stats  *priorities;
  guint   n_priorities;
  Stats  *buckets;
  guint   n_buckets;
} FrtStats;

static void
frt_stats_free (FrtStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->channels);
  g_free (stats->priorities);
  g_free (stats->buckets);
  g_free (stats);
}

struct _CrmServiceKpiBuilder
{
  gint64      from;
  gint64      to;
  gint64      now;
  gint64      backlog_start_at;
  gint64      backlog_end_at;
  CrmServiceKpiBucket bucket;
  GArray     *bounds;          /* gint64: bucket i is [bounds[i], bounds[i + 1]) */
  gint16     *slots;           /* the bucket of each SLOT seconds from bounds[0]; NULL: none */
  gsize       n_slots;
  GArray     *bucket_accs;     /* Acc */
  int        *end_diff;        /* backlog at each bucket's end, as differences */
  int        *start_diff;

  GPtrArray  *calendars;       /* CrmBusinessCalendar */
  GPtrArray  *clocks;          /* CrmKpiClock, made when first needed */

  Acc         total;
  Groups      channels;
  Groups      priorities;
  Acc         segments[CRM_SERVICE_KPI_N_SEGMENTS];

  GArray     *frts;            /* Frt */
  gboolean    frts_sorted;     /* by id */
  gint64      wait_from;       /* the earliest creation of a counted first response */
  FrtStats   *frt_stats;       /* made ahead by _crm_service_kpi_builder_prepare (), until
                                * another first response or wait changes them */
};

/* --- periods --- */

static GTimeZone *
zone_or_local (GTimeZone *tz)
{
  return tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
}

static GDateTime *
local_time (gint64     t,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
}

static gint64
midnight_of (GTimeZone *tz,
             int        year,
             int        month,
             int        day)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, 0, 0, 0);

  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* The first bucket boundary after @t. */
static gint64
next_bound (CrmServiceKpiBucket  bucket,
            GTimeZone           *tz,
            gint64               t)
{
  g_autoptr(GDateTime) local = local_time (t, tz);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) next = NULL;
  gint64 result;

  if (local == NULL)
    return G_MAXINT64;
  start = g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                           bucket == CRM_SERVICE_KPI_BUCKET_MONTH ? 1
                           : g_date_time_get_day_of_month (local), 0, 0, 0);
  if (start == NULL)
    return G_MAXINT64;
  if (bucket == CRM_SERVICE_KPI_BUCKET_MONTH)
    next = g_date_time_add_months (start, 1);
  else if (bucket == CRM_SERVICE_KPI_BUCKET_WEEK)
    next = g_date_time_add_days (start, 8 - g_date_time_get_day_of_week (local));
  else
    next = g_date_time_add_days (start, 1);
  result = next != NULL ? g_date_time_to_unix (next) : G_MAXINT64;
  /* A zone whose midnight does not exist on some day could land at or
   * before @t: never stand still. */
  return result > t ? result : t + DAY_SECONDS;
}

CrmServiceKpiBucket
crm_service_kpi_choose_bucket (gint64 from,
                               gint64 to)
{
  /* An hour of slack for the clock changes in a period. */
  if (to - from <= 14 * DAY_SECONDS + 3600)
    return CRM_SERVICE_KPI_BUCKET_DAY;
  if (to - from <= 92 * DAY_SECONDS + 3600)
    return CRM_SERVICE_KPI_BUCKET_WEEK;
  return CRM_SERVICE_KPI_BUCKET_MONTH;
}

void
crm_service_kpi_get_period (CrmServiceKpiPeriod  period,
                            gint64               now,
                            GTimeZone           *tz,
                            gint64              *from,
                            gint64              *to)
{
  g_autoptr(GTimeZone) zone = zone_or_local (tz);
  g_autoptr(GDateTime) local = local_time (now, zone);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  int year, month, day;

  g_return_if_fail (from != NULL && to != NULL);

  *from = *to = now;
  if (local == NULL)
    return;
  year = g_date_time_get_year (local);
  month = g_date_time_get_month (local);
  day = g_date_time_get_day_of_month (local);

  switch (period)
    {
    case CRM_SERVICE_KPI_THIS_WEEK:
      {
        g_autoptr(GDateTime) today = g_date_time_new (zone, year, month, day, 0, 0, 0);

        start = g_date_time_add_days (today, 1 - g_date_time_get_day_of_week (local));
        end = g_date_time_add_days (start, 7);
      }
      break;
    case CRM_SERVICE_KPI_THIS_MONTH:
      start = g_date_time_new (zone, year, month, 1, 0, 0, 0);
      end = g_date_time_add_months (start, 1);
      break;
    case CRM_SERVICE_KPI_THIS_QUARTER:
      start = g_date_time_new (zone, year, (month - 1) / 3 * 3 + 1, 1, 0, 0, 0);
      end = g_date_time_add_months (start, 3);
      break;
    case CRM_SERVICE_KPI_THIS_YEAR:
      start = g_date_time_new (zone, year, 1, 1, 0, 0, 0);
      end = g_date_time_add_years (start, 1);
      break;
    case CRM_SERVICE_KPI_LAST_12_MONTHS:
    default:
      {
        g_autoptr(GDateTime) first = g_date_time_new (zone, year, month, 1, 0, 0, 0);

        start = g_date_time_add_months (first, -11);
        end = g_date_time_add_months (first, 1);
      }
      break;
    }
  if (start == NULL || end == NULL)
    return;
  *from = g_date_time_to_unix (start);
  *to = g_date_time_to_unix (end);
}

gboolean
crm_service_kpi_parse_day (const char *day,
                           GTimeZone  *tz,
                           gint64     *midnight)
{
  g_autoptr(GTimeZone) zone = NULL;
  int year, month, mday;

  g_return_val_if_fail (midnight != NULL, FALSE);

  if (day == NULL || strlen (day) != 10 || day[4] != '-' || day[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (day[i]))
      return FALSE;
  year = atoi (day);
  month = atoi (day + 5);
  mday = atoi (day + 8);
  if (year < 1970 || !g_date_valid_dmy (mday, month, year))
    return FALSE;
  zone = zone_or_local (tz);
  *midnight = midnight_of (zone, year, month, mday);
  return TRUE;
}

/* The same words and contexts as the ticket pages and the inbox. */
static const struct { const char *key; const char *label; } channel_labels[] = {
  { "email", NC_("ticket channel", "Email") },
  { "phone", NC_("ticket channel", "Phone") },
  { "chat", NC_("ticket channel", "Chat") },
  { "web-form", NC_("ticket channel", "Web Form") },
  { "social", NC_("ticket channel", "Social Media") },
  { "in-person", NC_("ticket channel", "In Person") },
  { "self-service", NC_("ticket channel", "Self-Service") },
};

static const struct { const char *key; const char *label; } priority_labels[] = {
  { "urgent", NC_("ticket priority", "Urgent") },
  { "high", NC_("ticket priority", "High") },
  { "normal", NC_("ticket priority", "Normal") },
  { "low", NC_("ticket priority", "Low") },
};

const char *
crm_service_kpi_channel_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (channel_labels); i++)
    if (g_strcmp0 (channel_labels[i].key, key) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "ticket channel", channel_labels[i].label);
  return key != NULL ? key : "";
}

const char *
crm_service_kpi_priority_label (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (priority_labels); i++)
    if (g_strcmp0 (priority_labels[i].key, key) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "ticket priority", priority_labels[i].label);
  return key != NULL ? key : "";
}

const char *
crm_service_kpi_segment_label (CrmServiceKpiSegment segment)
{
  /* TRANSLATORS: customers that are organizations (business to business) */
  return segment == CRM_SERVICE_KPI_B2B ? C_("segment", "B2B")
  /* TRANSLATORS: customers that are consumers (business to consumer) */
                                        : C_("segment", "B2C");
}

const char *
crm_service_kpi_segment_key (CrmServiceKpiSegment segment)
{
  return segment == CRM_SERVICE_KPI_B2B ? "b2b" : "b2c";
}

char *
crm_service_kpi_format_share (double share)
{
  if (share < 0)
    return g_strdup (C_("no data", "—"));
  /* TRANSLATORS: a percentage with one decimal, e.g. "82.5 %" */
  return g_strdup_printf (_("%.1f %%"), share * 100);
}

char *
crm_service_kpi_format_duration (double seconds)
{
  if (seconds < 0)
    return g_strdup (C_("no data", "—"));
  if (seconds < 3600)
    {
      long minutes = lround (seconds / 60);

      /* TRANSLATORS: a duration in business time, e.g. "45 min" */
      return g_strdup_printf (ngettext ("%ld min", "%ld min", minutes), minutes);
    }
  if (seconds < 10 * 3600)
    /* TRANSLATORS: a duration in business hours with one decimal, e.g. "2.5 h" */
    return g_strdup_printf (_("%.1f h"), seconds / 3600);
  {
    long hours = lround (seconds / 3600);

    /* TRANSLATORS: a duration in whole business hours, e.g. "36 h" */
    return g_strdup_printf (ngettext ("%ld h", "%ld h", hours), hours);
  }
}

const char * const *
crm_service_kpi_get_channels (void)
{
  return channels;
}

const char * const *
crm_service_kpi_get_priorities (void)
{
  return priorities;
}

/* --- the builder --- */

static void
groups_init (Groups             *groups,
             const char * const *known)
{
  groups->keys = g_ptr_array_new_with_free_func (g_free);
  groups->accs = g_array_new (FALSE, TRUE, sizeof (Acc));
  for (guint i = 0; known[i] != NULL; i++)
    {
      g_ptr_array_add (groups->keys, g_strdup (known[i]));
      g_array_set_size (groups->accs, groups->accs->len + 1);
    }
}

static void
groups_clear (Groups *groups)
{
  g_clear_pointer (&groups->keys, g_ptr_array_unref);
  g_clear_pointer (&groups->accs, g_array_unref);
}

/* The index of @key, added when new (at most 255 keys; more share the last). */
static guint
groups_find (Groups     *groups,
             const char *key)
{
  if (key == NULL)
    key = "";
  /* A million times per computation: the first letter tells most apart. */
  for (guint i = 0; i < groups->keys->len; i++)
    {
      const char *known = groups->keys->pdata[i];

      if (known[0] == key[0] && strcmp (known, key) == 0)
        return i;
    }
  if (groups->keys->len >= 255)
    return groups->keys->len - 1;
  g_ptr_array_add (groups->keys, g_strdup (key));
  g_array_set_size (groups->accs, groups->accs->len + 1);
  return groups->keys->len - 1;
}

static Acc *
group_acc (Groups *groups,
           guint   index)
{
  return &g_array_index (groups->accs, Acc, index);
}

/* The trend bucket holding @t, -1 for none. */
static int
search_bucket (CrmServiceKpiBuilder *self,
               gint64                t)
{
  const gint64 *b = (const gint64 *) (gpointer) self->bounds->data;
  guint lo = 0, hi = self->bounds->len - 1;

  while (lo + 1 < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (b[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }
  return (int) lo;
}

static inline int
bucket_of (CrmServiceKpiBuilder *self,
           gint64                t)
{
  const gint64 *b = (const gint64 *) (gpointer) self->bounds->data;
  int slot;

  if (self->bounds->len < 2 || t < b[0] || t >= b[self->bounds->len - 1])
    return -1;
  if (self->slots == NULL)
    return search_bucket (self, t);
  slot = self->slots[(t - b[0]) / SLOT];
  return slot != SLOT_SPLIT ? slot : search_bucket (self, t);
}

static void
make_slots (CrmServiceKpiBuilder *self)
{
  const gint64 *b = (const gint64 *) (gpointer) self->bounds->data;
  guint n = self->bounds->len;
  guint bucket = 0;

  if (n < 2 || (b[n - 1] - b[0]) / SLOT + 1 > MAX_SLOTS)
    return;
  self->n_slots = (b[n - 1] - b[0]) / SLOT + 1;
  self->slots = g_new (gint16, self->n_slots);
  for (gsize i = 0; i < self->n_slots; i++)
    {
      gint64 start = b[0] + (gint64) i * SLOT, end = start + SLOT;

      while (bucket + 2 < n && b[bucket + 1] <= start)
        bucket++;
      self->slots[i] = b[bucket + 1] < end && bucket + 2 < n ? SLOT_SPLIT : (gint16) bucket;
    }
}

CrmServiceKpiBuilder *
crm_service_kpi_builder_new (gint64     from,
                             gint64     to,
                             gint64     now,
                             GTimeZone *tz)
{
  CrmServiceKpiBuilder *self;
  g_autoptr(GTimeZone) zone = zone_or_local (tz);
  gint64 t;

  g_return_val_if_fail (to > from, NULL);

  self = g_new0 (CrmServiceKpiBuilder, 1);
  self->from = from;
  self->to = to;
  self->now = now;
  self->backlog_end_at = MIN (to, now);
  self->backlog_start_at = MIN (from, self->backlog_end_at);
  self->bucket = crm_service_kpi_choose_bucket (from, to);
  self->bounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->bucket_accs = g_array_new (FALSE, TRUE, sizeof (Acc));
  self->calendars = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_business_calendar_unref);
  self->clocks = g_ptr_array_new_with_free_func ((GDestroyNotify) _crm_kpi_clock_free);
  groups_init (&self->channels, channels);
  groups_init (&self->priorities, priorities);
  self->frts = g_array_new (FALSE, FALSE, sizeof (Frt));
  self->frts_sorted = TRUE;
  self->wait_from = G_MAXINT64;

  /* The buckets that have begun by now. */
  for (t = from; t < to && t < now; t = next_bound (self->bucket, zone, t))
    g_array_append_val (self->bounds, t);
  if (self->bounds->len > 0)
    {
      t = MIN (t, to);
      g_array_append_val (self->bounds, t);
      g_array_set_size (self->bucket_accs, self->bounds->len - 1);
    }
  make_slots (self);
  self->end_diff = g_new0 (int, self->bounds->len + 1);
  self->start_diff = g_new0 (int, self->bounds->len + 1);
  return self;
}

void
crm_service_kpi_builder_free (CrmServiceKpiBuilder *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->bounds);
  g_free (self->slots);
  g_array_unref (self->bucket_accs);
  g_free (self->end_diff);
  g_free (self->start_diff);
  g_ptr_array_unref (self->calendars);
  g_ptr_array_unref (self->clocks);
  groups_clear (&self->channels);
  groups_clear (&self->priorities);
  g_array_unref (self->frts);
  frt_stats_free (self->frt_stats);
  g_free (self);
}

static void
acc_add (Acc       *acc,
         const Acc *other)
{
  acc->n_rated += other->n_rated;
  acc->n_satisfied += other->n_satisfied;
  acc->csat_sum += other->csat_sum;
  acc->n_created += other->n_created;
  acc->n_resolved += other->n_resolved;
  acc->n_resolved_with_target += other->n_resolved_with_target;
  acc->n_resolved_within_target += other->n_resolved_within_target;
  acc->n_self_service += other->n_self_service;
  acc->n_fr_targets += other->n_fr_targets;
  acc->n_fr_met += other->n_fr_met;
  acc->n_res_targets += other->n_res_targets;
  acc->n_res_met += other->n_res_met;
  acc->n_sla_tickets += other->n_sla_tickets;
  acc->n_sla_met += other->n_sla_met;
  acc->backlog_start += other->backlog_start;
  acc->backlog_end += other->backlog_end;
}

/* Adds @other's groups to @groups; @map gets each one's index there. */
static void
groups_merge (Groups *groups,
              Groups *other,
              guint8 *map)
{
  for (guint i = 0; i < other->keys->len; i++)
    {
      map[i] = (guint8) groups_find (groups, other->keys->pdata[i]);
      acc_add (&g_array_index (groups->accs, Acc, map[i]), &g_array_index (other->accs, Acc, i));
    }
}

static int
compare_frt_ids (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = ((const Frt *) a)->id, y = ((const Frt *) b)->id;

  return (x > y) - (x < y);
}

void
_crm_service_kpi_builder_merge (CrmServiceKpiBuilder *self,
                                CrmServiceKpiBuilder *other)
{
  guint8 channel_map[256], priority_map[256];
  Frt *mine, *theirs;

  g_return_if_fail (self != NULL && other != NULL);
  g_return_if_fail (self->from == other->from && self->to == other->to && self->now == other->now);
  g_return_if_fail (self->bounds->len == other->bounds->len);
  g_return_if_fail (self->calendars->len == other->calendars->len);

  acc_add (&self->total, &other->total);
  for (guint s = 0; s < CRM_SERVICE_KPI_N_SEGMENTS; s++)
    acc_add (&self->segments[s], &other->segments[s]);
  groups_merge (&self->channels, &other->channels, channel_map);
  groups_merge (&self->priorities, &other->priorities, priority_map);
  for (guint b = 0; b < self->bucket_accs->len; b++)
    acc_add (&g_array_index (self->bucket_accs, Acc, b), &g_array_index (other->bucket_accs, Acc, b));
  for (guint b = 0; b <= self->bounds->len; b++)
    {
      self->end_diff[b] += other->end_diff[b];
      self->start_diff[b] += other->start_diff[b];
    }

  /* The first responses, in one array by id when both are. */
  theirs = (Frt *) (gpointer) other->frts->data;
  for (guint k = 0; k < other->frts->len; k++)
    {
      theirs[k].channel = channel_map[theirs[k].channel];
      theirs[k].priority = priority_map[theirs[k].priority];
    }
  mine = (Frt *) (gpointer) self->frts->data;
  if (!self->frts_sorted || !other->frts_sorted)
    {
      g_array_append_vals (self->frts, theirs, other->frts->len);
      self->frts_sorted = FALSE;
    }
  else if (self->frts->len == 0 || other->frts->len == 0 || mine[self->frts->len - 1].id < theirs[0].id)
    /* Two halves of the ids, the lower one here. */
    g_array_append_vals (self->frts, theirs, other->frts->len);
  else
    {
      GArray *frts = g_array_sized_new (FALSE, FALSE, sizeof (Frt), self->frts->len + other->frts->len);
      Frt *out;
      guint i = 0, j = 0;

      g_array_set_size (frts, self->frts->len + other->frts->len);
      out = (Frt *) (gpointer) frts->data;
      while (i < self->frts->len || j < other->frts->len)
        if (j == other->frts->len || (i < self->frts->len && mine[i].id <= theirs[j].id))
          *out++ = mine[i++];
        else
          *out++ = theirs[j++];
      g_array_unref (self->frts);
      self->frts = frts;
    }
  self->wait_from = MIN (self->wait_from, other->wait_from);
  g_clear_pointer (&self->frt_stats, frt_stats_free);
  crm_service_kpi_builder_free (other);
}

int
crm_service_kpi_builder_add_calendar (CrmServiceKpiBuilder *self,
                                      CrmBusinessCalendar  *calendar)
{
  g_return_val_if_fail (self != NULL && calendar != NULL, -1);
  g_return_val_if_fail (self->calendars->len < G_MAXINT16, -1);

  g_ptr_array_add (self->calendars, crm_business_calendar_ref (calendar));
  g_ptr_array_add (self->clocks, NULL);
  return self->calendars->len - 1;
}

/* Business seconds in [a, b) in @calendar (-1: around the clock). */
static gint64
business_between (CrmServiceKpiBuilder *self,
                  int                   calendar,
                  gint64                a,
                  gint64                b)
{
  CrmKpiClock *clock;

  if (b <= a)
    return 0;
  if (calendar < 0 || (guint) calendar >= self->calendars->len)
    return b - a;
  clock = self->clocks->pdata[calendar];
  if (clock == NULL)
    {
      /* The first responses of the period are mostly to tickets of the
       * weeks before it. */
      clock = _crm_kpi_clock_new (self->calendars->pdata[calendar]);
      _crm_kpi_clock_prepare (clock, self->from - CLOCK_MARGIN,
                              MAX (self->from, MIN (self->to, self->now)) + DAY_SECONDS);
      self->clocks->pdata[calendar] = clock;
    }
  return _crm_kpi_clock_between (clock, a, b);
}

static Acc *
bucket_acc (CrmServiceKpiBuilder *self,
            gint64                t)
{
  int b = bucket_of (self, t);

  return b >= 0 ? &g_array_index (self->bucket_accs, Acc, b) : NULL;
}

static gboolean
in_period (CrmServiceKpiBuilder *self,
           gint64                t)
{
  return t >= self->from && t < self->to;
}

/* New, open or waiting on the customer (or a status nobody knows). */
static gboolean
is_unresolved (const char *status)
{
  if (status == NULL)
    return TRUE;
  switch (status[0])
    {
    case 'r':
      return strcmp (status, "resolved") != 0;
    case 'c':
      return strcmp (status, "closed") != 0;
    default:
      return TRUE;
    }
}

/* The first bucket whose instant (its start, or its end capped at now) is
 * after @t; the number of buckets when none is.  A bucket's end instant is
 * after every instant in it that is before now, and no earlier bucket's is. */
static guint
first_bucket_after (CrmServiceKpiBuilder *self,
                    gint64                t,
                    gboolean              ends)
{
  guint n = self->bucket_accs->len;
  int bucket;

  if (t < g_array_index (self->bounds, gint64, 0))
    return 0;
  if ((bucket = bucket_of (self, t)) < 0)
    return n;
  if (ends)
    return t < self->now ? (guint) bucket : n;
  return bucket + 1;
}

/* Marks the buckets whose instant T has created < T and (unresolved or
 * resolved >= T) in @diff. */
static void
mark_backlog (CrmServiceKpiBuilder *self,
              int                  *diff,
              gboolean              ends,
              gint64                created,
              gint64                resolved)
{
  guint first = first_bucket_after (self, created, ends);
  guint last = resolved == 0 ? self->bucket_accs->len : first_bucket_after (self, resolved, ends);

  if (first < last)
    {
      diff[first]++;
      diff[last]--;
    }
}

typedef struct
{
  Acc *accs[4];        /* total, channel, priority, segment */
  guint channel;
  guint priority;
  CrmServiceKpiSegment segment;
} Slices;

/* Counts one SLA target kind into @acc (and @bucket, when due in one). */
static void
count_targets (Acc      *acc,
               gboolean  fr_counted,
               gboolean  fr_met,
               gboolean  res_counted,
               gboolean  res_met)
{
  if (fr_counted)
    {
      acc->n_fr_targets++;
      acc->n_fr_met += fr_met;
    }
  if (res_counted)
    {
      acc->n_res_targets++;
      acc->n_res_met += res_met;
    }
  if (fr_counted || res_counted)
    {
      acc->n_sla_tickets++;
      acc->n_sla_met += (!fr_counted || fr_met) && (!res_counted || res_met);
    }
}

static void
add_sla (CrmServiceKpiBuilder      *self,
         const Slices              *s,
         const CrmServiceKpiTicket *t,
         gint64                     resolved)
{
  gboolean waiting = t->status != NULL && t->status[0] == 'w' &&
                     strcmp (t->status, "waiting-on-customer") == 0;
  /* Answered: a first reply, or a resolution without one. */
  gint64 answered = t->first_response != 0 ? t->first_response : resolved;
  gint64 fr_due = t->first_response_due, res_due = t->resolution_due;
  gboolean fr_counted = fr_due != 0 && in_period (self, fr_due) &&
                        (answered != 0 || (fr_due < self->now && !waiting));
  gboolean fr_met = answered != 0 && answered <= fr_due;
  gboolean res_counted = res_due != 0 && in_period (self, res_due) &&
                         (resolved != 0 || (res_due < self->now && !waiting));
  gboolean res_met = resolved != 0 && resolved <= res_due;
  Acc *fr_bucket, *res_bucket;

  if (!fr_counted && !res_counted)
    return;
  for (guint i = 0; i < 4; i++)
    count_targets (s->accs[i], fr_counted, fr_met, res_counted, res_met);

  /* In the trend each target counts in the bucket it was due in. */
  fr_bucket = fr_counted ? bucket_acc (self, fr_due) : NULL;
  res_bucket = res_counted ? bucket_acc (self, res_due) : NULL;
  if (fr_bucket != NULL && fr_bucket == res_bucket)
    count_targets (fr_bucket, TRUE, fr_met, TRUE, res_met);
  else
    {
      if (fr_bucket != NULL)
        count_targets (fr_bucket, TRUE, fr_met, FALSE, FALSE);
      if (res_bucket != NULL)
        count_targets (res_bucket, FALSE, FALSE, TRUE, res_met);
    }
}

static void
add_first_response (CrmServiceKpiBuilder      *self,
                    const Slices              *s,
                    const CrmServiceKpiTicket *t)
{
  Frt frt = { 0 };

  frt.id = t->id;
  frt.created = t->created;
  frt.first_response = t->first_response;
  frt.calendar = (gint16) (t->calendar >= 0 && (guint) t->calendar < self->calendars->len
                           ? t->calendar : -1);
  frt.value = business_between (self, frt.calendar, t->created, t->first_response);
  frt.channel = s->channel;
  frt.priority = s->priority;
  frt.segment = s->segment;
  frt.bucket = bucket_of (self, t->first_response);

  if (self->frts->len > 0 && g_array_index (self->frts, Frt, self->frts->len - 1).id >= frt.id)
    self->frts_sorted = FALSE;
  self->wait_from = MIN (self->wait_from, t->created);
  g_array_append_val (self->frts, frt);
  g_clear_pointer (&self->frt_stats, frt_stats_free);
}

void
crm_service_kpi_builder_add_ticket (CrmServiceKpiBuilder      *self,
                                    const CrmServiceKpiTicket *t)
{
  Slices s;
  gint64 resolved = 0;
  Acc *b;

  g_return_if_fail (self != NULL && t != NULL);

  if (!is_unresolved (t->status))
    resolved = t->resolved != 0 ? t->resolved : t->closed != 0 ? t->closed : t->created;

  s.channel = groups_find (&self->channels, t->channel);
  s.priority = groups_find (&self->priorities, t->priority);
  s.segment = t->b2b ? CRM_SERVICE_KPI_B2B : CRM_SERVICE_KPI_B2C;
  s.accs[0] = &self->total;
  s.accs[1] = group_acc (&self->channels, s.channel);
  s.accs[2] = group_acc (&self->priorities, s.priority);
  s.accs[3] = &self->segments[s.segment];

  if (in_period (self, t->created))
    {
      for (guint i = 0; i < 4; i++)
        s.accs[i]->n_created++;
      if ((b = bucket_acc (self, t->created)) != NULL)
        b->n_created++;
    }

  if (resolved != 0 && in_period (self, resolved))
    {
      gboolean with_target = t->resolution_due != 0;
      gboolean within = with_target && resolved <= t->resolution_due;
      Acc *accs[5] = { s.accs[0], s.accs[1], s.accs[2], s.accs[3], bucket_acc (self, resolved) };

      for (guint i = 0; i < 5 && accs[i] != NULL; i++)
        {
          accs[i]->n_resolved++;
          accs[i]->n_resolved_with_target += with_target;
          accs[i]->n_resolved_within_target += within;
        }
    }

  if (t->csat_score >= 1 && t->csat_score <= 5)
    {
      gint64 at = t->csat_at != 0 ? t->csat_at : resolved != 0 ? resolved : t->created;

      if (in_period (self, at))
        {
          Acc *accs[5] = { s.accs[0], s.accs[1], s.accs[2], s.accs[3], bucket_acc (self, at) };

          for (guint i = 0; i < 5 && accs[i] != NULL; i++)
            {
              accs[i]->n_rated++;
              accs[i]->n_satisfied += t->csat_score >= 4;
              accs[i]->csat_sum += t->csat_score;
            }
        }
    }

  if (t->first_response != 0 && in_period (self, t->first_response) &&
      t->first_response >= t->created)
    add_first_response (self, &s, t);

  add_sla (self, &s, t, resolved);

  /* Backlog: created before T, not resolved at T. */
  if (t->created < self->backlog_end_at && (resolved == 0 || resolved >= self->backlog_end_at))
    for (guint i = 0; i < 4; i++)
      s.accs[i]->backlog_end++;
  if (t->created < self->backlog_start_at && (resolved == 0 || resolved >= self->backlog_start_at))
    for (guint i = 0; i < 4; i++)
      s.accs[i]->backlog_start++;
  if (self->bucket_accs->len > 0 && t->created < self->backlog_end_at)
    {
      mark_backlog (self, self->end_diff, TRUE, t->created, resolved);
      mark_backlog (self, self->start_diff, FALSE, t->created, resolved);
    }
}

static Frt *
find_frt (CrmServiceKpiBuilder *self,
          gint64                id)
{
  Frt *frts = (Frt *) (gpointer) self->frts->data;
  guint lo = 0, hi = self->frts->len;

  if (!self->frts_sorted)
    {
      g_array_sort (self->frts, compare_frt_ids);
      self->frts_sorted = TRUE;
      frts = (Frt *) (gpointer) self->frts->data;
    }
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (frts[mid].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < self->frts->len && frts[lo].id == id ? &frts[lo] : NULL;
}

gboolean
crm_service_kpi_builder_get_wait_span (CrmServiceKpiBuilder *self,
                                       gint64               *from,
                                       gint64               *to)
{
  g_return_val_if_fail (self != NULL && from != NULL && to != NULL, FALSE);

  if (self->frts->len == 0)
    return FALSE;
  *from = self->wait_from;
  *to = self->to;
  return TRUE;
}

static int
compare_wait_tickets (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = ((const CrmServiceKpiWait *) a)->ticket_id, y = ((const CrmServiceKpiWait *) b)->ticket_id;

  return (x > y) - (x < y);
}

void
crm_service_kpi_builder_filter_waits (CrmServiceKpiBuilder *self,
                                      GArray               *waits)
{
  const Frt *frts;
  guint kept = 0, j = 0;

  g_return_if_fail (self != NULL && waits != NULL);

  if (!self->frts_sorted)
    {
      g_array_sort (self->frts, compare_frt_ids);
      self->frts_sorted = TRUE;
    }
  /* Both by ticket: one walk along the two. */
  for (guint i = 1; i < waits->len; i++)
    if (compare_wait_tickets (&g_array_index (waits, CrmServiceKpiWait, i - 1),
                              &g_array_index (waits, CrmServiceKpiWait, i)) > 0)
      {
        g_array_sort (waits, compare_wait_tickets);
        break;
      }
  frts = (const Frt *) (gpointer) self->frts->data;
  for (guint i = 0; i < waits->len; i++)
    {
      const CrmServiceKpiWait *wait = &g_array_index (waits, CrmServiceKpiWait, i);

      while (j < self->frts->len && frts[j].id < wait->ticket_id)
        j++;
      if (j < self->frts->len && frts[j].id == wait->ticket_id && wait->start < frts[j].first_response)
        g_array_index (waits, CrmServiceKpiWait, kept++) = *wait;
    }
  g_array_set_size (waits, kept);
}

void
crm_service_kpi_builder_add_wait (CrmServiceKpiBuilder *self,
                                  gint64                ticket_id,
                                  gint64                start,
                                  gint64                end)
{
  Frt *frt;
  gint64 a, b, waited;

  g_return_if_fail (self != NULL);

  if ((frt = find_frt (self, ticket_id)) == NULL)
    return;
  /* A wait that overlaps the last one (two waiting rows in a row) is
   * taken off once. */
  a = MAX (MAX (start, frt->created), frt->waited_to);
  b = end == 0 ? frt->first_response : MIN (end, frt->first_response);
  frt->waited_to = MAX (frt->waited_to, b);
  waited = business_between (self, frt->calendar, a, b);
  if (waited > 0)
    {
      frt->value -= waited;
      g_clear_pointer (&self->frt_stats, frt_stats_free);
    }
}

void
crm_service_kpi_builder_add_self_service (CrmServiceKpiBuilder *self,
                                          const char           *channel,
                                          gboolean              b2b,
                                          gint64                resolved)
{
  Acc *b;

  g_return_if_fail (self != NULL);

  if (!in_period (self, resolved))
    return;
  self->total.n_self_service++;
  group_acc (&self->channels, groups_find (&self->channels, channel != NULL && channel[0] != '\0'
                                                            ? channel : "self-service"))->n_self_service++;
  self->segments[b2b ? CRM_SERVICE_KPI_B2B : CRM_SERVICE_KPI_B2C].n_self_service++;
  if ((b = bucket_acc (self, resolved)) != NULL)
    b->n_self_service++;
}

/* --- the report --- */

static double
ratio (guint64 part,
       guint64 whole)
{
  return whole > 0 ? (double) part / (double) whole : -1;
}

static void
acc_to_kpis (const Acc      *acc,
             CrmServiceKpis *kpis)
{
  kpis->n_rated = acc->n_rated;
  kpis->n_satisfied = acc->n_satisfied;
  kpis->csat = ratio (acc->n_satisfied, acc->n_rated);
  kpis->csat_mean = ratio (acc->csat_sum, acc->n_rated);
  kpis->n_created = acc->n_created;
  kpis->n_resolved = acc->n_resolved;
  kpis->resolution_rate = ratio (acc->n_resolved, acc->n_created);
  kpis->n_resolved_with_target = acc->n_resolved_with_target;
  kpis->n_resolved_within_target = acc->n_resolved_within_target;
  kpis->resolved_within_target = ratio (acc->n_resolved_within_target, acc->n_resolved_with_target);
  kpis->n_self_service = acc->n_self_service;
  kpis->self_service_rate = ratio (acc->n_self_service, (guint64) acc->n_self_service + acc->n_created);
  kpis->n_first_response_targets = acc->n_fr_targets;
  kpis->n_first_response_met = acc->n_fr_met;
  kpis->first_response_compliance = ratio (acc->n_fr_met, acc->n_fr_targets);
  kpis->n_resolution_targets = acc->n_res_targets;
  kpis->n_resolution_met = acc->n_res_met;
  kpis->resolution_compliance = ratio (acc->n_res_met, acc->n_res_targets);
  kpis->n_sla_tickets = acc->n_sla_tickets;
  kpis->n_sla_met = acc->n_sla_met;
  kpis->sla_compliance = ratio (acc->n_sla_met, acc->n_sla_tickets);
  kpis->backlog_start = acc->backlog_start;
  kpis->backlog_end = acc->backlog_end;
  kpis->first_response_median = -1;
  kpis->first_response_p90 = -1;
}

/* The first response statistics of every slice at once, by histogram.
 * Each value falls in one of N_BINS bins, contiguous increasing ranges of
 * values (one per value below 64, then 32 per power of two, so about 3% of
 * a value wide); one pass counts each slice's values per bin, which names
 * the bin of each rank a slice wants (its middle ones and its 90th
 * percentile), and a second pass keeps only the values of those bins, from
 * which the ranks are selected.  A few per cent of the values are selected
 * among, instead of all of them once per breakdown. */
#define N_BINS (64 + 57 * 32)
#define N_RANKS 3   /* the lower and upper middle, the 90th percentile */

static inline guint
bin_of (gint64 value)
{
  int top;

  if (value < 64)
    return (guint) MAX (value, 0);
  top = 63 - __builtin_clzll ((guint64) value);
  return 64 + (guint) (top - 6) * 32 + (guint) ((value >> (top - 5)) & 31);
}

typedef struct
{
  gsize   n;
  gsize   rank[N_RANKS];
  guint   bin[N_RANKS];       /* the bin holding each rank */
  gsize   below[N_RANKS];     /* the values in lower bins */
  gsize   kept_below[N_RANKS];/* of those, the values kept (in the wanted bins) */
  gint64 *kept;               /* the values of the wanted bins */
  gsize   n_kept;
} Slice;

/* The slices a first response counts in: the total, its channel, its
 * priority, its segment and its trend bucket (G_MAXUINT: none). */
static void
frt_slices (const FrtStats *stats,
            const Frt      *frt,
            guint          *slices)
{
  guint at = 0;

  slices[0] = at++;
  slices[1] = frt->channel < stats->n_channels ? at + frt->channel : G_MAXUINT;
  at += stats->n_channels;
  slices[2] = frt->priority < stats->n_priorities ? at + frt->priority : G_MAXUINT;
  at += stats->n_priorities;
  slices[3] = frt->segment < CRM_SERVICE_KPI_N_SEGMENTS ? at + frt->segment : G_MAXUINT;
  at += CRM_SERVICE_KPI_N_SEGMENTS;
  slices[4] = frt->bucket >= 0 && (guint) frt->bucket < stats->n_buckets ? at + frt->bucket : G_MAXUINT;
}

static Stats *
stats_of_slice (FrtStats *stats,
                guint     slice)
{
  if (slice == 0)
    return &stats->total;
  slice--;
  if (slice < stats->n_channels)
    return &stats->channels[slice];
  slice -= stats->n_channels;
  if (slice < stats->n_priorities)
    return &stats->priorities[slice];
  slice -= stats->n_priorities;
  if (slice < CRM_SERVICE_KPI_N_SEGMENTS)
    return &stats->segments[slice];
  return &stats->buckets[slice - CRM_SERVICE_KPI_N_SEGMENTS];
}

/* Names each wanted rank's bin from the slice's histogram @hist, and
 * returns how many values of the slice the wanted bins hold. */
static gsize
find_bins (Slice        *slice,
           const guint  *hist)
{
  gsize below = 0, kept = 0;
  guint r = 0;

  slice->rank[0] = (slice->n - 1) / 2;
  slice->rank[1] = slice->n / 2;
  slice->rank[2] = (9 * slice->n + 9) / 10 - 1;
  for (guint b = 0; b < N_BINS && r < N_RANKS; b++)
    {
      gboolean wanted = FALSE;

      while (r < N_RANKS && slice->rank[r] < below + hist[b])
        {
          slice->bin[r] = b;
          slice->below[r] = below;
          slice->kept_below[r] = kept;
          wanted = TRUE;
          r++;
        }
      kept += wanted ? hist[b] : 0;
      below += hist[b];
    }
  return kept;
}

static gboolean
is_wanted (const Slice *slice,
           guint        bin)
{
  return slice->n > 0 && (bin == slice->bin[0] || bin == slice->bin[1] || bin == slice->bin[2]);
}

/* The @r-th wanted rank of @slice among its kept values (reordered). */
static gint64
select_rank (Slice *slice,
             guint  r)
{
  return _crm_service_kpi_select (slice->kept, slice->n_kept,
                                  slice->kept_below[r] + slice->rank[r] - slice->below[r]);
}

void
_crm_service_kpi_builder_prepare (CrmServiceKpiBuilder *self)
{
  const Frt *frts = (const Frt *) (gpointer) self->frts->data;
  g_autofree guint *hist = NULL;
  g_autofree Slice *slices = NULL;
  g_autofree gint64 *kept = NULL;
  gsize n_kept = 0;
  FrtStats *stats;
  guint n_slices;

  g_return_if_fail (self != NULL);

  if (self->frt_stats != NULL)
    return;
  stats = g_new0 (FrtStats, 1);
  stats->n_channels = self->channels.keys->len;
  stats->channels = g_new0 (Stats, stats->n_channels);
  stats->n_priorities = self->priorities.keys->len;
  stats->priorities = g_new0 (Stats, stats->n_priorities);
  stats->n_buckets = self->bucket_accs->len;
  stats->buckets = g_new0 (Stats, MAX (stats->n_buckets, 1));
  n_slices = 1 + stats->n_channels + stats->n_priorities + CRM_SERVICE_KPI_N_SEGMENTS + stats->n_buckets;
  hist = g_new0 (guint, (gsize) n_slices * N_BINS);
  slices = g_new0 (Slice, n_slices);

  for (guint i = 0; i < self->frts->len; i++)
    {
      guint in[5], bin = bin_of (frts[i].value);

      frt_slices (stats, &frts[i], in);
      for (guint j = 0; j < G_N_ELEMENTS (in); j++)
        if (in[j] != G_MAXUINT)
          {
            slices[in[j]].n++;
            hist[(gsize) in[j] * N_BINS + bin]++;
          }
    }
  for (guint s = 0; s < n_slices; s++)
    if (slices[s].n > 0)
      n_kept += find_bins (&slices[s], hist + (gsize) s * N_BINS);

  kept = g_new (gint64, MAX (n_kept, 1));
  n_kept = 0;
  for (guint s = 0; s < n_slices; s++)
    {
      slices[s].kept = kept + n_kept;
      if (slices[s].n > 0)
        for (guint r = 0; r < N_RANKS; r++)
          if (r == 0 || slices[s].bin[r] != slices[s].bin[r - 1])
            n_kept += hist[(gsize) s * N_BINS + slices[s].bin[r]];
    }
  for (guint i = 0; i < self->frts->len; i++)
    {
      guint in[5], bin = bin_of (frts[i].value);

      frt_slices (stats, &frts[i], in);
      for (guint j = 0; j < G_N_ELEMENTS (in); j++)
        if (in[j] != G_MAXUINT && is_wanted (&slices[in[j]], bin))
          slices[in[j]].kept[slices[in[j]].n_kept++] = MAX (frts[i].value, 0);
    }

  for (guint s = 0; s < n_slices; s++)
    {
      Stats *out = stats_of_slice (stats, s);
      Slice *slice = &slices[s];

      out->n = slice->n;
      out->median = out->p90 = -1;
      if (slice->n == 0)
        continue;
      out->median = slice->n % 2 == 1 ? select_rank (slice, 1)
                                      : (select_rank (slice, 0) + select_rank (slice, 1)) / 2.0;
      out->p90 = select_rank (slice, 2);
    }
  self->frt_stats = stats;
}

static void
apply_stats (const Stats    *stats,
             CrmServiceKpis *kpis)
{
  kpis->n_first_responses = stats->n;
  kpis->first_response_median = stats->median;
  kpis->first_response_p90 = stats->p90;
}

static GArray *
groups_to_report (Groups *groups)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (CrmServiceKpiGroup));

  for (guint i = 0; i < groups->keys->len; i++)
    {
      CrmServiceKpiGroup group = { g_strdup (groups->keys->pdata[i]), { 0 } };

      acc_to_kpis (group_acc (groups, i), &group.kpis);
      g_array_append_val (out, group);
    }
  return out;
}

static int
compare_group_keys (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (((const CrmServiceKpiGroup *) a)->key, ((const CrmServiceKpiGroup *) b)->key);
}

static void
group_clear (gpointer data)
{
  g_free (((CrmServiceKpiGroup *) data)->key);
}

/* Known keys first in their order, then the others sorted. */
static void
sort_unknown (GArray *groups,
              guint   n_known)
{
  if (groups->len > n_known + 1)
    qsort (&g_array_index (groups, CrmServiceKpiGroup, n_known), groups->len - n_known,
           sizeof (CrmServiceKpiGroup), compare_group_keys);
  g_array_set_clear_func (groups, group_clear);
}

CrmServiceKpiReport *
crm_service_kpi_builder_end (CrmServiceKpiBuilder *self)
{
  CrmServiceKpiReport *report;
  guint n_buckets;
  int backlog_end = 0, backlog_start = 0;

  g_return_val_if_fail (self != NULL, NULL);

  report = g_new0 (CrmServiceKpiReport, 1);
  report->from = self->from;
  report->to = self->to;
  report->now = self->now;
  report->bucket = self->bucket;
  acc_to_kpis (&self->total, &report->total);
  for (guint s = 0; s < CRM_SERVICE_KPI_N_SEGMENTS; s++)
    acc_to_kpis (&self->segments[s], &report->segments[s]);
  report->channels = groups_to_report (&self->channels);
  report->priorities = groups_to_report (&self->priorities);

  n_buckets = self->bucket_accs->len;
  report->trend = g_array_sized_new (FALSE, TRUE, sizeof (CrmServiceKpiPoint), n_buckets);
  for (guint i = 0; i < n_buckets; i++)
    {
      CrmServiceKpiPoint point = { 0 };
      Acc *acc = &g_array_index (self->bucket_accs, Acc, i);

      backlog_end += self->end_diff[i];
      backlog_start += self->start_diff[i];
      acc->backlog_end = backlog_end;
      acc->backlog_start = backlog_start;
      point.start = g_array_index (self->bounds, gint64, i);
      point.end = g_array_index (self->bounds, gint64, i + 1);
      acc_to_kpis (acc, &point.kpis);
      g_array_append_val (report->trend, point);
    }

  /* The first response statistics of every slice. */
  _crm_service_kpi_builder_prepare (self);
  apply_stats (&self->frt_stats->total, &report->total);
  for (guint i = 0; i < CRM_SERVICE_KPI_N_SEGMENTS; i++)
    apply_stats (&self->frt_stats->segments[i], &report->segments[i]);
  for (guint i = 0; i < report->channels->len; i++)
    apply_stats (&self->frt_stats->channels[i],
                 &g_array_index (report->channels, CrmServiceKpiGroup, i).kpis);
  for (guint i = 0; i < report->priorities->len; i++)
    apply_stats (&self->frt_stats->priorities[i],
                 &g_array_index (report->priorities, CrmServiceKpiGroup, i).kpis);
  for (guint i = 0; i < n_buckets; i++)
    apply_stats (&self->frt_stats->buckets[i],
                 &g_array_index (report->trend, CrmServiceKpiPoint, i).kpis);

  /* Self-service has no priority: its rate does not apply there. */
  for (guint i = 0; i < report->priorities->len; i++)
    g_array_index (report->priorities, CrmServiceKpiGroup, i).kpis.self_service_rate = -1;

  sort_unknown (report->channels, g_strv_length ((GStrv) channels));
  sort_unknown (report->priorities, g_strv_length ((GStrv) priorities));
  crm_service_kpi_builder_free (self);
  return report;
}

void
crm_service_kpi_report_free (CrmServiceKpiReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->channels, g_array_unref);
  g_clear_pointer (&report->priorities, g_array_unref);
  g_clear_pointer (&report->trend, g_array_unref);
  g_free (report);
}

const CrmServiceKpis *
crm_service_kpi_report_find (GArray     *groups,
                             const char *key)
{
  g_return_val_if_fail (groups != NULL, NULL);

  for (guint i = 0; i < groups->len; i++)
    {
      const CrmServiceKpiGroup *group = &g_array_index (groups, CrmServiceKpiGroup, i);

      if (g_strcmp0 (group->key, key) == 0)
        return &group->kpis;
    }
  return NULL;
}

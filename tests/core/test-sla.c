/* test-sla.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Business-time arithmetic on hand-built cases whose answers were worked out
 * by hand: nights, weekends, holidays, several ranges a day, years, time
 * zones with and without summer time, clock changes inside working hours,
 * the SLA clock paused while waiting and reopened; the working-hours parser;
 * choosing a policy.  Instants are made with GDateTime, independently of the
 * code under test.
 */

#include "config.h"

#include "crm-sla.h"
#include "crm-ticket-flow.h"

#define H G_GINT64_CONSTANT (3600)
#define M G_GINT64_CONSTANT (60)

/* Unix time of local wall-clock time y-m-d h:mi in @zone. */
static gint64
at (const char *zone,
    int         y,
    int         m,
    int         d,
    int         h,
    int         mi)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, y, m, d, h, mi, 0);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static CrmBusinessCalendar *
calendar (const char *zone,
          const char *hours)
{
  g_autoptr(GError) error = NULL;
  CrmBusinessCalendar *cal = crm_business_calendar_new (zone, hours, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cal);
  return cal;
}

/* 2026-03-02 is a Monday, 2026-03-06 a Friday. */
#define U(d, h, mi) at ("UTC", 2026, 3, (d), (h), (mi))

static void
test_nights_and_weekends (void)
{
  g_autoptr(CrmBusinessCalendar) cal = calendar ("UTC", "mon-fri 09:00-17:00");

  g_assert_cmpint (crm_business_calendar_get_week_seconds (cal), ==, 40 * H);
  /* Inside one day. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (2, 10, 0), U (2, 11, 30)), ==, 90 * M);
  /* Monday 16:00 to Tuesday 10:00: one hour each side of the night. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (2, 16, 0), U (3, 10, 0)), ==, 2 * H);
  /* Friday 16:00 to Monday 10:00: the weekend does not count. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (6, 16, 0), U (9, 10, 0)), ==, 2 * H);
  /* Within one night, and within one weekend: nothing. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (2, 17, 0), U (3, 9, 0)), ==, 0);
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (7, 8, 0), U (8, 23, 0)), ==, 0);
  /* A week, and 52 of them, from any instant. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (2, 0, 0), U (9, 0, 0)), ==, 40 * H);
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (4, 13, 17), U (4, 13, 17) + 52 * 7 * 86400),
                   ==, 52 * 40 * H);
  /* Backwards is negative. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (9, 10, 0), U (6, 16, 0)), ==, -2 * H);
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (9, 10, 0), U (9, 10, 0)), ==, 0);

  /* Adding: a target that ends with the day is due at the day's end. */
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (6, 16, 0), H), ==, U (6, 17, 0));
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (6, 16, 0), H + 1), ==, U (9, 9, 0) + 1);
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (6, 16, 0), 2 * H), ==, U (9, 10, 0));
  /* From a closed time, the clock starts at the next opening. */
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (7, 12, 0), H), ==, U (9, 10, 0));
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (2, 6, 0), 8 * H), ==, U (2, 17, 0));
  /* Nothing to add: the same instant, even when closed. */
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (7, 12, 0), 0), ==, U (7, 12, 0));
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (7, 12, 0), -5), ==, U (7, 12, 0));
  /* 16 business hours from Monday 10:00: Wednesday 10:00. */
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (2, 10, 0), 16 * H), ==, U (4, 10, 0));
  /* 40 hours from Wednesday 12:00: the next Wednesday 12:00. */
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (4, 12, 0), 40 * H), ==, U (11, 12, 0));

  g_assert_true (crm_business_calendar_is_open (cal, U (2, 9, 0)));
  g_assert_true (crm_business_calendar_is_open (cal, U (2, 16, 59)));
  g_assert_false (crm_business_calendar_is_open (cal, U (2, 17, 0)));
  g_assert_false (crm_business_calendar_is_open (cal, U (7, 12, 0)));
}

static void
test_holidays (void)
{
  g_autoptr(CrmBusinessCalendar) cal = calendar ("UTC", "mon-fri 09:00-17:00");

  g_assert_true (crm_business_calendar_add_holiday (cal, "2026-03-09"));    /* Monday */
  g_assert_true (crm_business_calendar_add_holiday (cal, "2026-03-09"));    /* twice: harmless */
  g_assert_false (crm_business_calendar_add_holiday (cal, "2026-02-30"));
  g_assert_false (crm_business_calendar_add_holiday (cal, "2026-3-9"));
  g_assert_false (crm_business_calendar_add_holiday (cal, "09.03.2026"));
  g_assert_false (crm_business_calendar_add_holiday (cal, ""));

  /* Friday 16:00 to Tuesday 10:00 skips the weekend and the holiday Monday. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (6, 16, 0), U (10, 10, 0)), ==, 2 * H);
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (9, 9, 0), U (9, 17, 0)), ==, 0);
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (6, 16, 30), H), ==, U (10, 9, 30));
  g_assert_false (crm_business_calendar_is_open (cal, U (9, 12, 0)));
  /* That week has 32 hours. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (9, 0, 0), U (16, 0, 0)), ==, 32 * H);

  /* Across the new year, with New Year's Day (a Friday) off:
   * Thursday 31 December 16:00 to Monday 4 January 10:00. */
  g_assert_true (crm_business_calendar_add_holiday (cal, "2027-01-01"));
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, at ("UTC", 2026, 12, 31, 16, 0),
                                                          at ("UTC", 2027, 1, 4, 10, 0)), ==, 2 * H);
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, at ("UTC", 2026, 12, 31, 16, 0), 2 * H),
                   ==, at ("UTC", 2027, 1, 4, 10, 0));
}

static void
test_whole_years (void)
{
  g_autoptr(CrmBusinessCalendar) cal = calendar ("UTC", "mon-fri 09:00-17:00");
  gint64 y2026 = at ("UTC", 2026, 1, 1, 0, 0);
  gint64 y2028 = at ("UTC", 2028, 1, 1, 0, 0);

  /* 2026 begins on a Thursday and has 365 days: 52 weeks and a Thursday,
   * 261 working days; 2027 begins on a Friday: 52 weeks and a Friday. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, y2026, at ("UTC", 2027, 1, 1, 0, 0)),
                   ==, 261 * 8 * H);
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, y2026, y2028), ==, 522 * 8 * H);
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, y2026, 522 * 8 * H), ==,
                   at ("UTC", 2027, 12, 31, 17, 0));
}

static void
test_several_ranges (void)
{
  g_autoptr(CrmBusinessCalendar) cal = calendar ("UTC", "mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00");

  /* 4 × (3.5 + 4.5) + 4 hours. */
  g_assert_cmpint (crm_business_calendar_get_week_seconds (cal), ==, 36 * H);
  /* Thursday 11:00 to Friday 10:00: 1 + 4.5 + 2 hours. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (5, 11, 0), U (6, 10, 0)), ==, 15 * H / 2);
  /* Lunch does not count. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (5, 11, 30), U (5, 13, 30)), ==, H);
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (5, 11, 30), H), ==, U (5, 13, 30));
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (5, 11, 30), 30 * M), ==, U (5, 12, 0));
  /* Friday 11:00 plus two hours: one on Friday, one on Monday from 08:30. */
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (6, 11, 0), 2 * H), ==, U (9, 9, 30));
  g_assert_false (crm_business_calendar_is_open (cal, U (5, 12, 30)));
  g_assert_true (crm_business_calendar_is_open (cal, U (6, 8, 0)));
  g_assert_false (crm_business_calendar_is_open (cal, U (6, 13, 0)));
}

static void
test_around_the_clock (void)
{
  const char *forms[] = { "24/7", "mon-sun 00:00-24:00", "fri-thu 00:00-12:00, 12:00-24:00" };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(CrmBusinessCalendar) cal = calendar ("UTC", forms[i]);

      g_assert_cmpint (crm_business_calendar_get_week_seconds (cal), ==, 7 * 24 * H);
      g_assert_cmpint (crm_business_calendar_seconds_between (cal, U (6, 16, 0), U (9, 10, 0)), ==, 66 * H);
      g_assert_cmpint (crm_business_calendar_add_seconds (cal, U (7, 23, 30), 45 * M), ==, U (8, 0, 15));
    }
}

static void
test_shanghai (void)
{
  /* UTC+8 all year, no summer time. */
  g_autoptr(CrmBusinessCalendar) cal = calendar ("Asia/Shanghai", "mon-fri 09:00-18:00");
  gint64 monday_0_utc = at ("UTC", 2026, 1, 5, 0, 0);        /* 08:00 in Shanghai */

  g_assert_cmpstr (crm_business_calendar_get_timezone (cal), ==, "Asia/Shanghai");
  g_assert_cmpstr (crm_business_calendar_get_hours (cal), ==, "mon-fri 09:00-18:00");
  /* 08:00 to 20:00 local: 9 hours. */
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, monday_0_utc, monday_0_utc + 12 * H), ==, 9 * H);
  /* Friday 17:00 in Shanghai is 09:00 UTC; plus two hours is Monday 10:00 Shanghai, 02:00 UTC. */
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, at ("Asia/Shanghai", 2026, 1, 9, 17, 0), 2 * H),
                   ==, at ("UTC", 2026, 1, 12, 2, 0));
  /* The local day decides: Monday 01:00 UTC is 09:00 Monday in Shanghai, open;
   * Sunday 23:00 UTC is 07:00 Monday, closed. */
  g_assert_true (crm_business_calendar_is_open (cal, at ("UTC", 2026, 1, 5, 1, 0)));
  g_assert_false (crm_business_calendar_is_open (cal, at ("UTC", 2026, 1, 4, 23, 0)));
  /* A national holiday (1 October, a Thursday in 2026) in local days. */
  g_assert_true (crm_business_calendar_add_holiday (cal, "2026-10-01"));
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, at ("Asia/Shanghai", 2026, 9, 30, 17, 0),
                                                          at ("Asia/Shanghai", 2026, 10, 2, 10, 0)), ==, 2 * H);
}

static void
test_berlin_summer_time (void)
{
  /* Summer time begins on Sunday 29 March 2026 at 02:00 (clocks go to
   * 03:00) and ends on Sunday 25 October at 03:00 (back to 02:00). */
  g_autoptr(CrmBusinessCalendar) always = calendar ("Europe/Berlin", "24/7");
  g_autoptr(CrmBusinessCalendar) days = calendar ("Europe/Berlin", "mon-sun 08:00-18:00");
  g_autoptr(CrmBusinessCalendar) night = calendar ("Europe/Berlin", "sun 01:00-04:00");
  g_autoptr(CrmBusinessCalendar) office = calendar ("Europe/Berlin", "mon-fri 09:00-17:00");
  const char *B = "Europe/Berlin";

  /* The spring weekend lasts 47 real hours, the autumn one 49. */
  g_assert_cmpint (crm_business_calendar_seconds_between (always, at (B, 2026, 3, 28, 0, 0), at (B, 2026, 3, 30, 0, 0)),
                   ==, 47 * H);
  g_assert_cmpint (crm_business_calendar_seconds_between (always, at (B, 2026, 10, 24, 0, 0),
                                                          at (B, 2026, 10, 26, 0, 0)), ==, 49 * H);
  /* Saturday 12:00 to Sunday 12:00 local is 23 real hours but 6 + 4 working
   * hours: a working day is wall-clock time. */
  g_assert_cmpint (at (B, 2026, 3, 29, 12, 0) - at (B, 2026, 3, 28, 12, 0), ==, 23 * H);
  g_assert_cmpint (crm_business_calendar_seconds_between (days, at (B, 2026, 3, 28, 12, 0), at (B, 2026, 3, 29, 12, 0)),
                   ==, 10 * H);
  /* 8 working hours from Saturday 14:00: 4 on Saturday, 4 on Sunday from 08:00 (summer time). */
  g_assert_cmpint (crm_business_calendar_add_seconds (days, at (B, 2026, 3, 28, 14, 0), 8 * H),
                   ==, at (B, 2026, 3, 29, 12, 0));
  g_assert_cmpint (crm_business_calendar_add_seconds (days, at (B, 2026, 3, 28, 14, 0), 8 * H),
                   ==, at ("UTC", 2026, 3, 29, 10, 0));
  /* Hours across the change itself: 01:00–04:00 on the spring Sunday is two
   * real hours (00:00–02:00 UTC), on the autumn Sunday four. */
  g_assert_cmpint (crm_business_calendar_seconds_between (night, at (B, 2026, 3, 28, 0, 0), at (B, 2026, 3, 30, 0, 0)),
                   ==, 2 * H);
  g_assert_cmpint (crm_business_calendar_seconds_between (night, at ("UTC", 2026, 3, 29, 0, 0),
                                                          at ("UTC", 2026, 3, 29, 2, 0)), ==, 2 * H);
  g_assert_cmpint (crm_business_calendar_add_seconds (night, at (B, 2026, 3, 28, 12, 0), 90 * M),
                   ==, at ("UTC", 2026, 3, 29, 1, 30));
  g_assert_cmpint (crm_business_calendar_seconds_between (night, at (B, 2026, 10, 24, 0, 0),
                                                          at (B, 2026, 10, 26, 0, 0)), ==, 4 * H);
  g_assert_cmpint (crm_business_calendar_add_seconds (night, at (B, 2026, 10, 24, 12, 0), 4 * H),
                   ==, at ("UTC", 2026, 10, 25, 3, 0));
  /* An office week is 40 hours either side of the change, and its hours are
   * local: Monday 30 March opens at 07:00 UTC, Friday 27 March at 08:00 UTC. */
  g_assert_cmpint (crm_business_calendar_seconds_between (office, at (B, 2026, 3, 23, 0, 0), at (B, 2026, 4, 6, 0, 0)),
                   ==, 80 * H);
  g_assert_cmpint (crm_business_calendar_add_seconds (office, at (B, 2026, 3, 27, 16, 0), 2 * H),
                   ==, at ("UTC", 2026, 3, 30, 8, 0));
  g_assert_true (crm_business_calendar_is_open (office, at ("UTC", 2026, 3, 30, 7, 0)));
  g_assert_false (crm_business_calendar_is_open (office, at ("UTC", 2026, 3, 27, 7, 30)));
}

static void
test_new_york (void)
{
  /* Summer time begins on Sunday 8 March 2026 in New York; 09:00 there is
   * 14:00 UTC before and 13:00 UTC after. */
  g_autoptr(CrmBusinessCalendar) cal = calendar ("America/New_York", "mon-fri 09:00-17:00");

  /* Friday 16:30 (21:30 UTC) plus 45 minutes: 30 on Friday, 15 on Monday. */
  g_assert_cmpint (crm_business_calendar_add_seconds (cal, at ("UTC", 2026, 3, 6, 21, 30), 45 * M),
                   ==, at ("UTC", 2026, 3, 9, 13, 15));
  g_assert_cmpint (crm_business_calendar_seconds_between (cal, at ("UTC", 2026, 3, 6, 21, 30),
                                                          at ("UTC", 2026, 3, 9, 13, 15)), ==, 45 * M);
}

/* add_seconds undoes seconds_between on business instants, and
 * seconds_between undoes add_seconds, over random cases. */
static void
test_inverse (void)
{
  const char *zones[][2] = {
    { "Europe/Berlin", "mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00" },
    { "Asia/Shanghai", "mon-fri 09:00-18:00" },
    { "America/New_York", "mon-fri 09:00-17:00; sat 10:00-14:00" },
    { "Europe/Berlin", "sun 01:00-04:00; wed 00:00-24:00" },
    { "Australia/Lord_Howe", "24/7" },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260329);
  gint64 base = at ("UTC", 2025, 1, 1, 0, 0);

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(CrmBusinessCalendar) cal = calendar (zones[z][0], zones[z][1]);

      crm_business_calendar_add_holiday (cal, "2025-12-25");
      crm_business_calendar_add_holiday (cal, "2026-03-29");
      crm_business_calendar_add_holiday (cal, "2026-10-01");
      for (int i = 0; i < 2000; i++)
        {
          gint64 from = base + g_rand_int_range (rand, 0, 2 * 365 * 86400);
          gint64 n = g_rand_int_range (rand, 1, 120 * 3600);
          gint64 due = crm_business_calendar_add_seconds (cal, from, n);
          gint64 to = from + g_rand_int_range (rand, 0, 90 * 86400);
          gint64 between = crm_business_calendar_seconds_between (cal, from, to);
          gint64 back = crm_business_calendar_add_seconds (cal, from, between);

          g_assert_cmpint (due, >, from);
          g_assert_cmpint (crm_business_calendar_seconds_between (cal, from, due), ==, n);
          /* The due time is the end of a business second: one second less is short. */
          g_assert_cmpint (crm_business_calendar_seconds_between (cal, from, due - 1), ==, n - 1);
          /* Splitting a span anywhere adds up. */
          g_assert_cmpint (crm_business_calendar_seconds_between (cal, from, due) +
                           crm_business_calendar_seconds_between (cal, due, to), ==, between);
          g_assert_cmpint (back, <=, to);
          g_assert_cmpint (crm_business_calendar_seconds_between (cal, from, back), ==, between);
          if (between > 0)
            g_assert_cmpint (crm_business_calendar_seconds_between (cal, back, to), ==, 0);
        }
    }
}

/* The SLA clock of one ticket, worked by hand: created Monday 10:00 with
 * an 8-hour resolution target, waiting on the customer from Monday 12:00 to
 * Wednesday 12:00, then reopened after being resolved. */
static void
test_pause_and_reopen (void)
{
  g_autoptr(CrmBusinessCalendar) cal = calendar ("UTC", "mon-fri 09:00-17:00");
  gint64 created = U (2, 10, 0);
  gint64 due = crm_business_calendar_add_seconds (cal, created, 8 * H);
  gint64 waited;

  g_assert_cmpint (due, ==, U (3, 10, 0));
  g_assert_cmpint (crm_ticket_sla_due ("open", U (2, 11, 0), 0, due), ==, due);
  /* While waiting, the due time stands as it was. */
  g_assert_cmpint (crm_ticket_sla_due ("waiting-on-customer", U (2, 11, 0), 0, due), ==, due);
  /* Waiting 5 + 8 + 3 business hours moves it 16 business hours on: Thursday 10:00. */
  waited = crm_business_calendar_seconds_between (cal, U (2, 12, 0), U (4, 12, 0));
  g_assert_cmpint (waited, ==, 16 * H);
  due = crm_business_calendar_add_seconds (cal, due, waited);
  g_assert_cmpint (due, ==, U (5, 10, 0));
  /* Resolved: no clock runs; reopened: the resolution due time runs again. */
  g_assert_cmpint (crm_ticket_sla_due ("resolved", U (2, 11, 0), 0, due), ==, 0);
  g_assert_cmpint (crm_ticket_sla_due ("closed", U (2, 11, 0), 0, due), ==, 0);
  g_assert_cmpint (crm_ticket_sla_due ("open", U (2, 11, 0), U (2, 11, 0), due), ==, due);
  /* Before the first reply, the first-response due time runs. */
  g_assert_cmpint (crm_ticket_sla_due ("new", 0, U (2, 12, 0), due), ==, U (2, 12, 0));
  g_assert_cmpint (crm_ticket_sla_due ("new", 0, 0, due), ==, due);
  g_assert_cmpint (crm_ticket_sla_due ("new", 0, 0, 0), ==, 0);
}

static void
test_parser (void)
{
  const char *good[] = {
    "mon-fri 09:00-17:00", "Mon-Fri 9:00 - 17:00", "mon, wed - fri 09:00-17:00",
    "fri-mon 10:00-14:00", "monday-friday 09:00-17:00", " mon-fri 09:00-17:00 ; ",
    "mon 09:00-12:00; mon 13:00-17:00", "sat 00:00-24:00", "24/7",
  };
  const char *bad[] = {
    "", "   ", ";", "mon-fri", "09:00-17:00", "funday 09:00-17:00", "mon-fri 9-17",
    "mon-fri 17:00-09:00", "mon 09:00-09:00", "mon 09:00-12:00,11:00-13:00",
    "mon 09:00-12:00; mon 11:00-13:00", "mon 25:00-26:00", "mon 09:00-24:30", "mon 24:00-24:00",
    "mon 09:60-17:00", "mon-tue-wed 09:00-17:00", "mon 09:00-17:00-18:00", "mon,,fri 09:00-17:00",
    "mon 09:00-17:00,", "mon 123:00-17:00", "mon 09:0-17:00",
  };
  gint64 secs[] = { 40, 40, 32, 16, 40, 40, 7, 24, 168 };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmBusinessCalendar) cal = crm_business_calendar_new ("UTC", good[i], &error);

      g_assert_no_error (error);
      g_assert_true (crm_business_hours_validate (good[i], NULL));
      g_assert_cmpint (crm_business_calendar_get_week_seconds (cal), ==, secs[i] * H);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;
      CrmBusinessCalendar *cal = crm_business_calendar_new ("UTC", bad[i], &error);

      if (cal != NULL)
        g_error ("“%s” was accepted", bad[i]);
      g_assert_error (error, CRM_SLA_ERROR, CRM_SLA_ERROR_BAD_HOURS);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_false (crm_business_hours_validate (bad[i], &error2));
      g_assert_error (error2, CRM_SLA_ERROR, CRM_SLA_ERROR_BAD_HOURS);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CrmBusinessCalendar) utc = crm_business_calendar_new (NULL, "24/7", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (crm_business_calendar_get_timezone (utc), ==, "UTC");
    g_assert_null (crm_business_calendar_new ("Mars/Olympus_Mons", "mon-fri 09:00-17:00", &error));
    g_assert_error (error, CRM_SLA_ERROR, CRM_SLA_ERROR_BAD_TIMEZONE);
  }
}

static void
test_choose_policy (void)
{
  const CrmSlaPolicyKey policies[] = {
    { 1, "", "" },                 /* catch-all */
    { 2, "urgent", "" },
    { 3, "", "strategic" },
    { 4, "urgent", "strategic" },
    { 5, "high", NULL },
    { 6, "", "consumer" },
    { 7, "high", "" },             /* equal to 5: the first wins */
  };

  g_assert_cmpint (crm_sla_choose_policy (policies, G_N_ELEMENTS (policies), "urgent", "strategic"), ==, 3);
  g_assert_cmpint (crm_sla_choose_policy (policies, G_N_ELEMENTS (policies), "urgent", "key"), ==, 1);
  g_assert_cmpint (crm_sla_choose_policy (policies, G_N_ELEMENTS (policies), "normal", "strategic"), ==, 2);
  g_assert_cmpint (crm_sla_choose_policy (policies, G_N_ELEMENTS (policies), "high", "strategic"), ==, 4);
  g_assert_cmpint (crm_sla_choose_policy (policies, G_N_ELEMENTS (policies), "low", "consumer"), ==, 5);
  g_assert_cmpint (crm_sla_choose_policy (policies, G_N_ELEMENTS (policies), "low", "standard"), ==, 0);
  g_assert_cmpint (crm_sla_choose_policy (policies + 1, 1, "low", "standard"), ==, -1);
  g_assert_cmpint (crm_sla_choose_policy (NULL, 0, "low", "standard"), ==, -1);

  g_assert_cmpint (crm_sla_policy_match ("", "", "low", "consumer"), ==, 0);
  g_assert_cmpint (crm_sla_policy_match ("", "consumer", "low", "consumer"), ==, 1);
  g_assert_cmpint (crm_sla_policy_match ("low", "", "low", "consumer"), ==, 2);
  g_assert_cmpint (crm_sla_policy_match ("low", "consumer", "low", "consumer"), ==, 3);
  g_assert_cmpint (crm_sla_policy_match ("low", "strategic", "low", "consumer"), ==, -1);

  g_assert_cmpstr (crm_sla_customer_tier (NULL), ==, "consumer");
  g_assert_cmpstr (crm_sla_customer_tier (""), ==, "consumer");
  g_assert_cmpstr (crm_sla_customer_tier ("key"), ==, "key");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sla/nights-and-weekends", test_nights_and_weekends);
  g_test_add_func ("/sla/holidays", test_holidays);
  g_test_add_func ("/sla/whole-years", test_whole_years);
  g_test_add_func ("/sla/several-ranges", test_several_ranges);
  g_test_add_func ("/sla/around-the-clock", test_around_the_clock);
  g_test_add_func ("/sla/shanghai", test_shanghai);
  g_test_add_func ("/sla/berlin-summer-time", test_berlin_summer_time);
  g_test_add_func ("/sla/new-york", test_new_york);
  g_test_add_func ("/sla/inverse", test_inverse);
  g_test_add_func ("/sla/pause-and-reopen", test_pause_and_reopen);
  g_test_add_func ("/sla/parser", test_parser);
  g_test_add_func ("/sla/choose-policy", test_choose_policy);

  return g_test_run ();
}

/* crm-sla.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Business time for SLA clocks: a calendar of working hours in a time zone
 * with whole days off, and the arithmetic on it (business seconds between two
 * instants, the instant a number of business seconds after another).  A
 * business day is defined in local wall-clock time, so a day on which the
 * clocks change is as long as its working hours say (09:00–17:00 is eight
 * hours on the day summer time begins too).  Pure functions, thread-safe once
 * built (the worker and the UI may share a calendar), no SQLite, GTK-free.
 *
 * Working hours text (the business_calendar.hours column):
 *   "mon-fri 09:00-17:00"
 *   "mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00"
 *   "mon,wed,fri 10:00-14:00; sat 10:00-12:00"
 *   "mon-sun 00:00-24:00" or "24/7" (always open)
 * Groups are separated by ';'; each is one or more days (mon tue wed thu fri
 * sat sun, ranges like "mon-fri" or "fri-mon", lists with ',') then one or
 * more ranges HH:MM-HH:MM separated by ','; 24:00 ends a day.  A day named
 * by several groups has all their ranges, which may not overlap.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_SLA_ERROR (crm_sla_error_quark ())

typedef enum
{
  CRM_SLA_ERROR_BAD_HOURS,     /* the working hours text cannot be read */
  CRM_SLA_ERROR_BAD_TIMEZONE,  /* not an IANA time zone this system knows */
  CRM_SLA_ERROR_BAD_DAY,       /* a holiday that is not a YYYY-MM-DD date */
} CrmSlaError;

GQuark   crm_sla_error_quark (void);

typedef struct _CrmBusinessCalendar CrmBusinessCalendar;

#define CRM_TYPE_BUSINESS_CALENDAR (crm_business_calendar_get_type ())
GType                crm_business_calendar_get_type (void) G_GNUC_CONST;

/* A calendar in @timezone (an IANA name such as "Europe/Berlin"; "UTC" and
 * NULL or "" mean UTC) open during @hours (see above).  NULL with @error set
 * (CRM_SLA_ERROR_BAD_HOURS or _BAD_TIMEZONE, with a translated message)
 * when either cannot be read.  Transfer full. */
CrmBusinessCalendar *crm_business_calendar_new          (const char           *timezone,
                                                         const char           *hours,
                                                         GError              **error);
CrmBusinessCalendar *crm_business_calendar_ref          (CrmBusinessCalendar  *self);
void                 crm_business_calendar_unref        (CrmBusinessCalendar  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmBusinessCalendar, crm_business_calendar_unref)

/* Makes the local day @day ("YYYY-MM-DD") a whole day off.  Returns FALSE
 * (and changes nothing) when @day is not a valid date; adding a day twice is
 * harmless.  Add holidays before sharing the calendar with another thread. */
gboolean             crm_business_calendar_add_holiday  (CrmBusinessCalendar  *self,
                                                         const char           *day);

/* The IANA zone name and the working hours the calendar was made with. */
const char          *crm_business_calendar_get_timezone (CrmBusinessCalendar  *self);
const char          *crm_business_calendar_get_hours    (CrmBusinessCalendar  *self);
/* Business seconds in a week without holidays or clock changes (0: never
 * open, every SLA clock stands still). */
gint64               crm_business_calendar_get_week_seconds (CrmBusinessCalendar *self);

/* Whether @t (Unix seconds) falls in working hours (not on a holiday). */
gboolean             crm_business_calendar_is_open      (CrmBusinessCalendar  *self,
                                                         gint64                t);

/* Business seconds in [@from, @to); negative (minus those in [@to, @from))
 * when @to is before @from. */
gint64               crm_business_calendar_seconds_between (CrmBusinessCalendar *self,
                                                         gint64                from,
                                                         gint64                to);

/* The earliest instant t >= @from with seconds_between (@from, t) ==
 * @business_seconds: for a positive amount, the end of its last business
 * second (a 1-hour target set at 16:00 on a day that ends at 17:00 is due at
 * 17:00, not at the next opening).  @business_seconds <= 0 returns @from.
 * A calendar that is never open returns G_MAXINT64 for a positive amount. */
gint64               crm_business_calendar_add_seconds  (CrmBusinessCalendar  *self,
                                                         gint64                from,
                                                         gint64                business_seconds);

/* Checks a working hours text without making a calendar (for the settings
 * page); FALSE with a CRM_SLA_ERROR_BAD_HOURS @error explaining the first
 * problem. */
gboolean             crm_business_hours_validate        (const char           *hours,
                                                         GError              **error);

/* --- Choosing an SLA policy --- */

/* How well an sla_policy row with @policy_priority and @policy_tier ("" =
 * any) fits a ticket of @priority whose customer has @tier: -1 it does not
 * apply; otherwise the more specific the higher: 3 priority and tier,
 * 2 priority only, 1 tier only, 0 a catch-all policy. */
int                  crm_sla_policy_match               (const char           *policy_priority,
                                                         const char           *policy_tier,
                                                         const char           *priority,
                                                         const char           *tier);

/* One sla_policy row, as far as choosing it goes. */
typedef struct
{
  gint64      id;
  const char *priority;   /* "" or NULL: any */
  const char *tier;       /* "" or NULL: any */
} CrmSlaPolicyKey;

/* The index in @policies of the policy for a ticket of @priority from a
 * customer of @tier (an organization's tier, "consumer" for a person on
 * their own; see crm_sla_customer_tier()): the most specific match
 * (priority and tier > priority > tier > any), the first of equals; -1 when
 * none applies. */
int                  crm_sla_choose_policy              (const CrmSlaPolicyKey *policies,
                                                         guint                 n_policies,
                                                         const char           *priority,
                                                         const char           *tier);

/* The customer tier SLA policies are chosen by: @organization_tier (the
 * organization.tier key, e.g. "strategic") for a ticket of an organization,
 * "consumer" when there is none (NULL or ""). */
const char          *crm_sla_customer_tier              (const char           *organization_tier);

G_END_DECLS

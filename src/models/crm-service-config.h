/* crm-service-config.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The service desk's settings: business calendars (name, time zone, working
 * hours, holidays), SLA policies (priority, customer tier, first-response and
 * resolution targets in business minutes, calendar) and canned replies
 * (title, body with {customer}, {ticket} and {agent}, language), read and
 * written off the UI thread.  Every write is one validated transaction on the
 * store's worker; the store's "changed::business_calendar", "changed::holiday",
 * "changed::sla_policy" and "changed::canned_reply" follow its commit.
 * Deleting moves a row to the trash and restoring brings it back, so that a
 * deletion can be undone; an edit is undone by saving the values from before
 * it.  Also the working-hours text of a calendar as a week of ranges, the
 * system's time zones and the lead time of breach warnings.  GTK-free.
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_SERVICE_CONFIG_ERROR (crm_service_config_error_quark ())

/* Stable codes; the messages are translated. */
typedef enum
{
  CRM_SERVICE_CONFIG_ERROR_NOT_FOUND,    /* no such calendar, holiday, policy or reply */
  CRM_SERVICE_CONFIG_ERROR_INVALID,      /* an empty name, title or body; an unknown
                                          * priority, tier or language key; a target
                                          * outside 1 minute–CRM_SERVICE_MAX_TARGET_MINUTES
                                          * or a resolution sooner than the first response */
  CRM_SERVICE_CONFIG_ERROR_BAD_HOURS,    /* working hours that cannot be read, overlap,
                                          * or leave every day closed */
  CRM_SERVICE_CONFIG_ERROR_BAD_TIMEZONE, /* not a time zone this system knows */
  CRM_SERVICE_CONFIG_ERROR_BAD_DAY,      /* a holiday that is not a YYYY-MM-DD date */
  CRM_SERVICE_CONFIG_ERROR_DUPLICATE,    /* a second policy for the same priority and
                                          * tier, a second holiday on the same day */
  CRM_SERVICE_CONFIG_ERROR_IN_USE,       /* a calendar that policies use */
} CrmServiceConfigError;

/* A target of a year of business time is as long as anyone needs. */
#define CRM_SERVICE_MAX_TARGET_MINUTES (366 * 24 * 60)
/* Breach warnings: the default lead time, and the longest. */
#define CRM_SERVICE_DEFAULT_ALERT_MINUTES 30
#define CRM_SERVICE_MAX_ALERT_MINUTES     (24 * 60)

GQuark crm_service_config_error_quark (void);

/* --- Working hours as a week --- */

/* One span of working time in a day, in minutes after local midnight:
 * 0 <= start < end <= 1440 (24:00). */
typedef struct
{
  guint16 start;
  guint16 end;
} CrmServiceRange;

/* The working hours of each day, Monday (0) to Sunday (6): an array of
 * CrmServiceRange in order, empty on a closed day. */
typedef struct
{
  GArray *days[7];
} CrmServiceWeek;

CrmServiceWeek *crm_service_week_new      (void);
CrmServiceWeek *crm_service_week_copy     (const CrmServiceWeek  *week);
void            crm_service_week_free     (CrmServiceWeek        *week);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmServiceWeek, crm_service_week_free)
/* Reads a business_calendar.hours text (the grammar of crm-sla.h: "mon-fri
 * 09:00-17:00", "mon-thu 08:30-12:00,13:00-17:30; fri 08:00-12:00", "24/7");
 * NULL with CRM_SERVICE_CONFIG_ERROR_BAD_HOURS when it cannot. */
CrmServiceWeek *crm_service_week_parse    (const char            *hours,
                                           GError               **error);
/* The hours text of @week, days with the same ranges in one group and runs
 * of days as "mon-fri" ("" when every day is closed); transfer full. */
char           *crm_service_week_format   (const CrmServiceWeek  *week);
/* Checks every range is inside its day, in order and apart from the others,
 * and that some day is open (BAD_HOURS otherwise). */
gboolean        crm_service_week_validate (const CrmServiceWeek  *week,
                                           GError               **error);
/* The working minutes in @week. */
guint           crm_service_week_minutes  (const CrmServiceWeek  *week);

/* --- The settings as read --- */

typedef struct
{
  gint64  id;
  char   *day;       /* YYYY-MM-DD */
  char   *name;
} CrmServiceHoliday;

typedef struct
{
  gint64     id;
  char      *name;
  char      *timezone;   /* IANA */
  char      *hours;      /* as stored */
  GPtrArray *holidays;   /* CrmServiceHoliday, by day */
} CrmServiceCalendar;

typedef struct
{
  gint64  id;
  char   *name;
  char   *priority;                /* "" (any), low, normal, high, urgent */
  char   *tier;                    /* "" (any), consumer, or an organization tier */
  int     first_response_minutes;  /* business minutes */
  int     resolution_minutes;
  gint64  calendar_id;             /* 0: none (around the clock) */
} CrmServicePolicy;

typedef struct
{
  gint64  id;
  char   *title;
  char   *body;        /* with {customer}, {ticket} and {agent} */
  char   *language;    /* en, zh-CN */
} CrmServiceReply;

typedef struct
{
  gint64  id;
  char   *name;
  char   *role;        /* owner, sales, support, manager */
} CrmServiceStaff;

typedef struct
{
  GPtrArray *calendars;      /* CrmServiceCalendar, by name */
  GPtrArray *policies;       /* CrmServicePolicy, as the SLA chooses among equals (by id) */
  GPtrArray *replies;        /* CrmServiceReply, by title */
  GPtrArray *staff;          /* CrmServiceStaff, active ones, by name */
  gint64     current_user;   /* the meta key current-user; 0 when unset */
  int        alert_minutes;  /* breach warnings' lead time; 0: off */
} CrmServiceConfig;

#define CRM_TYPE_SERVICE_CONFIG (crm_service_config_get_type ())

GType               crm_service_config_get_type    (void) G_GNUC_CONST;
CrmServiceConfig   *crm_service_config_ref         (CrmServiceConfig   *self);
void                crm_service_config_unref       (CrmServiceConfig   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmServiceConfig, crm_service_config_unref)
/* Transfer none; NULL when there is no such row. */
CrmServiceCalendar *crm_service_config_find_calendar (CrmServiceConfig *self,
                                                    gint64            id);
CrmServicePolicy   *crm_service_config_find_policy   (CrmServiceConfig *self,
                                                    gint64            id);
CrmServiceReply    *crm_service_config_find_reply    (CrmServiceConfig *self,
                                                    gint64            id);

CrmServicePolicy   *crm_service_policy_copy        (const CrmServicePolicy *policy);
void                crm_service_policy_free        (CrmServicePolicy       *policy);
CrmServiceReply    *crm_service_reply_copy         (const CrmServiceReply  *reply);
void                crm_service_reply_free         (CrmServiceReply        *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmServicePolicy, crm_service_policy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmServiceReply, crm_service_reply_free)

/* Reads the calendars with their holidays, the live policies and replies,
 * the active staff, the current user and the breach warnings' lead time. */
void              crm_service_config_load_async  (CrmStore            *store,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
CrmServiceConfig *crm_service_config_load_finish (CrmStore            *store,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* The customer tiers a policy may name: "consumer", then the tiers of live
 * organizations, the documented ones (strategic, key, standard) first and in
 * that order, then any others sorted.  Reads the organization table (once
 * when a settings page opens, not at every change).  Transfer full. */
void              crm_service_list_tiers_async   (CrmStore            *store,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GStrv             crm_service_list_tiers_finish  (CrmStore            *store,
                                                  GAsyncResult        *result,
                                                  GError             **error);

/* --- Validation (also done on the worker before every write) --- */

gboolean crm_service_validate_calendar (const char              *name,
                                        const char              *timezone,
                                        const char              *hours,
                                        GError                 **error);
gboolean crm_service_validate_holiday  (const char              *day,
                                        GError                 **error);
gboolean crm_service_validate_policy   (const CrmServicePolicy  *policy,
                                        GError                 **error);
gboolean crm_service_validate_reply    (const CrmServiceReply   *reply,
                                        GError                 **error);

/* --- Writes.  The _save_ functions add a row when its id is 0 and change
 * the row otherwise; finish returns the row's id, 0 with @error set. --- */

void     crm_service_calendar_save_async (CrmStore            *store,
                                          gint64               id,
                                          const char          *name,
                                          const char          *timezone,
                                          const char          *hours,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* A holiday @day (YYYY-MM-DD) named @name in the calendar @calendar_id. */
void     crm_service_holiday_add_async   (CrmStore            *store,
                                          gint64               calendar_id,
                                          const char          *day,
                                          const char          *name,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* Policies that name a calendar need a live one (NOT_FOUND). */
void     crm_service_policy_save_async   (CrmStore            *store,
                                          const CrmServicePolicy *policy,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
void     crm_service_reply_save_async    (CrmStore            *store,
                                          const CrmServiceReply *reply,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gint64   crm_service_save_finish         (CrmStore            *store,
                                          GAsyncResult        *result,
                                          GError             **error);

typedef enum
{
  CRM_SERVICE_ITEM_CALENDAR,
  CRM_SERVICE_ITEM_HOLIDAY,
  CRM_SERVICE_ITEM_POLICY,
  CRM_SERVICE_ITEM_REPLY,
} CrmServiceItem;

/* Moves the row to the trash (@trashed) or brings it back.  A calendar that
 * live policies use stays (IN_USE); a restored policy must not duplicate
 * another (DUPLICATE), and a restored holiday needs its calendar. */
void     crm_service_trash_async         (CrmStore            *store,
                                          CrmServiceItem       item,
                                          gint64               id,
                                          gboolean             trashed,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean crm_service_trash_finish        (CrmStore            *store,
                                          GAsyncResult        *result,
                                          GError             **error);

/* The breach warnings' lead time in minutes, 0 (off) to
 * CRM_SERVICE_MAX_ALERT_MINUTES (meta key sla-alert-minutes). */
void     crm_service_set_alert_minutes_async  (CrmStore            *store,
                                               int                  minutes,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean crm_service_set_alert_minutes_finish (CrmStore            *store,
                                               GAsyncResult        *result,
                                               GError             **error);

/* --- Time zones --- */

/* The IANA zone names of the time zone database under @tzdir (NULL: $TZDIR,
 * else /usr/share/zoneinfo), canonical zones only, sorted, with "UTC";
 * read from its tzdata.zi, else zone1970.tab or zone.tab.  Just "UTC" when
 * none is there.  Blocking: call it from a thread.  Transfer full. */
GStrv    crm_service_read_time_zones        (const char          *tzdir);
/* The same on a thread of its own. */
void     crm_service_list_time_zones_async  (GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GStrv    crm_service_list_time_zones_finish (GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS

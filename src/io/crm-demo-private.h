/* crm-demo-private.h
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared state of the demo generator's parts.  Everything here runs on the
 * store's worker thread inside one job.
 */

#pragma once

#include "crm-demo.h"
#include "crm-store-private.h"

G_BEGIN_DECLS

#define DEMO_DAY  G_GINT64_CONSTANT (86400)
/* GDate julian day of 1970-01-01: custom date values are julian days. */
#define DEMO_JULIAN_EPOCH G_GINT64_CONSTANT (719163)
#define DEMO_HOUR G_GINT64_CONSTANT (3600)

/* PCG32 (O'Neill): small, fast and the same on every platform, unlike GRand's
 * double helpers, so a seed always gives the same data. */
typedef struct
{
  guint64 state;
  guint64 inc;
} DemoRand;

static inline guint32
demo_rand_u32 (DemoRand *r)
{
  guint64 old = r->state;
  guint32 xorshifted, rot;

  r->state = old * G_GUINT64_CONSTANT (6364136223846793005) + r->inc;
  xorshifted = (guint32) (((old >> 18) ^ old) >> 27);
  rot = (guint32) (old >> 59);
  return (xorshifted >> rot) | (xorshifted << ((-rot) & 31));
}

/* Uniform in 0..n-1 (n > 0); the tiny bias of multiply-shift does not matter. */
static inline guint32
demo_rand_below (DemoRand *r,
                 guint32   n)
{
  return (guint32) (((guint64) demo_rand_u32 (r) * n) >> 32);
}

/* Uniform in lo..hi inclusive. */
static inline gint64
demo_rand_between (DemoRand *r,
                   gint64    lo,
                   gint64    hi)
{
  guint64 span = (guint64) (hi - lo) + 1;
  guint64 v = ((guint64) demo_rand_u32 (r) << 32) | demo_rand_u32 (r);

  return lo + (gint64) (v % span);
}

/* Uniform in [0, 1). */
static inline double
demo_rand_double (DemoRand *r)
{
  return demo_rand_u32 (r) * (1.0 / 4294967296.0);
}

/* TRUE with @percent % probability. */
static inline gboolean
demo_rand_chance (DemoRand *r,
                  guint     percent)
{
  return demo_rand_below (r, 100) < percent;
}

void   demo_rand_seed      (DemoRand       *r,
                            guint64         seed,
                            guint64         stream);
/* Picks an index with the given integer weights. */
guint  demo_rand_weighted  (DemoRand       *r,
                            const guint    *weights,
                            guint           n);
/* A positive duration with the given mean, skewed like real cycle lengths
 * (a gamma(2) variate). */
double demo_rand_skewed    (DemoRand       *r,
                            double          mean);

#define DEMO_PICK(r, array) ((array)[demo_rand_below ((r), G_N_ELEMENTS (array))])

typedef enum
{
  DEMO_STMT_STAFF,
  DEMO_STMT_ORGANIZATION,
  DEMO_STMT_PERSON,
  DEMO_STMT_AFFILIATION,
  DEMO_STMT_REPORTING_LINE,
  DEMO_STMT_INFLUENCE_LINK,
  DEMO_STMT_DEAL,
  DEMO_STMT_DEAL_STAGE_HISTORY,
  DEMO_STMT_DEAL_STAKEHOLDER,
  DEMO_STMT_DEAL_PRODUCT,
  DEMO_STMT_ACTIVITY,
  DEMO_STMT_ORDER,
  DEMO_STMT_ORDER_LINE,
  DEMO_STMT_TICKET,
  DEMO_STMT_TICKET_MESSAGE,
  DEMO_STMT_TICKET_STATUS_CHANGE,
  DEMO_STMT_SELF_SERVICE,
  DEMO_STMT_CAMPAIGN_MEMBER,
  DEMO_STMT_CUSTOM_VALUE,
  DEMO_STMT_MAP_POSITION,
  DEMO_N_STMTS
} DemoStmt;

/* Per-locale constants chosen once. */
typedef struct
{
  const char *language;       /* BCP 47 key for person.language */
  const char *country;        /* default ISO country */
  const char *currency;
  const char *email_domain_tld;
} DemoLocale;

typedef struct
{
  CrmStoreWorker *worker;
  GCancellable   *cancellable;
  DemoRand        rand;
  gboolean        zh;
  guint           scale;       /* 1 for small, 1000 for large */
  gint64          reference;   /* "today" (UTC seconds, midnight) */
  const char     *currency;

  sqlite3_stmt   *stmts[DEMO_N_STMTS];
  guint           pending;     /* rows since the last commit */
  guint64         rows;        /* rows written so far */
  guint64         rows_expected;
  GTask          *task;        /* for progress reports */
  gint            progress_permille;
  CrmDemoProgressFunc progress;
  gpointer        progress_data;
  GMainContext   *context;

  /* Targets */
  guint           n_orgs;
  guint           n_people;
  guint           n_deals;
  guint           n_tickets;
  guint           n_activities;
  guint           n_activities_done;

  /* Made rows, by index */
  gint64         *staff;
  guint           n_staff;
  gint64         *orgs;
  guint8         *org_tier;    /* 0 strategic, 1 key, 2 standard */
  gint64         *org_created;
  guint          *org_first_contact;
  guint          *org_n_contacts;
  gint64         *people;
  gint64         *people_created;
  guint           n_people_made;
  guint           n_contacts;  /* people[0..n_contacts) work at organizations */
  guint          *contact_org; /* org index of each contact */
  guint           n_regular_contacts; /* people[0..n_regular_contacts): the ordinary accounts */
  guint           n_big_contacts;     /* then the big organization's (the last org) */
  gint64          pipelines[2];
  gint64          stages[2][7];
  guint           n_stages[2];
  gint64          lost_reasons[6];
  gint64         *products;
  gint64         *product_price;
  guint           n_products;
  gint64          sla_policies[6];
  gint64         *kb_articles;
  guint           n_kb_articles;
  gint64          segments[6];
  gint64          custom_fields[4];

  char            buf[8][512]; /* scratch text, reused row after row */
  /* The last consumer, whom about 1 in 100 consumers duplicates (signed up
   * twice, typed in again by staff), for the duplicate finder to find. */
  char            last_consumer[6][128];
  gboolean        have_last_consumer;
} DemoGen;

/* The big organization (the last one, in both sizes): this many people in
 * five levels, for screenshots and the benchmark of a large stakeholder map. */
#define DEMO_BIG_ORG_PEOPLE 300

/* A contact to deal with or hear from (an index into people[]).  The big
 * organization is one account among many: it gets a few deals and tickets,
 * not the share of its 300 people. */
static inline guint
demo_pick_contact (DemoGen *gen)
{
  if (gen->n_big_contacts > 0 && demo_rand_below (&gen->rand, 1000000) < 30000 / gen->scale)
    return gen->n_regular_contacts + demo_rand_below (&gen->rand, gen->n_big_contacts);
  return demo_rand_below (&gen->rand, gen->n_regular_contacts);
}

/* Row helpers (crm-demo.c).  @types: one letter per bound column:
 *   i gint64, r gint64 reference (0 binds NULL), s const char * (static for
 *   the step), d double.  Returns FALSE with @error set. */
gboolean  demo_insert        (DemoGen        *gen,
                              DemoStmt        which,
                              GError        **error,
                              const char     *types,
                              ...);
/* For rows whose statement is prepared ad hoc (small tables). */
gboolean  demo_insert_sql    (DemoGen        *gen,
                              const char     *sql,
                              GError        **error,
                              const char     *types,
                              ...);
gint64    demo_next_id       (DemoGen        *gen);
/* Date text "YYYY-MM-DD" of a unix time, written into @out (>= 11 bytes). */
void      demo_format_date   (gint64          when,
                              char           *out);
gint64    demo_staff_of_role (DemoGen        *gen,
                              const char     *role);

/* Names and places (crm-demo-names.c). */
typedef struct
{
  const char *city;
  const char *region;
  const char *country;
  const char *phone_prefix;   /* "+1 415", "+44 20", "+86 21" */
  const char *pinyin;         /* zh: for web and email domains */
} DemoCity;

typedef struct
{
  const char *text;
  const char *ascii;          /* email-safe: "jose", "wang" */
  guint8      gender;         /* 0 any, 1 female, 2 male */
} DemoName;

void        demo_person_name   (DemoGen        *gen,
                                char           *given,
                                char           *family,
                                char           *display,
                                char           *sort_key,
                                char           *email_local,
                                const char    **gender);
void        demo_org_name      (DemoGen        *gen,
                                const DemoCity *city,
                                const char     *industry,
                                char           *name,
                                char           *sort_key,
                                char           *domain);
const DemoCity *demo_city      (DemoGen        *gen);
void        demo_street_address (DemoGen       *gen,
                                 char          *out);
void        demo_phone         (DemoGen        *gen,
                                const DemoCity *city,
                                gboolean        mobile,
                                char           *out);
/* Job titles and departments per stakeholder level (0 = top). */
void        demo_job           (DemoGen        *gen,
                                guint           level,
                                const char    **title,
                                const char    **department);
/* The big organization's jobs: @dept 0..5 (procurement, IT, operations,
 * marketing, finance, sales), @level 0 (the chief executive) .. 4 (staff). */
void        demo_dept_job      (DemoGen        *gen,
                                guint           dept,
                                guint           level,
                                const char    **title,
                                const char    **department);
/* "Northwind Holdings" / "北辰控股集团有限公司" with its sort key and web domain. */
void        demo_big_org_name  (DemoGen        *gen,
                                char           *name,
                                char           *sort_key,
                                char           *domain);
const char *demo_deal_topic    (DemoGen        *gen);
const char *demo_product_name  (DemoGen        *gen,
                                guint           index,
                                gint64         *price);
guint       demo_n_products    (void);
const char *demo_ticket_subject (DemoGen       *gen,
                                 const char   **first_message);
const char *demo_reply_text    (DemoGen        *gen);
const char *demo_followup_text (DemoGen        *gen);
const char *demo_note_text     (DemoGen        *gen);
const char *demo_activity_summary (DemoGen     *gen,
                                   const char  *kind);
const char *demo_csat_comment  (DemoGen        *gen,
                                int             score);

/* Generator parts. */
gboolean demo_make_setup      (DemoGen *gen, GError **error); /* crm-demo-setup.c */
gboolean demo_make_accounts   (DemoGen *gen, GError **error); /* crm-demo-accounts.c */
gboolean demo_make_consumers  (DemoGen *gen, GError **error);
gboolean demo_make_deals      (DemoGen *gen, GError **error); /* crm-demo-deals.c */
gboolean demo_make_tickets    (DemoGen *gen, GError **error); /* crm-demo-service.c */
gboolean demo_make_activities (DemoGen *gen, GError **error);
/* One activity at @when; a time after the reference makes an open task. */
gboolean demo_make_activity   (DemoGen *gen, const char *subject_kind, gint64 subject_id,
                               gint64 when, gint64 owner, GError **error);
gboolean demo_make_marketing  (DemoGen *gen, GError **error); /* crm-demo-setup.c */

G_END_DECLS

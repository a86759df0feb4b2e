/* crm-demo-accounts.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo generator's organizations with their stakeholder maps (contacts,
 * affiliations, reporting lines, influence) and its consumers with orders.
 */

#define G_LOG_DOMAIN "CrmDemo"

#include "config.h"

#include <string.h>

#include "crm-demo-private.h"
#include "crm-stakeholder-layout.h"

static const char *industry_keys[] = {
  "software", "manufacturing", "retail", "healthcare", "finance", "education", "logistics",
  "construction", "hospitality", "energy", "media", "agriculture", "professional-services",
};
static const guint industry_weights[] = { 14, 12, 10, 8, 7, 6, 8, 7, 6, 4, 5, 4, 9 };

static const char *size_bands[] = { "1-10", "11-50", "51-200", "201-1000", "1001-5000", "5000+" };
static const guint size_weights[] = { 25, 30, 22, 13, 7, 3 };
/* Annual revenue range per size band, in major units of USD. */
static const gint64 revenue_lo[] = { 200000, 1000000, 5000000, 20000000, 100000000, 1000000000 };
static const gint64 revenue_hi[] = { 2000000, 10000000, 50000000, 300000000, 2000000000,
                                     20000000000 };
static const guint contacts_lo[] = { 1, 2, 3, 4, 6, 8 };
static const guint contacts_hi[] = { 3, 4, 6, 9, 12, 15 };

static const char *tiers[] = { "strategic", "key", "standard" };

static const char *roles_by_level[3][5] = {
  { "economic-buyer", "decision-maker", "economic-buyer", "decision-maker", "blocker" },
  { "decision-maker", "champion", "technical-evaluator", "influencer", "blocker" },
  { "user", "gatekeeper", "technical-evaluator", "influencer", "champion" },
};
static const char *levels3[] = { "low", "medium", "high" };
static const char *attitudes[] = { "supporter", "neutral", "opponent" };
static const guint attitude_weights[] = { 35, 45, 20 };

static const char *channels[] = { "email", "phone", "sms", "chat", "social", "in-person" };
static const guint consumer_channel_weights[] = { 35, 15, 20, 12, 12, 6 };
static const guint contact_channel_weights[] = { 55, 30, 2, 5, 0, 8 };

static gint64
past_time (DemoGen *gen,
           gint64   days_back)
{
  return gen->reference - (gint64) demo_rand_below (&gen->rand, (guint32) (days_back * DEMO_DAY));
}

static gboolean
insert_person (DemoGen        *gen,
               gint64          id,
               gint64          created,
               const DemoCity *city,
               const char     *email_domain,
               gboolean        consumer,
               gint64          owner,
               GError        **error)
{
  char *given = gen->buf[0], *family = gen->buf[1], *display = gen->buf[2];
  char *sort_key = gen->buf[3], *local = gen->buf[4], *email = gen->buf[5];
  char *phone = gen->buf[6], *address = gen->buf[7];
  char birth[11] = "", since[11] = "";
  const char *gender;
  const guint *weights = consumer ? consumer_channel_weights : contact_channel_weights;
  gboolean customer = consumer ? demo_rand_chance (&gen->rand, 85)
                               : demo_rand_chance (&gen->rand, 3);

  demo_person_name (gen, given, family, display, sort_key, local, &gender);
  if (consumer)
    {
      static const char *en_mail[] = { "gmail.com", "outlook.com", "yahoo.com", "icloud.com",
                                       "proton.me", "btinternet.com" };
      static const char *zh_mail[] = { "qq.com", "163.com", "126.com", "sina.com", "foxmail.com" };

      if (gen->zh && demo_rand_chance (&gen->rand, 40))
        g_snprintf (email, 128, "%u@qq.com", 10000000 + demo_rand_below (&gen->rand, 2000000000));
      else
        g_snprintf (email, 128, "%s%u@%s", local, demo_rand_below (&gen->rand, 100),
                    gen->zh ? DEMO_PICK (&gen->rand, zh_mail) : DEMO_PICK (&gen->rand, en_mail));
      demo_street_address (gen, address);
      if (demo_rand_chance (&gen->rand, 70))
        demo_format_date (gen->reference - (18 + (gint64) demo_rand_below (&gen->rand, 62)) * 365 * DEMO_DAY
                          - (gint64) demo_rand_below (&gen->rand, 365) * DEMO_DAY, birth);
    }
  else
    {
      g_snprintf (email, 128, "%s@%s", local, email_domain);
      address[0] = '\0';
    }
  if (demo_rand_chance (&gen->rand, 8))
    email[0] = '\0';
  demo_phone (gen, city, consumer || demo_rand_chance (&gen->rand, 60), phone);
  if (customer)
    demo_format_date (created, since);

  if (consumer)
    {
      char (*last)[128] = gen->last_consumer;

      if (gen->have_last_consumer && demo_rand_chance (&gen->rand, 1))
        {
          /* The same customer again: same name, and the same email written
           * in capitals or the same phone number. */
          g_strlcpy (given, last[0], 128);
          g_strlcpy (family, last[1], 128);
          g_strlcpy (display, last[2], 128);
          g_strlcpy (sort_key, last[3], 128);
          if (last[4][0] != '\0' && demo_rand_chance (&gen->rand, 60))
            {
              g_autofree char *upper = g_ascii_strup (last[4], -1);

              g_strlcpy (email, upper, 128);
            }
          else
            g_strlcpy (phone, last[5], 128);
          gen->have_last_consumer = FALSE;
        }
      else
        {
          g_strlcpy (last[0], given, 128);
          g_strlcpy (last[1], family, 128);
          g_strlcpy (last[2], display, 128);
          g_strlcpy (last[3], sort_key, 128);
          g_strlcpy (last[4], email, 128);
          g_strlcpy (last[5], phone, 128);
          gen->have_last_consumer = TRUE;
        }
    }

  return demo_insert (gen, DEMO_STMT_PERSON, error, "iiisssssssssssssiiiisisr",
                      id, created, created, given, family, display, sort_key, email, phone,
                      birth, gender, gen->zh ? "zh-CN" : "en", city->city, city->region,
                      city->country, address,
                      (gint64) demo_rand_chance (&gen->rand, consumer ? 55 : 75),
                      (gint64) demo_rand_chance (&gen->rand, consumer ? 35 : 5),
                      (gint64) demo_rand_chance (&gen->rand, consumer ? 20 : 80),
                      created,
                      channels[demo_rand_weighted (&gen->rand, weights, G_N_ELEMENTS (channels))],
                      (gint64) customer, since, owner);
}

/* The level of contact @k of an organization: the top (0), managers (1),
 * team leads (2, in organizations of eight or more) and staff. */
static guint
contact_level (guint k,
               guint n_managers,
               guint n_leads)
{
  if (k == 0)
    return 0;
  if (k <= n_managers)
    return 1;
  if (n_leads > 0 && k <= n_managers + n_leads)
    return 2;
  return n_leads > 0 ? 3 : 2;
}

static gboolean
insert_affiliation (DemoGen     *gen,
                    gint64       person,
                    gint64       org_id,
                    gint64       created,
                    const char  *title,
                    const char  *department,
                    const char  *role,
                    guint        influence,
                    GError     **error)
{
  char started[11];

  demo_format_date (created - (gint64) demo_rand_below (&gen->rand, 3650) * DEMO_DAY, started);
  return demo_insert (gen, DEMO_STMT_AFFILIATION, error, "iiiiisssssis",
                      demo_next_id (gen), created, created, person, org_id, title, department,
                      role, levels3[MIN (influence, 2)],
                      attitudes[demo_rand_weighted (&gen->rand, attitude_weights, 3)],
                      (gint64) 1, started);
}

static gboolean
insert_line (DemoGen  *gen,
             gint64    org_id,
             gint64    created,
             gint64    person,
             gint64    manager,
             GError  **error)
{
  return demo_insert (gen, DEMO_STMT_REPORTING_LINE, error, "iiiiii", demo_next_id (gen),
                      created, created, org_id, person, manager);
}

/* @n influence links between the people first..first+n-1, none twice. */
static gboolean
insert_influence (DemoGen  *gen,
                  gint64    org_id,
                  gint64    t,
                  guint     first,
                  guint     n,
                  guint     n_links,
                  GError  **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint k = 0; n >= 3 && k < n_links; k++)
    {
      guint from = demo_rand_below (&gen->rand, n);
      guint to = (from + 1 + demo_rand_below (&gen->rand, n - 1)) % n;
      gpointer key = GUINT_TO_POINTER (from * 4096 + to + 1);

      if (!g_hash_table_add (seen, key))
        continue;
      if (!demo_insert (gen, DEMO_STMT_INFLUENCE_LINK, error, "iiiiiis", demo_next_id (gen),
                        t, t, org_id, gen->people[first + from], gen->people[first + to],
                        levels3[demo_rand_below (&gen->rand, 3)]))
        return FALSE;
    }
  return TRUE;
}

/* A map someone arranged by hand: every node placed in rows by level. */
static gboolean
place_by_level (DemoGen  *gen,
                gint64    org_id,
                gint64    t,
                guint     first,
                guint     n,
                guint     n_managers,
                guint     n_leads,
                GError  **error)
{
  guint count[4] = { 0 }, seen[4] = { 0 };
  CrmLayoutMetrics metrics;

  /* As far apart as the automatic layout puts cards: none overlap. */
  crm_stakeholder_layout_metrics_init (&metrics);
  for (guint k = 0; k < n; k++)
    count[contact_level (k, n_managers, n_leads)]++;
  for (guint k = 0; k < n; k++)
    {
      guint level = contact_level (k, n_managers, n_leads);
      double x = (seen[level]++ - (count[level] - 1) / 2.0) * (metrics.node_width + metrics.h_gap);
      double y = level * (metrics.node_height + metrics.v_gap);

      if (!demo_insert (gen, DEMO_STMT_MAP_POSITION, error, "iiisiidd", demo_next_id (gen), t, t,
                        "organization", org_id, gen->people[first + k], x, y))
        return FALSE;
    }
  return TRUE;
}

/* One organization's people: a top level, managers reporting to it, team
 * leads in bigger ones, staff reporting to them (some to two, across
 * departments), informal influence, and on some maps places set by hand. */
static gboolean
make_contacts (DemoGen        *gen,
               guint           org,
               gint64          org_created,
               const DemoCity *city,
               const char     *domain,
               guint           n,
               gint64          owner,
               GError        **error)
{
  gint64 org_id = gen->orgs[org];
  guint first = gen->n_contacts;
  guint n_managers = MIN (n - 1, 1 + n / 4);
  guint n_leads = n >= 8 ? n / 5 : 0;
  gint64 t = MIN (org_created + 200 * DEMO_DAY, gen->reference - DEMO_DAY);

  gen->org_first_contact[org] = first;
  gen->org_n_contacts[org] = n;

  for (guint k = 0; k < n; k++)
    {
      guint level = contact_level (k, n_managers, n_leads);
      gint64 created = org_created + (gint64) demo_rand_below (&gen->rand, 200) * DEMO_DAY;
      gint64 id = demo_next_id (gen);
      const char *title, *department;
      guint influence = 2 - MIN (level, 2) + demo_rand_below (&gen->rand, 2);
      guint boss;

      created = MIN (created, gen->reference - DEMO_DAY);
      if (!insert_person (gen, id, created, city, domain, FALSE, owner, error))
        return FALSE;
      gen->people_created[gen->n_people_made] = created;
      gen->people[gen->n_people_made++] = id;
      gen->contact_org[gen->n_contacts++] = org;

      demo_job (gen, level, &title, &department);
      if (!insert_affiliation (gen, id, org_id, created, title, department,
                               roles_by_level[MIN (level, 2)][demo_rand_below (&gen->rand, 5)],
                               influence, error))
        return FALSE;

      if (level == 0)
        continue;
      boss = level == 1 ? 0
           : level == 3 ? 1 + n_managers + demo_rand_below (&gen->rand, n_leads)
           : 1 + demo_rand_below (&gen->rand, n_managers);
      if (!insert_line (gen, org_id, created, id, gen->people[first + boss], error))
        return FALSE;

      /* A dotted line to a second manager in a matrix organization: a
       * peer of the first, or for staff sometimes a manager a level up. */
      if (level >= 2 && demo_rand_chance (&gen->rand, 12))
        {
          guint lo = level == 3 ? 1 + n_managers : 1;
          guint peers = level == 3 ? n_leads : n_managers;
          guint second = peers > 1 ? lo + (boss - lo + 1) % peers
                       : level == 3 ? 1 + demo_rand_below (&gen->rand, n_managers) : boss;

          if (second != boss &&
              !insert_line (gen, org_id, created, id, gen->people[first + second], error))
            return FALSE;
        }
    }

  if (!insert_influence (gen, org_id, t, first, n, n / 3, error))
    return FALSE;
  /* A fifth of the maps were arranged by hand; the others lay out alone. */
  if (n >= 3 && demo_rand_chance (&gen->rand, 20))
    return place_by_level (gen, org_id, t, first, n, n_managers, n_leads, error);
  return TRUE;
}

/* The big organization: a chief executive, six department heads, four
 * directors per department, three managers per director and staff below,
 * DEMO_BIG_ORG_PEOPLE in all; some report to a second manager in another
 * department. */
static gboolean
make_big_contacts (DemoGen        *gen,
                   guint           org,
                   gint64          org_created,
                   const DemoCity *city,
                   const char     *domain,
                   gint64          owner,
                   GError        **error)
{
  /* Champions are few (a director and two managers, below); the others'
   * roles by level. */
  static const char *const roles_by_big_level[5][4] = {
    { "economic-buyer", "economic-buyer", "economic-buyer", "economic-buyer" },
    { "decision-maker", "decision-maker", "influencer", "blocker" },
    { "technical-evaluator", "influencer", "influencer", "decision-maker" },
    { "user", "gatekeeper", "technical-evaluator", "user" },
    { "user", "user", "", "" },
  };
  const guint n = DEMO_BIG_ORG_PEOPLE, n_heads = 6, n_directors = 24, n_managers = 72;
  gint64 org_id = gen->orgs[org];
  guint first = gen->n_contacts;
  gint64 t = MIN (org_created + 200 * DEMO_DAY, gen->reference - DEMO_DAY);

  gen->org_first_contact[org] = first;
  gen->org_n_contacts[org] = n;

  for (guint k = 0; k < n; k++)
    {
      /* k: 0 chief; 1..6 heads; 7..30 directors; 31..102 managers; staff. */
      guint level = k == 0 ? 0 : k <= n_heads ? 1 : k <= n_heads + n_directors ? 2
                  : k <= n_heads + n_directors + n_managers ? 3 : 4;
      guint local = level == 0 ? 0 : level == 1 ? k - 1 : level == 2 ? k - 1 - n_heads
                  : level == 3 ? k - 1 - n_heads - n_directors
                  : k - 1 - n_heads - n_directors - n_managers;
      /* Departments deal people round-robin, so a chain stays in one. */
      guint dept = local % n_heads;
      guint boss = level == 1 ? 0
                 : level == 2 ? 1 + dept
                 : level == 3 ? 1 + n_heads + (local % n_directors)
                 : 1 + n_heads + n_directors + (local % n_managers);
      gint64 created = MIN (org_created + (gint64) demo_rand_below (&gen->rand, 400) * DEMO_DAY,
                            gen->reference - DEMO_DAY);
      gint64 id = demo_next_id (gen);
      const char *title, *department, *role;
      guint influence = level <= 1 ? 2 : level == 2 ? 1 + demo_rand_below (&gen->rand, 2)
                      : level == 3 ? 1 : demo_rand_below (&gen->rand, 2);

      if (!insert_person (gen, id, created, city, domain, FALSE, owner, error))
        return FALSE;
      gen->people_created[gen->n_people_made] = created;
      gen->people[gen->n_people_made++] = id;
      gen->contact_org[gen->n_contacts++] = org;

      demo_dept_job (gen, dept, level, &title, &department);
      role = roles_by_big_level[level][demo_rand_below (&gen->rand, 4)];
      if ((level == 2 && local == 1) || (level == 3 && (local == 13 || local == 44)))
        role = "champion";
      if (!insert_affiliation (gen, id, org_id, created, title, department, role, influence, error))
        return FALSE;
      if (level == 0)
        continue;
      if (!insert_line (gen, org_id, created, id, gen->people[first + boss], error))
        return FALSE;

      /* Matrix lines: someone of another department a level up. */
      if (level >= 3 && demo_rand_chance (&gen->rand, 8))
        {
          guint peers = level == 3 ? n_directors : n_managers;
          guint base = level == 3 ? 1 + n_heads : 1 + n_heads + n_directors;
          guint other = base + (local + 1 + demo_rand_below (&gen->rand, peers - 1)) % peers;

          if (other != boss &&
              !insert_line (gen, org_id, created, id, gen->people[first + other], error))
            return FALSE;
        }
    }

  return insert_influence (gen, org_id, t, first, n, n / 5, error);
}

static gboolean
make_big_organization (DemoGen  *gen,
                       guint     i,
                       GError  **error)
{
  const DemoCity *city = demo_city (gen);
  gint64 created = past_time (gen, 1095);
  gint64 owner = demo_staff_of_role (gen, "sales");
  char name[128], sort_key[128], domain[64], address[128], website[96], phone[32], email[96];

  demo_big_org_name (gen, name, sort_key, domain);
  demo_street_address (gen, address);
  demo_phone (gen, city, FALSE, phone);
  g_snprintf (website, sizeof website, "https://www.%s", domain);
  g_snprintf (email, sizeof email, "info@%s", domain);

  gen->orgs[i] = demo_next_id (gen);
  gen->org_tier[i] = 0;
  gen->org_created[i] = created;
  if (!demo_insert (gen, DEMO_STMT_ORGANIZATION, error, "iiissssisssssssssrrs",
                    gen->orgs[i], created, created, name, sort_key, "manufacturing", "5000+",
                    (gint64) (gen->zh ? 56000000000 : 8000000000) * 100, gen->currency, city->region,
                    city->country, city->city, address, website, phone, email, "strategic",
                    (gint64) 0, owner, ""))
    return FALSE;

  gen->n_regular_contacts = gen->n_contacts;
  if (!make_big_contacts (gen, i, created, city, domain, owner, error))
    return FALSE;
  gen->n_big_contacts = gen->n_contacts - gen->n_regular_contacts;
  return TRUE;
}

static gboolean
make_organization (DemoGen  *gen,
                   guint     i,
                   guint     max_contacts,
                   GError  **error)
{
  const DemoCity *city = demo_city (gen);
  const char *industry = industry_keys[demo_rand_weighted (&gen->rand, industry_weights,
                                                           G_N_ELEMENTS (industry_weights))];
  guint band = demo_rand_weighted (&gen->rand, size_weights, G_N_ELEMENTS (size_weights));
  gint64 revenue = demo_rand_between (&gen->rand, revenue_lo[band], revenue_hi[band]);
  guint tier = demo_rand_below (&gen->rand, 100) < 2 + band * 4 ? 0
             : demo_rand_below (&gen->rand, 100) < 15 + band * 5 ? 1 : 2;
  gint64 parent = i > 10 && demo_rand_chance (&gen->rand, 8)
                  ? gen->orgs[demo_rand_below (&gen->rand, i)] : 0;
  gint64 created = past_time (gen, 1095);
  gint64 owner = demo_staff_of_role (gen, "sales");
  char name[128], sort_key[128], domain[64], address[128], website[96], phone[32], email[96];
  char account[32];
  guint n_contacts = contacts_lo[band] +
                     demo_rand_below (&gen->rand, contacts_hi[band] - contacts_lo[band] + 1);

  demo_org_name (gen, city, industry, name, sort_key, domain);
  demo_street_address (gen, address);
  demo_phone (gen, city, FALSE, phone);
  g_snprintf (website, sizeof website, "https://www.%s", domain);
  g_snprintf (email, sizeof email, "%s@%s", demo_rand_chance (&gen->rand, 50) ? "info" : "contact",
              domain);
  if (gen->zh)
    revenue *= 7;

  gen->orgs[i] = demo_next_id (gen);
  gen->org_tier[i] = tier;
  gen->org_created[i] = created;
  if (!demo_insert (gen, DEMO_STMT_ORGANIZATION, error, "iiissssisssssssssrrs",
                    gen->orgs[i], created, created, name, sort_key, industry, size_bands[band],
                    revenue * 100, gen->currency, city->region, city->country, city->city,
                    address, website, phone, email, tiers[tier], parent, owner, ""))
    return FALSE;

  if (demo_rand_chance (&gen->rand, 60))
    {
      g_snprintf (account, sizeof account, "A-%06u", i + 1);
      if (!demo_insert (gen, DEMO_STMT_CUSTOM_VALUE, error, "iiiiisr", demo_next_id (gen),
                        created, created, gen->custom_fields[0], gen->orgs[i], account,
                        (gint64) 0))
        return FALSE;
    }

  /* Strategic and key accounts renew within the coming year (a julian day,
   * spread without drawing from the random stream). */
  if (tier < 2 &&
      !demo_insert (gen, DEMO_STMT_CUSTOM_VALUE, error, "iiiiisi", demo_next_id (gen),
                    created, created, gen->custom_fields[3], gen->orgs[i], NULL,
                    (gint64) (DEMO_JULIAN_EPOCH + gen->reference / DEMO_DAY + (i * 37) % 365)))
    return FALSE;

  n_contacts = MIN (n_contacts, max_contacts - gen->n_contacts);
  if (n_contacts == 0)
    {
      gen->org_first_contact[i] = gen->n_contacts;
      gen->org_n_contacts[i] = 0;
      return TRUE;
    }
  return make_contacts (gen, i, created, city, domain, n_contacts, owner, error);
}

gboolean
demo_make_accounts (DemoGen  *gen,
                    GError  **error)
{
  /* At most 60% of people work at ordinary organizations; about 42% do. */
  guint max_contacts = (gen->n_people - DEMO_BIG_ORG_PEOPLE) * 6 / 10;

  gen->orgs = g_new0 (gint64, gen->n_orgs);
  gen->org_tier = g_new0 (guint8, gen->n_orgs);
  gen->org_first_contact = g_new0 (guint, gen->n_orgs);
  gen->org_n_contacts = g_new0 (guint, gen->n_orgs);
  gen->org_created = g_new0 (gint64, gen->n_orgs);
  gen->people = g_new0 (gint64, gen->n_people);
  gen->people_created = g_new0 (gint64, gen->n_people);
  gen->contact_org = g_new0 (guint, gen->n_people);

  for (guint i = 0; i + 1 < gen->n_orgs; i++)
    if (!make_organization (gen, i, max_contacts, error))
      return FALSE;
  return make_big_organization (gen, gen->n_orgs - 1, error);
}

/* --- Consumers --- */

static gboolean
make_orders (DemoGen  *gen,
             gint64    person,
             gint64    since,
             GError  **error)
{
  static const guint count_weights[] = { 35, 35, 18, 8, 0, 4 };
  static const char *order_channels[] = { "online", "store", "phone" };
  static const guint order_channel_weights[] = { 60, 30, 10 };
  static const char *order_statuses[] = { "paid", "refunded", "cancelled", "pending" };
  static const guint order_status_weights[] = { 88, 5, 4, 3 };
  guint n = demo_rand_weighted (&gen->rand, count_weights, G_N_ELEMENTS (count_weights));

  for (guint o = 0; o < n; o++)
    {
      gint64 ordered = demo_rand_between (&gen->rand, since, gen->reference - DEMO_HOUR);
      gint64 order_id = demo_next_id (gen);
      guint lines = 1 + (demo_rand_chance (&gen->rand, 40) ? 1 + demo_rand_below (&gen->rand, 2) : 0);
      gint64 total = 0;
      gint64 line_product[3], line_qty[3];

      for (guint l = 0; l < lines; l++)
        {
          /* Consumers mostly buy the goods (index 6 on), some the plans. */
          guint p = demo_rand_chance (&gen->rand, 85)
                    ? 6 + demo_rand_below (&gen->rand, gen->n_products - 6)
                    : demo_rand_below (&gen->rand, 2);

          line_product[l] = p;
          line_qty[l] = demo_rand_chance (&gen->rand, 80) ? 1 : 2 + demo_rand_below (&gen->rand, 2);
          total += gen->product_price[p] * line_qty[l];
        }

      if (!demo_insert (gen, DEMO_STMT_ORDER, error, "iiirriisss", order_id, ordered, ordered,
                        person, (gint64) 0, ordered, total, gen->currency,
                        order_channels[demo_rand_weighted (&gen->rand, order_channel_weights, 3)],
                        order_statuses[demo_rand_weighted (&gen->rand, order_status_weights, 4)]))
        return FALSE;
      for (guint l = 0; l < lines; l++)
        if (!demo_insert (gen, DEMO_STMT_ORDER_LINE, error, "iiiiiii", demo_next_id (gen),
                          ordered, ordered, order_id, gen->products[line_product[l]],
                          line_qty[l], gen->product_price[line_product[l]]))
          return FALSE;
    }
  return TRUE;
}

gboolean
demo_make_consumers (DemoGen  *gen,
                     GError  **error)
{
  static const char *loyalty[] = { "bronze", "silver", "gold" };
  static const guint loyalty_weights[] = { 60, 30, 10 };

  while (gen->n_people_made < gen->n_people)
    {
      const DemoCity *city = demo_city (gen);
      /* Newer customers are more common: square the age fraction. */
      double f = demo_rand_double (&gen->rand);
      gint64 created = gen->reference - (gint64) (f * f * 1095 * DEMO_DAY) - DEMO_HOUR;
      gint64 id = demo_next_id (gen);
      gint64 owner = demo_rand_chance (&gen->rand, 20) ? demo_staff_of_role (gen, "sales") : 0;

      if (!insert_person (gen, id, created, city, NULL, TRUE, owner, error))
        return FALSE;
      gen->people_created[gen->n_people_made] = created;
      gen->people[gen->n_people_made++] = id;

      if (demo_rand_chance (&gen->rand, 40) &&
          !demo_insert (gen, DEMO_STMT_CUSTOM_VALUE, error, "iiiiisr", demo_next_id (gen),
                        created, created, gen->custom_fields[1], id,
                        loyalty[demo_rand_weighted (&gen->rand, loyalty_weights, 3)], (gint64) 0))
        return FALSE;

      if (!make_orders (gen, id, created, error))
        return FALSE;
    }
  return TRUE;
}

/* crm-demo-setup.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo generator's small tables: staff, pipelines, products, SLA set-up,
 * knowledge base, canned replies, custom fields, segments and campaigns.
 */

#define G_LOG_DOMAIN "CrmDemo"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "crm-demo-kb.h"
#include "crm-demo-private.h"

typedef struct
{
  const char *en;
  const char *zh;
  int         probability;
  int         rotting_days;
  const char *kind;
} StageDef;

static const StageDef b2b_stages[] = {
  { "Qualification", "资格审查", 10, 14, "open" },
  { "Needs Analysis", "需求分析", 20, 14, "open" },
  { "Proposal", "方案报价", 40, 21, "open" },
  { "Negotiation", "商务谈判", 60, 21, "open" },
  { "Contract", "合同签订", 80, 30, "open" },
  { "Won", "赢单", 100, 0, "won" },
  { "Lost", "输单", 0, 0, "lost" },
};

static const StageDef b2c_stages[] = {
  { "New", "新线索", 10, 3, "open" },
  { "Contacted", "已联系", 30, 5, "open" },
  { "Offer", "报价中", 60, 7, "open" },
  { "Won", "成交", 100, 0, "won" },
  { "Lost", "流失", 0, 0, "lost" },
};

static const char *lost_reasons[][2] = {
  { "Price too high", "价格过高" },
  { "Chose a competitor", "选择了竞争对手" },
  { "No budget", "没有预算" },
  { "Bad timing", "时机不对" },
  { "No decision", "未做决定" },
  { "Product not a fit", "产品不匹配" },
};

static const char *canned_en[][2] = {
  { "Greeting", "Hi {customer},\n\nThanks for contacting us about ticket {ticket}. I'm on it.\n\n{agent}" },
  { "Ask for the order number", "Hi {customer},\n\nCould you send us your order number so we can look it up?\n\n{agent}" },
  { "Passed to the technical team", "Hi {customer},\n\nI've passed ticket {ticket} to our technical team. We'll update you within one business day.\n\n{agent}" },
  { "Resolved: please confirm", "Hi {customer},\n\nThis should now be fixed. Could you confirm it works for you?\n\n{agent}" },
  { "Refund issued", "Hi {customer},\n\nYour refund has been issued and should arrive within 3–5 business days.\n\n{agent}" },
};

static const char *canned_zh[][2] = {
  { "问候", "{customer}，您好：\n\n感谢您就工单 {ticket} 联系我们，我正在处理。\n\n{agent}" },
  { "询问订单号", "{customer}，您好：\n\n请提供您的订单号，方便我们查询。\n\n{agent}" },
  { "已转技术团队", "{customer}，您好：\n\n工单 {ticket} 已转给技术团队，我们会在一个工作日内答复您。\n\n{agent}" },
  { "已解决，请确认", "{customer}，您好：\n\n问题应已解决，请确认是否正常。\n\n{agent}" },
  { "退款已办理", "{customer}，您好：\n\n退款已办理，预计 3–5 个工作日内到账。\n\n{agent}" },
};

#define SETUP_TIME(gen) ((gen)->reference - 3 * 365 * DEMO_DAY)

static gboolean
make_staff (DemoGen  *gen,
            GError  **error)
{
  gint64 t = SETUP_TIME (gen);

  gen->n_staff = gen->scale > 1 ? 40 : 10;
  gen->staff = g_new0 (gint64, gen->n_staff);

  for (guint i = 0; i < gen->n_staff; i++)
    {
      char *given = gen->buf[0], *family = gen->buf[1], *display = gen->buf[2];
      char *sort_key = gen->buf[3], *local = gen->buf[4], *email = gen->buf[5];
      const char *gender;
      const char *role = i == 0 ? "owner" : i < 3 ? "manager"
                       : i < 3 + (gen->n_staff - 3) / 2 ? "sales" : "support";

      demo_person_name (gen, given, family, display, sort_key, local, &gender);
      g_snprintf (email, 128, "%s@%s", local, gen->zh ? "rapport-demo.cn" : "rapport-demo.com");
      gen->staff[i] = demo_next_id (gen);
      if (!demo_insert (gen, DEMO_STMT_STAFF, error, "iiisssi", gen->staff[i], t, t,
                        display, email, role, (gint64) (i % 17 != 16)))
        return FALSE;
    }
  return TRUE;
}

static gboolean
make_pipeline (DemoGen         *gen,
               guint            index,
               const StageDef  *stages,
               guint            n_stages,
               GError         **error)
{
  static const char *names[2][2] = {
    { "B2B sales", "企业客户销售" },
    { "Consumer sales", "零售客户销售" },
  };
  gint64 t = SETUP_TIME (gen);

  gen->pipelines[index] = demo_next_id (gen);
  if (!demo_insert_sql (gen,
                        "INSERT INTO pipeline (id, created, updated, name, kind, position, currency) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        error, "iiissis", gen->pipelines[index], t, t,
                        names[index][gen->zh], index == 0 ? "b2b" : "b2c", (gint64) index,
                        gen->currency))
    return FALSE;

  gen->n_stages[index] = n_stages;
  for (guint i = 0; i < n_stages; i++)
    {
      gen->stages[index][i] = demo_next_id (gen);
      if (!demo_insert_sql (gen,
                            "INSERT INTO stage (id, created, updated, pipeline_id, name, position, "
                            "probability, rotting_days, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error, "iiiisiiis", gen->stages[index][i], t, t, gen->pipelines[index],
                            gen->zh ? stages[i].zh : stages[i].en, (gint64) i,
                            (gint64) stages[i].probability, (gint64) stages[i].rotting_days,
                            stages[i].kind))
        return FALSE;
    }
  return TRUE;
}

static gboolean
make_sales_setup (DemoGen  *gen,
                  GError  **error)
{
  gint64 t = SETUP_TIME (gen);

  /* The pipelines and lost reasons a new database starts with (see
   * crm-board-defaults.c) give way to the sample's while no deal uses them. */
  if (!_crm_store_worker_exec (gen->worker,
                               "DELETE FROM stage WHERE pipeline_id IN (SELECT id FROM pipeline p WHERE NOT EXISTS "
                               "  (SELECT 1 FROM deal d WHERE d.pipeline_id = p.id));"
                               "DELETE FROM pipeline WHERE NOT EXISTS "
                               "  (SELECT 1 FROM deal d WHERE d.pipeline_id = pipeline.id);"
                               "DELETE FROM lost_reason WHERE NOT EXISTS "
                               "  (SELECT 1 FROM deal d WHERE d.lost_reason_id = lost_reason.id);",
                               error))
    return FALSE;

  if (!make_pipeline (gen, 0, b2b_stages, G_N_ELEMENTS (b2b_stages), error) ||
      !make_pipeline (gen, 1, b2c_stages, G_N_ELEMENTS (b2c_stages), error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (lost_reasons); i++)
    {
      gen->lost_reasons[i] = demo_next_id (gen);
      if (!demo_insert_sql (gen,
                            "INSERT INTO lost_reason (id, created, updated, name, position) "
                            "VALUES (?, ?, ?, ?, ?)",
                            error, "iiisi", gen->lost_reasons[i], t, t,
                            lost_reasons[i][gen->zh], (gint64) i))
        return FALSE;
    }

  gen->n_products = demo_n_products ();
  gen->products = g_new0 (gint64, gen->n_products);
  gen->product_price = g_new0 (gint64, gen->n_products);
  for (guint i = 0; i < gen->n_products; i++)
    {
      const char *name = demo_product_name (gen, i, &gen->product_price[i]);
      char *sku = gen->buf[0];

      g_snprintf (sku, 32, "SKU-%04u", 1001 + i);
      gen->products[i] = demo_next_id (gen);
      if (!demo_insert_sql (gen,
                            "INSERT INTO product (id, created, updated, sku, name, price, currency, "
                            "active) VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                            error, "iiissis", gen->products[i], t, t, sku, name,
                            gen->product_price[i], gen->currency))
        return FALSE;
    }
  return TRUE;
}

static gboolean
make_holidays (DemoGen  *gen,
               gint64    calendar,
               GError  **error)
{
  static const char *en_days[][2] = {
    { "01-01", "New Year's Day" }, { "07-04", "Independence Day" },
    { "12-25", "Christmas Day" }, { "12-26", "Boxing Day" },
  };
  static const char *zh_days[][2] = {
    { "01-01", "元旦" }, { "05-01", "劳动节" }, { "10-01", "国庆节" },
    { "10-02", "国庆节" }, { "10-03", "国庆节" },
  };
  const char *(*days)[2] = gen->zh ? zh_days : en_days;
  guint n = gen->zh ? G_N_ELEMENTS (zh_days) : G_N_ELEMENTS (en_days);
  gint64 t = SETUP_TIME (gen);
  char year[11];

  demo_format_date (gen->reference, year);
  year[4] = '\0';
  for (int y = 0; y < 2; y++)
    for (guint i = 0; i < n; i++)
      {
        char *day = gen->buf[0];

        g_snprintf (day, 16, "%d-%s", atoi (year) + y, days[i][0]);
        if (!demo_insert_sql (gen,
                              "INSERT INTO holiday (id, created, updated, calendar_id, day, name) "
                              "VALUES (?, ?, ?, ?, ?, ?)",
                              error, "iiiiss", demo_next_id (gen), t, t, calendar, day, days[i][1]))
          return FALSE;
      }
  return TRUE;
}

static gboolean
make_service_setup (DemoGen  *gen,
                    GError  **error)
{
  static const struct {
    const char *en, *zh, *priority, *tier;
    gint64 first, resolution;
    gboolean around_the_clock;
  } policies[6] = {
    { "Urgent", "紧急", "urgent", "", 30, 240, TRUE },
    { "High priority", "高优先级", "high", "", 120, 960, FALSE },
    { "Normal priority", "普通优先级", "normal", "", 480, 2400, FALSE },
    { "Low priority", "低优先级", "low", "", 960, 4800, FALSE },
    { "Strategic accounts, high priority", "战略客户·高优先级", "high", "strategic", 60, 480, TRUE },
    { "Consumers, normal priority", "个人客户·普通优先级", "normal", "consumer", 240, 2880, FALSE },
  };
  const char *sql_calendar =
    "INSERT INTO business_calendar (id, created, updated, name, timezone, hours) "
    "VALUES (?, ?, ?, ?, ?, ?)";
  gint64 t = SETUP_TIME (gen);
  gint64 standard = demo_next_id (gen);
  gint64 always = demo_next_id (gen);

  if (!demo_insert_sql (gen, sql_calendar, error, "iiisss", standard, t, t,
                        gen->zh ? "标准工作时间" : "Business hours",
                        gen->zh ? "Asia/Shanghai" : "America/New_York",
                        gen->zh ? "mon-fri 09:00-18:00" : "mon-fri 09:00-17:00") ||
      !demo_insert_sql (gen, sql_calendar, error, "iiisss", always, t, t,
                        gen->zh ? "全天候" : "Around the clock",
                        gen->zh ? "Asia/Shanghai" : "America/New_York",
                        "mon-sun 00:00-24:00") ||
      !make_holidays (gen, standard, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      gen->sla_policies[i] = demo_next_id (gen);
      if (!demo_insert_sql (gen,
                            "INSERT INTO sla_policy (id, created, updated, name, priority, tier, "
                            "first_response_minutes, resolution_minutes, calendar_id) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error, "iiisssiii", gen->sla_policies[i], t, t,
                            gen->zh ? policies[i].zh : policies[i].en, policies[i].priority,
                            policies[i].tier, policies[i].first, policies[i].resolution,
                            policies[i].around_the_clock ? always : standard))
        return FALSE;
    }
  return TRUE;
}

static gboolean
make_knowledge (DemoGen  *gen,
                GError  **error)
{
  const char *(*canned)[2] = gen->zh ? canned_zh : canned_en;
  gint64 t = SETUP_TIME (gen);

  /* The articles themselves are in crm-demo-kb.c. */
  if (!demo_make_kb_articles (gen, t, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (canned_en); i++)
    if (!demo_insert_sql (gen,
                          "INSERT INTO canned_reply (id, created, updated, title, body, language) "
                          "VALUES (?, ?, ?, ?, ?, ?)",
                          error, "iiisss", demo_next_id (gen), t, t, canned[i][0], canned[i][1],
                          gen->zh ? "zh-CN" : "en"))
      return FALSE;
  return TRUE;
}

static gboolean
has_column (DemoGen    *gen,
            const char *table,
            const char *column)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (_crm_store_worker_get_db (gen->worker),
                          "SELECT 1 FROM pragma_table_info(?) WHERE name = ?", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, column, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

static gboolean
make_custom_fields (DemoGen  *gen,
                    GError  **error)
{
  static const struct {
    const char *target, *key, *en, *zh, *type, *choices_en, *choices_zh;
  } fields[4] = {
    { "organization", "account_number", "Account number", "客户编号", "text", "[]", "[]" },
    { "person", "loyalty_level", "Loyalty level", "会员等级", "choice",
      "[{\"key\":\"bronze\",\"label\":\"Bronze\"},{\"key\":\"silver\",\"label\":\"Silver\"},"
      "{\"key\":\"gold\",\"label\":\"Gold\"}]",
      "[{\"key\":\"bronze\",\"label\":\"铜卡\"},{\"key\":\"silver\",\"label\":\"银卡\"},"
      "{\"key\":\"gold\",\"label\":\"金卡\"}]" },
    { "deal", "contract_term_months", "Contract term (months)", "合同期限（月）", "number",
      "[]", "[]" },
    { "organization", "contract_renewal", "Contract renewal", "合同续约日期", "date", "[]", "[]" },
  };
  gint64 t = SETUP_TIME (gen);
  /* The type column was renamed while schema 1 was still being written
   * ("type" clashed with GObject's G_TYPE names); accept either. */
  gboolean renamed = has_column (gen, "custom_field", "field_type");

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gen->custom_fields[i] = demo_next_id (gen);
      if (!demo_insert_sql (gen,
                            renamed
                            ? "INSERT INTO custom_field (id, created, updated, target, key, label, "
                              "field_type, choices, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            : "INSERT INTO custom_field (id, created, updated, target, key, label, "
                              "type, choices, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error, "iiisssssi", gen->custom_fields[i], t, t, fields[i].target,
                            fields[i].key, gen->zh ? fields[i].zh : fields[i].en, fields[i].type,
                            gen->zh ? fields[i].choices_zh : fields[i].choices_en, (gint64) i))
        return FALSE;
    }
  return TRUE;
}

gboolean
demo_make_setup (DemoGen  *gen,
                 GError  **error)
{
  return make_staff (gen, error) &&
         make_sales_setup (gen, error) &&
         make_service_setup (gen, error) &&
         make_knowledge (gen, error) &&
         make_custom_fields (gen, error);
}

/* --- Marketing: segments, campaigns and their members --- */

static gboolean
make_segments (DemoGen  *gen,
               GError  **error)
{
  static const struct {
    const char *en, *zh, *target, *filter;
  } segments[6] = {
    { "Strategic accounts", "战略客户", "organization",
      "{\"match\":\"all\",\"rules\":[{\"field\":\"tier\",\"op\":\"eq\",\"value\":\"strategic\"}]}" },
    { "Software companies", "软件企业", "organization",
      "{\"match\":\"all\",\"rules\":[{\"field\":\"industry\",\"op\":\"eq\",\"value\":\"software\"}]}" },
    { "Large companies", "大型企业", "organization",
      "{\"match\":\"any\",\"rules\":[{\"field\":\"size\",\"op\":\"eq\",\"value\":\"1001-5000\"},"
      "{\"field\":\"size\",\"op\":\"eq\",\"value\":\"5000+\"}]}" },
    { "Consumers who accept email", "接受邮件营销的个人客户", "person",
      "{\"match\":\"all\",\"rules\":[{\"field\":\"is_customer\",\"op\":\"eq\",\"value\":true},"
      "{\"field\":\"consent_email\",\"op\":\"eq\",\"value\":true}]}" },
    { "Prefer SMS", "偏好短信联系", "person",
      "{\"match\":\"all\",\"rules\":[{\"field\":\"preferred_channel\",\"op\":\"eq\",\"value\":\"sms\"}]}" },
    { "Recent customers", "新客户", "person",
      "{\"match\":\"all\",\"rules\":[{\"field\":\"customer_since\",\"op\":\"within_days\",\"value\":90}]}" },
  };
  gint64 t = SETUP_TIME (gen);

  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    {
      gen->segments[i] = demo_next_id (gen);
      if (!demo_insert_sql (gen,
                            "INSERT INTO segment (id, created, updated, name, target, filter, "
                            "position) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error, "iiisssi", gen->segments[i], t, t,
                            gen->zh ? segments[i].zh : segments[i].en, segments[i].target,
                            segments[i].filter, (gint64) i))
        return FALSE;
    }
  return TRUE;
}

/* A few tags: strategic accounts are VIPs, some partners, some readers. */
static gboolean
make_tags (DemoGen  *gen,
           GError  **error)
{
  static const char *names[3][2] = {
    { "VIP", "VIP" }, { "Partner", "合作伙伴" }, { "Newsletter", "订阅简报" },
  };
  const char *sql_tag = "INSERT INTO tag (id, created, updated, name) VALUES (?, ?, ?, ?)";
  const char *sql_record_tag =
    "INSERT INTO record_tag (id, created, updated, tag_id, record_kind, record_id) "
    "VALUES (?, ?, ?, ?, ?, ?)";
  gint64 t = SETUP_TIME (gen);
  gint64 tags[3];

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      tags[i] = demo_next_id (gen);
      if (!demo_insert_sql (gen, sql_tag, error, "iiis", tags[i], t, t, names[i][gen->zh]))
        return FALSE;
    }

  for (guint o = 0; o < gen->n_orgs; o++)
    {
      gint64 when = gen->org_created[o];

      if (gen->org_tier[o] == 0 &&
          !demo_insert_sql (gen, sql_record_tag, error, "iiiisi", demo_next_id (gen), when, when,
                            tags[0], "organization", gen->orgs[o]))
        return FALSE;
      if (demo_rand_chance (&gen->rand, 5) &&
          !demo_insert_sql (gen, sql_record_tag, error, "iiiisi", demo_next_id (gen), when, when,
                            tags[1], "organization", gen->orgs[o]))
        return FALSE;
    }
  for (guint p = 0; p < gen->n_people; p++)
    {
      gint64 when = gen->people_created[p];

      if (demo_rand_chance (&gen->rand, 3) &&
          !demo_insert_sql (gen, sql_record_tag, error, "iiiisi", demo_next_id (gen), when, when,
                            tags[2], "person", gen->people[p]))
        return FALSE;
    }
  return TRUE;
}

gboolean
demo_make_marketing (DemoGen  *gen,
                     GError  **error)
{
  static const struct {
    const char *en, *zh, *channel;
    int segment;
  } kinds[] = {
    { "Spring newsletter", "春季电子刊", "email", 3 },
    { "Industry expo", "行业展会", "event", 1 },
    { "LinkedIn outreach", "领英推广", "linkedin", 0 },
    { "Summer sale", "夏季促销", "social", 5 },
    { "Search ads", "搜索广告", "ads", 3 },
    { "In-store promotion", "门店促销", "retail", 5 },
    { "SMS reminder", "短信提醒", "sms", 4 },
    { "Webinar series", "线上研讨会", "email", 2 },
  };
  static const char *statuses[] = { "targeted", "sent", "opened", "responded", "converted",
                                    "unsubscribed" };
  static const guint status_weights[] = { 10, 40, 25, 12, 8, 5 };
  guint n_campaigns = gen->scale > 1 ? 24 : 8;
  guint per_campaign = gen->n_people / 40;
  /* A stride coprime with the number of people never picks a person twice. */
  guint stride = gen->scale > 1 ? 7919 : 7;

  if (!make_tags (gen, error) ||
      !make_segments (gen, error))
    return FALSE;

  for (guint c = 0; c < n_campaigns; c++)
    {
      guint k = c % G_N_ELEMENTS (kinds);
      /* The last two are still running and planned. */
      gint64 starts = gen->reference - ((gint64) n_campaigns - 2 - c) * 30 * DEMO_DAY;
      gint64 ends = starts + 21 * DEMO_DAY;
      gint64 id = demo_next_id (gen);
      char *name = gen->buf[0], *start_text = gen->buf[1], *end_text = gen->buf[2];
      guint offset = demo_rand_below (&gen->rand, gen->n_people);

      g_snprintf (name, 128, "%s %u", gen->zh ? kinds[k].zh : kinds[k].en, 2024 + c / 12);
      demo_format_date (starts, start_text);
      demo_format_date (ends, end_text);
      if (!demo_insert_sql (gen,
                            "INSERT INTO campaign (id, created, updated, name, channel, status, "
                            "segment_id, starts, ends, budget, currency) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error, "iiisssrssis", id, starts - 14 * DEMO_DAY, starts, name,
                            kinds[k].channel,
                            ends < gen->reference ? "finished" :
                            starts <= gen->reference ? "active" : "draft",
                            gen->segments[kinds[k].segment], start_text, end_text,
                            (gint64) (1000 + demo_rand_below (&gen->rand, 50)) * 1000 * gen->scale / 10,
                            gen->currency))
        return FALSE;

      for (guint m = 0; m < per_campaign; m++)
        {
          guint p = (guint) ((offset + (guint64) m * stride) % gen->n_people);
          guint s = demo_rand_weighted (&gen->rand, status_weights, G_N_ELEMENTS (status_weights));
          gint64 responded = s >= 3 && s <= 4
                             ? starts + (gint64) demo_rand_below (&gen->rand, 21 * 86400) : 0;

          if (!demo_insert (gen, DEMO_STMT_CAMPAIGN_MEMBER, error, "iiiiisi", demo_next_id (gen),
                            starts, starts, id, gen->people[p], statuses[s], responded))
            return FALSE;
        }
    }
  return TRUE;
}

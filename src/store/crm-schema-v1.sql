-- Rapport schema, version 1.
--
-- Conventions (every table below follows them):
--   * id INTEGER PRIMARY KEY holds a 64-bit id that is unique across machines
--     (see crm-id.c): records created offline on two laptops never collide.
--   * created / updated are UTC unix times in seconds; deleted = 1 puts a row in
--     the trash, so every delete can be undone.
--   * Enumerations are stable ASCII keys ('waiting-on-customer'), never
--     translated text; views translate them.
--   * Money is an integer amount in minor units plus an ISO 4217 currency code.
--   * Calendar dates are ISO 8601 text ('2026-11-23').

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

CREATE TABLE staff_user (
  id      INTEGER PRIMARY KEY,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  name    TEXT NOT NULL DEFAULT '',
  email   TEXT NOT NULL DEFAULT '',
  role    TEXT NOT NULL DEFAULT 'sales',        -- owner | sales | support | manager
  active  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE organization (
  id                INTEGER PRIMARY KEY,
  created           INTEGER NOT NULL,
  updated           INTEGER NOT NULL,
  deleted           INTEGER NOT NULL DEFAULT 0,
  name              TEXT NOT NULL DEFAULT '',
  sort_key          TEXT NOT NULL DEFAULT '',
  industry          TEXT NOT NULL DEFAULT '',    -- key: software, manufacturing, retail, ...
  size_band         TEXT NOT NULL DEFAULT '',    -- key: 1-10, 11-50, 51-200, 201-1000, 1001-5000, 5000+
  annual_revenue    INTEGER NOT NULL DEFAULT 0,  -- minor units
  revenue_currency  TEXT NOT NULL DEFAULT 'USD',
  region            TEXT NOT NULL DEFAULT '',
  country           TEXT NOT NULL DEFAULT '',    -- ISO 3166-1 alpha-2
  city              TEXT NOT NULL DEFAULT '',
  address           TEXT NOT NULL DEFAULT '',
  website           TEXT NOT NULL DEFAULT '',
  phone             TEXT NOT NULL DEFAULT '',
  email             TEXT NOT NULL DEFAULT '',
  tier              TEXT NOT NULL DEFAULT 'standard', -- key: strategic | key | standard
  parent_id         INTEGER REFERENCES organization (id) ON DELETE SET NULL,
  owner_id          INTEGER REFERENCES staff_user (id) ON DELETE SET NULL,
  notes             TEXT NOT NULL DEFAULT ''
);
CREATE INDEX organization_sort ON organization (deleted, sort_key, id);
CREATE INDEX organization_parent ON organization (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE person (
  id                 INTEGER PRIMARY KEY,
  created            INTEGER NOT NULL,
  updated            INTEGER NOT NULL,
  deleted            INTEGER NOT NULL DEFAULT 0,
  given_name         TEXT NOT NULL DEFAULT '',
  family_name        TEXT NOT NULL DEFAULT '',
  display_name       TEXT NOT NULL DEFAULT '',
  sort_key           TEXT NOT NULL DEFAULT '',
  email              TEXT NOT NULL DEFAULT '',
  phone              TEXT NOT NULL DEFAULT '',   -- E.164 when it could be normalised
  birth_date         TEXT NOT NULL DEFAULT '',
  gender             TEXT NOT NULL DEFAULT '',   -- key: female | male | other | '' (unknown)
  language           TEXT NOT NULL DEFAULT '',   -- BCP 47: en, zh-CN
  city               TEXT NOT NULL DEFAULT '',
  region             TEXT NOT NULL DEFAULT '',
  country            TEXT NOT NULL DEFAULT '',
  address            TEXT NOT NULL DEFAULT '',
  consent_email      INTEGER NOT NULL DEFAULT 0,
  consent_sms        INTEGER NOT NULL DEFAULT 0,
  consent_phone      INTEGER NOT NULL DEFAULT 0,
  consent_updated    INTEGER NOT NULL DEFAULT 0,
  preferred_channel  TEXT NOT NULL DEFAULT '',   -- key: email | phone | sms | chat | social | in-person
  is_customer        INTEGER NOT NULL DEFAULT 0, -- a B2C customer in their own right
  customer_since     TEXT NOT NULL DEFAULT '',
  owner_id           INTEGER REFERENCES staff_user (id) ON DELETE SET NULL,
  notes              TEXT NOT NULL DEFAULT ''
);
CREATE INDEX person_sort ON person (deleted, sort_key, id);
CREATE INDEX person_email ON person (email) WHERE email != '';
CREATE INDEX person_phone ON person (phone) WHERE phone != '';

-- A person working at an organization, with their place in its stakeholder map.
CREATE TABLE affiliation (
  id               INTEGER PRIMARY KEY,
  created          INTEGER NOT NULL,
  updated          INTEGER NOT NULL,
  deleted          INTEGER NOT NULL DEFAULT 0,
  person_id        INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  organization_id  INTEGER NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  title            TEXT NOT NULL DEFAULT '',
  department       TEXT NOT NULL DEFAULT '',
  stakeholder_role TEXT NOT NULL DEFAULT '',   -- key: economic-buyer | decision-maker | technical-evaluator | champion | influencer | user | gatekeeper | blocker
  influence        TEXT NOT NULL DEFAULT 'medium', -- key: low | medium | high
  attitude         TEXT NOT NULL DEFAULT 'neutral', -- key: supporter | neutral | opponent
  is_primary       INTEGER NOT NULL DEFAULT 0,
  started          TEXT NOT NULL DEFAULT '',
  ended            TEXT NOT NULL DEFAULT '',
  notes            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX affiliation_org ON affiliation (organization_id, deleted);
CREATE INDEX affiliation_person ON affiliation (person_id, deleted);

-- Reports-to lines: a person may have more than one manager, across departments.
CREATE TABLE reporting_line (
  id               INTEGER PRIMARY KEY,
  created          INTEGER NOT NULL,
  updated          INTEGER NOT NULL,
  deleted          INTEGER NOT NULL DEFAULT 0,
  organization_id  INTEGER NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  person_id        INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  manager_id       INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  UNIQUE (organization_id, person_id, manager_id)
);
CREATE INDEX reporting_line_manager ON reporting_line (manager_id);

-- Informal influence: from_person influences to_person.
CREATE TABLE influence_link (
  id               INTEGER PRIMARY KEY,
  created          INTEGER NOT NULL,
  updated          INTEGER NOT NULL,
  deleted          INTEGER NOT NULL DEFAULT 0,
  organization_id  INTEGER NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
  from_person_id   INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  to_person_id     INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  strength         TEXT NOT NULL DEFAULT 'medium', -- key: low | medium | high
  notes            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX influence_link_org ON influence_link (organization_id);

-- Manually placed stakeholder-map nodes, per organization or per deal.
CREATE TABLE map_position (
  id          INTEGER PRIMARY KEY,
  created     INTEGER NOT NULL,
  updated     INTEGER NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0,
  scope_kind  TEXT NOT NULL,                   -- key: organization | deal
  scope_id    INTEGER NOT NULL,
  person_id   INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  x           REAL NOT NULL DEFAULT 0,
  y           REAL NOT NULL DEFAULT 0,
  UNIQUE (scope_kind, scope_id, person_id)
);

CREATE TABLE pipeline (
  id        INTEGER PRIMARY KEY,
  created   INTEGER NOT NULL,
  updated   INTEGER NOT NULL,
  deleted   INTEGER NOT NULL DEFAULT 0,
  name      TEXT NOT NULL DEFAULT '',
  kind      TEXT NOT NULL DEFAULT 'b2b',       -- key: b2b | b2c
  position  INTEGER NOT NULL DEFAULT 0,
  currency  TEXT NOT NULL DEFAULT 'USD'
);

CREATE TABLE stage (
  id           INTEGER PRIMARY KEY,
  created      INTEGER NOT NULL,
  updated      INTEGER NOT NULL,
  deleted      INTEGER NOT NULL DEFAULT 0,
  pipeline_id  INTEGER NOT NULL REFERENCES pipeline (id) ON DELETE CASCADE,
  name         TEXT NOT NULL DEFAULT '',
  position     INTEGER NOT NULL DEFAULT 0,
  probability  INTEGER NOT NULL DEFAULT 0,     -- percent, 0..100
  rotting_days INTEGER NOT NULL DEFAULT 0,     -- 0: never rots
  kind         TEXT NOT NULL DEFAULT 'open'    -- key: open | won | lost
);
CREATE INDEX stage_pipeline ON stage (pipeline_id, position);

CREATE TABLE lost_reason (
  id        INTEGER PRIMARY KEY,
  created   INTEGER NOT NULL,
  updated   INTEGER NOT NULL,
  deleted   INTEGER NOT NULL DEFAULT 0,
  name      TEXT NOT NULL DEFAULT '',
  position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE deal (
  id                INTEGER PRIMARY KEY,
  created           INTEGER NOT NULL,
  updated           INTEGER NOT NULL,
  deleted           INTEGER NOT NULL DEFAULT 0,
  name              TEXT NOT NULL DEFAULT '',
  pipeline_id       INTEGER NOT NULL REFERENCES pipeline (id),
  stage_id          INTEGER NOT NULL REFERENCES stage (id),
  position          REAL NOT NULL DEFAULT 0,     -- order inside the stage column
  organization_id   INTEGER REFERENCES organization (id) ON DELETE SET NULL,
  person_id         INTEGER REFERENCES person (id) ON DELETE SET NULL,
  amount            INTEGER NOT NULL DEFAULT 0,  -- minor units
  currency          TEXT NOT NULL DEFAULT 'USD',
  expected_close    TEXT NOT NULL DEFAULT '',
  probability       INTEGER NOT NULL DEFAULT -1, -- percent; -1: use the stage's
  owner_id          INTEGER REFERENCES staff_user (id) ON DELETE SET NULL,
  stage_entered     INTEGER NOT NULL DEFAULT 0,
  last_activity     INTEGER NOT NULL DEFAULT 0,
  closed            INTEGER NOT NULL DEFAULT 0,  -- 0 while open
  lost_reason_id    INTEGER REFERENCES lost_reason (id) ON DELETE SET NULL,
  lost_note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX deal_stage ON deal (stage_id, deleted, position);
CREATE INDEX deal_org ON deal (organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX deal_person ON deal (person_id) WHERE person_id IS NOT NULL;

CREATE TABLE deal_stage_history (
  id        INTEGER PRIMARY KEY,
  created   INTEGER NOT NULL,
  updated   INTEGER NOT NULL,
  deleted   INTEGER NOT NULL DEFAULT 0,
  deal_id   INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
  stage_id  INTEGER NOT NULL REFERENCES stage (id),
  entered   INTEGER NOT NULL,
  left_at   INTEGER NOT NULL DEFAULT 0         -- 0 while the deal is still in the stage
);
CREATE INDEX deal_stage_history_deal ON deal_stage_history (deal_id, entered);

CREATE TABLE deal_stakeholder (
  id         INTEGER PRIMARY KEY,
  created    INTEGER NOT NULL,
  updated    INTEGER NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0,
  deal_id    INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  role       TEXT NOT NULL DEFAULT '',          -- same keys as affiliation.stakeholder_role
  influence  TEXT NOT NULL DEFAULT 'medium',
  attitude   TEXT NOT NULL DEFAULT 'neutral',
  notes      TEXT NOT NULL DEFAULT '',
  UNIQUE (deal_id, person_id)
);
CREATE INDEX deal_stakeholder_person ON deal_stakeholder (person_id);

-- Calls, meetings, emails, notes and tasks, attached to any record.
CREATE TABLE activity (
  id           INTEGER PRIMARY KEY,
  created      INTEGER NOT NULL,
  updated      INTEGER NOT NULL,
  deleted      INTEGER NOT NULL DEFAULT 0,
  kind         TEXT NOT NULL DEFAULT 'note',    -- key: call | meeting | email | note | task
  subject_kind TEXT NOT NULL,                   -- key: organization | person | deal | ticket
  subject_id   INTEGER NOT NULL,
  summary      TEXT NOT NULL DEFAULT '',
  body         TEXT NOT NULL DEFAULT '',
  occurred     INTEGER NOT NULL DEFAULT 0,      -- when it happened (0 for a task not yet done)
  due          INTEGER NOT NULL DEFAULT 0,      -- tasks and scheduled calls/meetings
  done         INTEGER NOT NULL DEFAULT 0,      -- when a task was completed, 0 while open
  remind       INTEGER NOT NULL DEFAULT 0,
  duration     INTEGER NOT NULL DEFAULT 0,      -- seconds
  owner_id     INTEGER REFERENCES staff_user (id) ON DELETE SET NULL
);
CREATE INDEX activity_subject ON activity (subject_kind, subject_id, occurred);
CREATE INDEX activity_due ON activity (due) WHERE due != 0 AND done = 0;

-- Working days and hours for SLA clocks.
CREATE TABLE business_calendar (
  id         INTEGER PRIMARY KEY,
  created    INTEGER NOT NULL,
  updated    INTEGER NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0,
  name       TEXT NOT NULL DEFAULT '',
  timezone   TEXT NOT NULL DEFAULT 'UTC',       -- IANA zone
  hours      TEXT NOT NULL DEFAULT 'mon-fri 09:00-17:00'
);

CREATE TABLE holiday (
  id          INTEGER PRIMARY KEY,
  created     INTEGER NOT NULL,
  updated     INTEGER NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0,
  calendar_id INTEGER NOT NULL REFERENCES business_calendar (id) ON DELETE CASCADE,
  day         TEXT NOT NULL,
  name        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sla_policy (
  id                     INTEGER PRIMARY KEY,
  created                INTEGER NOT NULL,
  updated                INTEGER NOT NULL,
  deleted                INTEGER NOT NULL DEFAULT 0,
  name                   TEXT NOT NULL DEFAULT '',
  priority               TEXT NOT NULL DEFAULT '', -- key: low | normal | high | urgent; '' = any
  tier                   TEXT NOT NULL DEFAULT '', -- organization tier or 'consumer'; '' = any
  first_response_minutes INTEGER NOT NULL DEFAULT 0,
  resolution_minutes     INTEGER NOT NULL DEFAULT 0,
  calendar_id            INTEGER REFERENCES business_calendar (id) ON DELETE SET NULL
);

CREATE TABLE ticket (
  id                 INTEGER PRIMARY KEY,
  created            INTEGER NOT NULL,
  updated            INTEGER NOT NULL,
  deleted            INTEGER NOT NULL DEFAULT 0,
  number             INTEGER NOT NULL DEFAULT 0, -- human-facing, per database
  subject            TEXT NOT NULL DEFAULT '',
  channel            TEXT NOT NULL DEFAULT 'email', -- key: email | phone | chat | web-form | social | in-person | self-service
  priority           TEXT NOT NULL DEFAULT 'normal', -- key: low | normal | high | urgent
  status             TEXT NOT NULL DEFAULT 'new',    -- key: new | open | waiting-on-customer | resolved | closed
  person_id          INTEGER REFERENCES person (id) ON DELETE SET NULL,
  organization_id    INTEGER REFERENCES organization (id) ON DELETE SET NULL,
  assignee_id        INTEGER REFERENCES staff_user (id) ON DELETE SET NULL,
  sla_policy_id      INTEGER REFERENCES sla_policy (id) ON DELETE SET NULL,
  first_response_due INTEGER NOT NULL DEFAULT 0,
  resolution_due     INTEGER NOT NULL DEFAULT 0,
  first_response     INTEGER NOT NULL DEFAULT 0,
  resolved           INTEGER NOT NULL DEFAULT 0,
  closed             INTEGER NOT NULL DEFAULT 0,
  waiting_since      INTEGER NOT NULL DEFAULT 0, -- set while waiting on the customer
  waiting_seconds    INTEGER NOT NULL DEFAULT 0, -- business seconds spent waiting so far
  csat_score         INTEGER NOT NULL DEFAULT 0, -- 1..5, 0 = not rated
  csat_comment       TEXT NOT NULL DEFAULT '',
  csat_at            INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ticket_status_due ON ticket (deleted, status, resolution_due, id);
CREATE INDEX ticket_assignee ON ticket (assignee_id, status);
CREATE INDEX ticket_created ON ticket (created);
CREATE INDEX ticket_person ON ticket (person_id) WHERE person_id IS NOT NULL;
CREATE INDEX ticket_org ON ticket (organization_id) WHERE organization_id IS NOT NULL;

CREATE TABLE ticket_message (
  id              INTEGER PRIMARY KEY,
  created         INTEGER NOT NULL,
  updated         INTEGER NOT NULL,
  deleted         INTEGER NOT NULL DEFAULT 0,
  ticket_id       INTEGER NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
  kind            TEXT NOT NULL DEFAULT 'customer', -- key: customer | reply | note
  person_id       INTEGER REFERENCES person (id) ON DELETE SET NULL,
  user_id         INTEGER REFERENCES staff_user (id) ON DELETE SET NULL,
  body            TEXT NOT NULL DEFAULT '',
  sent            INTEGER NOT NULL DEFAULT 0,
  message_id      TEXT NOT NULL DEFAULT '',         -- RFC 5322 Message-ID, for threading
  in_reply_to     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ticket_message_ticket ON ticket_message (ticket_id, sent);
CREATE INDEX ticket_message_mid ON ticket_message (message_id) WHERE message_id != '';

CREATE TABLE ticket_status_change (
  id          INTEGER PRIMARY KEY,
  created     INTEGER NOT NULL,
  updated     INTEGER NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0,
  ticket_id   INTEGER NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
  status      TEXT NOT NULL,
  changed_at  INTEGER NOT NULL,
  user_id     INTEGER REFERENCES staff_user (id) ON DELETE SET NULL
);
CREATE INDEX ticket_status_change_ticket ON ticket_status_change (ticket_id, changed_at);

CREATE TABLE canned_reply (
  id        INTEGER PRIMARY KEY,
  created   INTEGER NOT NULL,
  updated   INTEGER NOT NULL,
  deleted   INTEGER NOT NULL DEFAULT 0,
  title     TEXT NOT NULL DEFAULT '',
  body      TEXT NOT NULL DEFAULT '',          -- placeholders: {customer}, {ticket}, {agent}
  language  TEXT NOT NULL DEFAULT 'en'
);

CREATE TABLE kb_article (
  id         INTEGER PRIMARY KEY,
  created    INTEGER NOT NULL,
  updated    INTEGER NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0,
  title      TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL DEFAULT '',
  tags       TEXT NOT NULL DEFAULT '',
  language   TEXT NOT NULL DEFAULT 'en',        -- en | zh-CN
  published  INTEGER NOT NULL DEFAULT 1,
  views      INTEGER NOT NULL DEFAULT 0
);

-- A request resolved without an agent ticket (knowledge base, FAQ, portal).
CREATE TABLE self_service_resolution (
  id          INTEGER PRIMARY KEY,
  created     INTEGER NOT NULL,
  updated     INTEGER NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0,
  article_id  INTEGER REFERENCES kb_article (id) ON DELETE SET NULL,
  person_id   INTEGER REFERENCES person (id) ON DELETE SET NULL,
  channel     TEXT NOT NULL DEFAULT 'self-service',
  customer_kind TEXT NOT NULL DEFAULT 'b2c',    -- key: b2b | b2c
  resolved    INTEGER NOT NULL,
  source      TEXT NOT NULL DEFAULT 'staff'     -- key: staff | import
);
CREATE INDEX self_service_resolution_time ON self_service_resolution (resolved);

CREATE TABLE product (
  id         INTEGER PRIMARY KEY,
  created    INTEGER NOT NULL,
  updated    INTEGER NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0,
  sku        TEXT NOT NULL DEFAULT '',
  name       TEXT NOT NULL DEFAULT '',
  price      INTEGER NOT NULL DEFAULT 0,
  currency   TEXT NOT NULL DEFAULT 'USD',
  active     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE deal_product (
  id          INTEGER PRIMARY KEY,
  created     INTEGER NOT NULL,
  updated     INTEGER NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0,
  deal_id     INTEGER NOT NULL REFERENCES deal (id) ON DELETE CASCADE,
  product_id  INTEGER NOT NULL REFERENCES product (id),
  quantity    INTEGER NOT NULL DEFAULT 1,
  unit_price  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX deal_product_deal ON deal_product (deal_id);

CREATE TABLE customer_order (
  id               INTEGER PRIMARY KEY,
  created          INTEGER NOT NULL,
  updated          INTEGER NOT NULL,
  deleted          INTEGER NOT NULL DEFAULT 0,
  person_id        INTEGER REFERENCES person (id) ON DELETE SET NULL,
  organization_id  INTEGER REFERENCES organization (id) ON DELETE SET NULL,
  ordered          INTEGER NOT NULL,
  total            INTEGER NOT NULL DEFAULT 0,
  currency         TEXT NOT NULL DEFAULT 'USD',
  channel          TEXT NOT NULL DEFAULT 'online', -- key: online | store | phone | sales
  status           TEXT NOT NULL DEFAULT 'paid'    -- key: pending | paid | refunded | cancelled
);
CREATE INDEX customer_order_person ON customer_order (person_id, ordered) WHERE person_id IS NOT NULL;
CREATE INDEX customer_order_org ON customer_order (organization_id, ordered) WHERE organization_id IS NOT NULL;

CREATE TABLE order_line (
  id          INTEGER PRIMARY KEY,
  created     INTEGER NOT NULL,
  updated     INTEGER NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0,
  order_id    INTEGER NOT NULL REFERENCES customer_order (id) ON DELETE CASCADE,
  product_id  INTEGER REFERENCES product (id) ON DELETE SET NULL,
  quantity    INTEGER NOT NULL DEFAULT 1,
  unit_price  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX order_line_order ON order_line (order_id);

-- Saved dynamic filters over organizations or people.
CREATE TABLE segment (
  id        INTEGER PRIMARY KEY,
  created   INTEGER NOT NULL,
  updated   INTEGER NOT NULL,
  deleted   INTEGER NOT NULL DEFAULT 0,
  name      TEXT NOT NULL DEFAULT '',
  target    TEXT NOT NULL DEFAULT 'person',     -- key: person | organization
  filter    TEXT NOT NULL DEFAULT '{}',         -- JSON filter tree
  position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE campaign (
  id          INTEGER PRIMARY KEY,
  created     INTEGER NOT NULL,
  updated     INTEGER NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0,
  name        TEXT NOT NULL DEFAULT '',
  channel     TEXT NOT NULL DEFAULT 'email',    -- key: email | linkedin | event | social | ads | retail | sms
  status      TEXT NOT NULL DEFAULT 'draft',    -- key: draft | active | finished
  segment_id  INTEGER REFERENCES segment (id) ON DELETE SET NULL,
  starts      TEXT NOT NULL DEFAULT '',
  ends        TEXT NOT NULL DEFAULT '',
  budget      INTEGER NOT NULL DEFAULT 0,
  currency    TEXT NOT NULL DEFAULT 'USD'
);

CREATE TABLE campaign_member (
  id           INTEGER PRIMARY KEY,
  created      INTEGER NOT NULL,
  updated      INTEGER NOT NULL,
  deleted      INTEGER NOT NULL DEFAULT 0,
  campaign_id  INTEGER NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
  person_id    INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  status       TEXT NOT NULL DEFAULT 'targeted', -- key: targeted | sent | opened | responded | converted | unsubscribed
  responded    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (campaign_id, person_id)
);
CREATE INDEX campaign_member_person ON campaign_member (person_id);

CREATE TABLE tag (
  id       INTEGER PRIMARY KEY,
  created  INTEGER NOT NULL,
  updated  INTEGER NOT NULL,
  deleted  INTEGER NOT NULL DEFAULT 0,
  name     TEXT NOT NULL DEFAULT '' UNIQUE
);

CREATE TABLE record_tag (
  id           INTEGER PRIMARY KEY,
  created      INTEGER NOT NULL,
  updated      INTEGER NOT NULL,
  deleted      INTEGER NOT NULL DEFAULT 0,
  tag_id       INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
  record_kind  TEXT NOT NULL,                  -- key: organization | person | deal | ticket
  record_id    INTEGER NOT NULL,
  UNIQUE (tag_id, record_kind, record_id)
);
CREATE INDEX record_tag_record ON record_tag (record_kind, record_id);

CREATE TABLE custom_field (
  id        INTEGER PRIMARY KEY,
  created   INTEGER NOT NULL,
  updated   INTEGER NOT NULL,
  deleted   INTEGER NOT NULL DEFAULT 0,
  target    TEXT NOT NULL,                     -- key: organization | person | deal | ticket
  key       TEXT NOT NULL,                     -- stable identifier, unique per target
  label     TEXT NOT NULL DEFAULT '',
  field_type TEXT NOT NULL DEFAULT 'text',     -- key: text | number | money | date | choice
  choices   TEXT NOT NULL DEFAULT '[]',        -- JSON array of {key, label}
  currency  TEXT NOT NULL DEFAULT '',
  position  INTEGER NOT NULL DEFAULT 0,
  UNIQUE (target, key)
);

CREATE TABLE custom_value (
  id         INTEGER PRIMARY KEY,
  created    INTEGER NOT NULL,
  updated    INTEGER NOT NULL,
  deleted    INTEGER NOT NULL DEFAULT 0,
  field_id   INTEGER NOT NULL REFERENCES custom_field (id) ON DELETE CASCADE,
  record_id  INTEGER NOT NULL,
  text_value TEXT,
  num_value  INTEGER,                          -- number, money (minor units) or date (julian day)
  UNIQUE (field_id, record_id)
);
CREATE INDEX custom_value_record ON custom_value (record_id);

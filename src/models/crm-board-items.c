/* crm-board-items.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board's items: a pipeline it can show, and a card (one deal). Cards
 * are made on the store's worker and handed to the UI thread; after that
 * only the UI thread touches them.
 */

#define G_LOG_DOMAIN "CrmBoard"

#include "config.h"

#include <string.h>

#include "crm-board-private.h"

#define FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

/* --- CrmBoardPipeline --- */

struct _CrmBoardPipeline
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *kind;
  char    *currency;
};

G_DEFINE_FINAL_TYPE (CrmBoardPipeline, crm_board_pipeline, G_TYPE_OBJECT)

enum {
  PROP_PIPELINE_0,
  PROP_PIPELINE_ID,
  PROP_PIPELINE_NAME,
  N_PIPELINE_PROPS
};

static GParamSpec *pipeline_properties[N_PIPELINE_PROPS];

static void
crm_board_pipeline_finalize (GObject *object)
{
  CrmBoardPipeline *self = CRM_BOARD_PIPELINE (object);

  g_free (self->name);
  g_free (self->kind);
  g_free (self->currency);

  G_OBJECT_CLASS (crm_board_pipeline_parent_class)->finalize (object);
}

static void
crm_board_pipeline_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CrmBoardPipeline *self = CRM_BOARD_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_PIPELINE_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PIPELINE_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_board_pipeline_class_init (CrmBoardPipelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_board_pipeline_finalize;
  object_class->get_property = crm_board_pipeline_get_property;

  pipeline_properties[PROP_PIPELINE_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0, FLAGS);
  pipeline_properties[PROP_PIPELINE_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, FLAGS);
  g_object_class_install_properties (object_class, N_PIPELINE_PROPS, pipeline_properties);
}

static void
crm_board_pipeline_init (CrmBoardPipeline *self)
{
}

CrmBoardPipeline *
_crm_board_pipeline_new (gint64      id,
                         const char *name,
                         const char *kind,
                         const char *currency)
{
  CrmBoardPipeline *self = g_object_new (CRM_TYPE_BOARD_PIPELINE, NULL);

  self->id = id;
  self->name = g_strdup (name != NULL ? name : "");
  self->kind = g_strdup (kind != NULL ? kind : "b2b");
  self->currency = g_strdup (currency != NULL ? currency : "USD");
  return self;
}

gint64
crm_board_pipeline_get_id (CrmBoardPipeline *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_PIPELINE (self), 0);

  return self->id;
}

const char *
crm_board_pipeline_get_name (CrmBoardPipeline *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_PIPELINE (self), NULL);

  return self->name;
}

const char *
crm_board_pipeline_get_kind (CrmBoardPipeline *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_PIPELINE (self), NULL);

  return self->kind;
}

const char *
crm_board_pipeline_get_currency (CrmBoardPipeline *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_PIPELINE (self), NULL);

  return self->currency;
}

/* --- CrmBoardCard --- */

G_DEFINE_FINAL_TYPE (CrmBoardCard, crm_board_card, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEAL_ID,
  PROP_STAGE_ID,
  PROP_NAME,
  PROP_CUSTOMER,
  PROP_B2B,
  PROP_ORGANIZATION_ID,
  PROP_PERSON_ID,
  PROP_AMOUNT,
  PROP_CURRENCY,
  PROP_PROBABILITY,
  PROP_EXPECTED_CLOSE,
  PROP_OWNER_ID,
  PROP_OWNER_NAME,
  PROP_NEXT_KIND,
  PROP_NEXT_SUMMARY,
  PROP_NEXT_DUE,
  PROP_ROTTING_DAYS,
  PROP_POSITION,
  N_CARD_PROPS
};

static GParamSpec *card_properties[N_CARD_PROPS];

static void
crm_board_card_finalize (GObject *object)
{
  CrmBoardCard *self = CRM_BOARD_CARD (object);

  g_free (self->name);
  g_free (self->customer);
  g_free (self->currency);
  g_free (self->expected_close);
  g_free (self->owner_name);
  g_free (self->next_kind);
  g_free (self->next_summary);

  G_OBJECT_CLASS (crm_board_card_parent_class)->finalize (object);
}

static void
crm_board_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmBoardCard *self = CRM_BOARD_CARD (object);

  switch (prop_id)
    {
    case PROP_DEAL_ID:
      g_value_set_int64 (value, self->deal_id);
      break;
    case PROP_STAGE_ID:
      g_value_set_int64 (value, self->stage_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CUSTOMER:
      g_value_set_string (value, self->customer);
      break;
    case PROP_B2B:
      g_value_set_boolean (value, crm_board_card_get_b2b (self));
      break;
    case PROP_ORGANIZATION_ID:
      g_value_set_int64 (value, self->organization_id);
      break;
    case PROP_PERSON_ID:
      g_value_set_int64 (value, self->person_id);
      break;
    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_PROBABILITY:
      g_value_set_int (value, self->probability);
      break;
    case PROP_EXPECTED_CLOSE:
      g_value_set_string (value, self->expected_close);
      break;
    case PROP_OWNER_ID:
      g_value_set_int64 (value, self->owner_id);
      break;
    case PROP_OWNER_NAME:
      g_value_set_string (value, self->owner_name);
      break;
    case PROP_NEXT_KIND:
      g_value_set_string (value, self->next_kind);
      break;
    case PROP_NEXT_SUMMARY:
      g_value_set_string (value, self->next_summary);
      break;
    case PROP_NEXT_DUE:
      g_value_set_int64 (value, self->next_due);
      break;
    case PROP_ROTTING_DAYS:
      g_value_set_uint (value, self->rotting_days);
      break;
    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_card_properties (GObjectClass *object_class)
{
  card_properties[PROP_DEAL_ID] =
    g_param_spec_int64 ("deal-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, FLAGS);
  card_properties[PROP_STAGE_ID] =
    g_param_spec_int64 ("stage-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, FLAGS);
  card_properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, FLAGS);
  card_properties[PROP_CUSTOMER] =
    g_param_spec_string ("customer", NULL, NULL, NULL, FLAGS);
  card_properties[PROP_B2B] =
    g_param_spec_boolean ("b2b", NULL, NULL, FALSE, FLAGS);
  card_properties[PROP_ORGANIZATION_ID] =
    g_param_spec_int64 ("organization-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, FLAGS);
  card_properties[PROP_PERSON_ID] =
    g_param_spec_int64 ("person-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, FLAGS);
  card_properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL, G_MININT64, G_MAXINT64, 0, FLAGS);
  card_properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL, FLAGS);
  card_properties[PROP_PROBABILITY] =
    g_param_spec_int ("probability", NULL, NULL, G_MININT, G_MAXINT, 0, FLAGS);
  card_properties[PROP_EXPECTED_CLOSE] =
    g_param_spec_string ("expected-close", NULL, NULL, NULL, FLAGS);
  card_properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, FLAGS);
  card_properties[PROP_OWNER_NAME] =
    g_param_spec_string ("owner-name", NULL, NULL, NULL, FLAGS);
  card_properties[PROP_NEXT_KIND] =
    g_param_spec_string ("next-kind", NULL, NULL, NULL, FLAGS);
  card_properties[PROP_NEXT_SUMMARY] =
    g_param_spec_string ("next-summary", NULL, NULL, NULL, FLAGS);
  card_properties[PROP_NEXT_DUE] =
    g_param_spec_int64 ("next-due", NULL, NULL, G_MININT64, G_MAXINT64, 0, FLAGS);
  card_properties[PROP_ROTTING_DAYS] =
    g_param_spec_uint ("rotting-days", NULL, NULL, 0, G_MAXUINT, 0, FLAGS);
  card_properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, FLAGS);
  g_object_class_install_properties (object_class, N_CARD_PROPS, card_properties);
}

static void
crm_board_card_class_init (CrmBoardCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_board_card_finalize;
  object_class->get_property = crm_board_card_get_property;
  install_card_properties (object_class);
}

static void
crm_board_card_init (CrmBoardCard *self)
{
  self->deal_probability = -1;
}

gint64
crm_board_card_get_deal_id (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), 0);

  return self->deal_id;
}

gint64
crm_board_card_get_stage_id (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), 0);

  return self->stage_id;
}

const char *
crm_board_card_get_name (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), NULL);

  return self->name;
}

const char *
crm_board_card_get_customer (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), NULL);

  return self->customer;
}

gboolean
crm_board_card_get_b2b (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), FALSE);

  return self->organization_id != 0;
}

gint64
crm_board_card_get_organization_id (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), 0);

  return self->organization_id;
}

gint64
crm_board_card_get_person_id (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), 0);

  return self->person_id;
}

gint64
crm_board_card_get_amount (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), 0);

  return self->amount;
}

const char *
crm_board_card_get_currency (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), NULL);

  return self->currency;
}

int
crm_board_card_get_probability (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), 0);

  return self->probability;
}

const char *
crm_board_card_get_expected_close (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), NULL);

  return self->expected_close;
}

gint64
crm_board_card_get_owner_id (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), 0);

  return self->owner_id;
}

const char *
crm_board_card_get_owner_name (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), NULL);

  return self->owner_name;
}

const char *
crm_board_card_get_next_kind (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), NULL);

  return self->next_kind;
}

const char *
crm_board_card_get_next_summary (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), NULL);

  return self->next_summary;
}

gint64
crm_board_card_get_next_due (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), 0);

  return self->next_due;
}

guint
crm_board_card_get_rotting_days (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), 0);

  return self->rotting_days;
}

double
crm_board_card_get_position (CrmBoardCard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_CARD (self), 0);

  return self->position;
}

static void
update_string (CrmBoardCard  *self,
               char         **field,
               const char    *value,
               int            prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), card_properties[prop]);
}

#define UPDATE_VALUE(field, prop) \
  G_STMT_START { \
    if (self->field != from->field) \
      { \
        self->field = from->field; \
        g_object_notify_by_pspec (G_OBJECT (self), card_properties[prop]); \
      } \
  } G_STMT_END

void
_crm_board_card_update (CrmBoardCard *self,
                        CrmBoardCard *from)
{
  gboolean was_b2b = self->organization_id != 0;

  g_return_if_fail (CRM_IS_BOARD_CARD (self));
  g_return_if_fail (CRM_IS_BOARD_CARD (from));

  g_object_freeze_notify (G_OBJECT (self));
  UPDATE_VALUE (stage_id, PROP_STAGE_ID);
  update_string (self, &self->name, from->name, PROP_NAME);
  update_string (self, &self->customer, from->customer, PROP_CUSTOMER);
  UPDATE_VALUE (organization_id, PROP_ORGANIZATION_ID);
  UPDATE_VALUE (person_id, PROP_PERSON_ID);
  if (was_b2b != (self->organization_id != 0))
    g_object_notify_by_pspec (G_OBJECT (self), card_properties[PROP_B2B]);
  UPDATE_VALUE (amount, PROP_AMOUNT);
  update_string (self, &self->currency, from->currency, PROP_CURRENCY);
  self->deal_probability = from->deal_probability;
  UPDATE_VALUE (probability, PROP_PROBABILITY);
  update_string (self, &self->expected_close, from->expected_close, PROP_EXPECTED_CLOSE);
  UPDATE_VALUE (owner_id, PROP_OWNER_ID);
  update_string (self, &self->owner_name, from->owner_name, PROP_OWNER_NAME);
  update_string (self, &self->next_kind, from->next_kind, PROP_NEXT_KIND);
  update_string (self, &self->next_summary, from->next_summary, PROP_NEXT_SUMMARY);
  UPDATE_VALUE (next_due, PROP_NEXT_DUE);
  UPDATE_VALUE (rotting_days, PROP_ROTTING_DAYS);
  UPDATE_VALUE (position, PROP_POSITION);
  self->closed = from->closed;
  g_object_thaw_notify (G_OBJECT (self));
}

/* The board's own moves change a card's place and stage at once. */
void
_crm_board_card_set_place (CrmBoardCard *self,
                           gint64        stage_id,
                           double        position,
                           guint         rotting_days)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->stage_id != stage_id)
    {
      self->stage_id = stage_id;
      g_object_notify_by_pspec (G_OBJECT (self), card_properties[PROP_STAGE_ID]);
    }
  if (self->position != position)
    {
      self->position = position;
      g_object_notify_by_pspec (G_OBJECT (self), card_properties[PROP_POSITION]);
    }
  if (self->rotting_days != rotting_days)
    {
      self->rotting_days = rotting_days;
      g_object_notify_by_pspec (G_OBJECT (self), card_properties[PROP_ROTTING_DAYS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
folded_contains (const char *text,
                 const char *folded)
{
  g_autofree char *haystack = NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  haystack = g_utf8_casefold (text, -1);
  return strstr (haystack, folded) != NULL;
}

gboolean
_crm_board_card_matches_text (CrmBoardCard *card,
                              const char   *folded)
{
  return folded_contains (card->name, folded) ||
         folded_contains (card->customer, folded) ||
         folded_contains (card->owner_name, folded);
}

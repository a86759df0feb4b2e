/* crm-board.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline board's model: columns of cards, kept in step with the
 * database. Loads and refreshes run on the store's worker (see
 * crm-board-load.c); the UI thread only merges their results: cards that
 * did not change keep their objects, and a column's list is replaced only
 * when its order changed.
 */

#define G_LOG_DOMAIN "CrmBoard"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "crm-board-private.h"
#include "crm-filter.h"
#include "crm-segment.h"
#include "crm-store.h"
#include "crm-store-private.h"

#define REFRESH_DELAY_MS  150
/* A change the board made itself is not read back while this fresh. */
#define OWN_CHANGE_USEC   (10 * G_USEC_PER_SEC)

/* --- CrmBoardFilter --- */

void
crm_board_filter_clear (CrmBoardFilter *filter)
{
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->close_from, g_free);
  g_clear_pointer (&filter->close_to, g_free);
  g_clear_pointer (&filter->text, g_free);
  memset (filter, 0, sizeof *filter);
}

void
_crm_board_filter_copy (CrmBoardFilter       *dest,
                        const CrmBoardFilter *src)
{
  memset (dest, 0, sizeof *dest);
  if (src == NULL)
    return;
  dest->owner_id = src->owner_id;
  dest->customer = src->customer;
  dest->close_from = g_strdup (src->close_from);
  dest->close_to = g_strdup (src->close_to);
  dest->segment_id = src->segment_id;
  dest->text = src->text != NULL && src->text[0] != '\0' ? g_strdup (src->text) : NULL;
}

/* --- CrmBoardColumn --- */

struct _CrmBoardColumn
{
  GObject        parent_instance;

  CrmBoardStage  stage;
  GListStore    *cards;
  GArray        *totals;     /* CrmDealTotal */
  guint          count;
};

G_DEFINE_FINAL_TYPE (CrmBoardColumn, crm_board_column, G_TYPE_OBJECT)

enum {
  PROP_COLUMN_0,
  PROP_COLUMN_STAGE_ID,
  PROP_COLUMN_NAME,
  PROP_COLUMN_KIND,
  PROP_COLUMN_PROBABILITY,
  PROP_COLUMN_ROTTING_DAYS,
  PROP_COLUMN_COUNT,
  N_COLUMN_PROPS
};

static GParamSpec *column_properties[N_COLUMN_PROPS];

enum {
  COLUMN_TOTALS_CHANGED,
  N_COLUMN_SIGNALS
};

static guint column_signals[N_COLUMN_SIGNALS];

static void
crm_board_column_finalize (GObject *object)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (object);

  g_free (self->stage.name);
  g_clear_object (&self->cards);
  g_clear_pointer (&self->totals, g_array_unref);

  G_OBJECT_CLASS (crm_board_column_parent_class)->finalize (object);
}

static void
crm_board_column_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmBoardColumn *self = CRM_BOARD_COLUMN (object);

  switch (prop_id)
    {
    case PROP_COLUMN_STAGE_ID:
      g_value_set_int64 (value, self->stage.id);
      break;
    case PROP_COLUMN_NAME:
      g_value_set_string (value, self->stage.name);
      break;
    case PROP_COLUMN_KIND:
      g_value_set_int (value, self->stage.kind);
      break;
    case PROP_COLUMN_PROBABILITY:
      g_value_set_int (value, self->stage.probability);
      break;
    case PROP_COLUMN_ROTTING_DAYS:
      g_value_set_uint (value, self->stage.rotting_days);
      break;
    case PROP_COLUMN_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_board_column_class_init (CrmBoardColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_board_column_finalize;
  object_class->get_property = crm_board_column_get_property;

  column_properties[PROP_COLUMN_STAGE_ID] =
    g_param_spec_int64 ("stage-id", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  column_properties[PROP_COLUMN_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  column_properties[PROP_COLUMN_KIND] =
    g_param_spec_int ("kind", NULL, NULL, CRM_STAGE_KIND_OPEN, CRM_STAGE_KIND_LOST, CRM_STAGE_KIND_OPEN, flags);
  column_properties[PROP_COLUMN_PROBABILITY] =
    g_param_spec_int ("probability", NULL, NULL, 0, 100, 0, flags);
  column_properties[PROP_COLUMN_ROTTING_DAYS] =
    g_param_spec_uint ("rotting-days", NULL, NULL, 0, G_MAXUINT, 0, flags);
  column_properties[PROP_COLUMN_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_COLUMN_PROPS, column_properties);

  /**
   * CrmBoardColumn::totals-changed:
   *
   * The column's totals changed (crm_board_column_dup_totals()).
   */
  column_signals[COLUMN_TOTALS_CHANGED] =
    g_signal_new ("totals-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
crm_board_column_init (CrmBoardColumn *self)
{
  self->cards = g_list_store_new (CRM_TYPE_BOARD_CARD);
  self->totals = g_array_new (FALSE, TRUE, sizeof (CrmDealTotal));
}

static CrmBoardColumn *
column_new (const CrmBoardStage *stage)
{
  CrmBoardColumn *self = g_object_new (CRM_TYPE_BOARD_COLUMN, NULL);

  self->stage = *stage;
  self->stage.name = g_strdup (stage->name);
  return self;
}

/* Takes @stage's attributes (same id), notifying what changed. */
static void
column_update_stage (CrmBoardColumn      *self,
                     const CrmBoardStage *stage)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->stage.name, stage->name) != 0)
    {
      g_free (self->stage.name);
      self->stage.name = g_strdup (stage->name);
      g_object_notify_by_pspec (G_OBJECT (self), column_properties[PROP_COLUMN_NAME]);
    }
  if (self->stage.kind != stage->kind)
    {
      self->stage.kind = stage->kind;
      g_object_notify_by_pspec (G_OBJECT (self), column_properties[PROP_COLUMN_KIND]);
    }
  if (self->stage.probability != stage->probability)
    {
      self->stage.probability = stage->probability;
      g_object_notify_by_pspec (G_OBJECT (self), column_properties[PROP_COLUMN_PROBABILITY]);
    }
  if (self->stage.rotting_days != stage->rotting_days)
    {
      self->stage.rotting_days = stage->rotting_days;
      g_object_notify_by_pspec (G_OBJECT (self), column_properties[PROP_COLUMN_ROTTING_DAYS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Sums the cards again; emits when the totals or the count changed. */
static void
column_recount (CrmBoardColumn *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cards));
  g_autofree CrmDealAmount *amounts = g_new (CrmDealAmount, MAX (n, 1));
  g_autoptr(GArray) totals = NULL;
  gboolean changed;

  for (guint i = 0; i < n; i++)
    {
      CrmBoardCard *card = g_list_model_get_item (G_LIST_MODEL (self->cards), i);

      amounts[i].currency = card->currency;
      amounts[i].amount = card->amount;
      amounts[i].probability = card->probability;
      g_object_unref (card); /* the store keeps it */
    }
  totals = crm_deal_rules_totals (amounts, n);
  changed = totals->len != self->totals->len ||
            (totals->len > 0 &&
             memcmp (totals->data, self->totals->data, totals->len * sizeof (CrmDealTotal)) != 0);
  if (changed)
    {
      g_array_unref (self->totals);
      self->totals = g_steal_pointer (&totals);
    }
  if (self->count != n)
    {
      self->count = n;
      g_object_notify_by_pspec (G_OBJECT (self), column_properties[PROP_COLUMN_COUNT]);
    }
  if (changed)
    g_signal_emit (self, column_signals[COLUMN_TOTALS_CHANGED], 0);
}

/* Where a card with @position goes among the column's cards (after those
 * with a smaller or equal place). */
static guint
column_place_for (CrmBoardColumn *self,
                  double          position)
{
  guint lo = 0, hi = g_list_model_get_n_items (G_LIST_MODEL (self->cards));

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      CrmBoardCard *card = g_list_model_get_item (G_LIST_MODEL (self->cards), mid);
      double at = card->position;

      g_object_unref (card);
      if (at <= position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

gint64
crm_board_column_get_stage_id (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), 0);

  return self->stage.id;
}

const char *
crm_board_column_get_name (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  return self->stage.name;
}

CrmStageKind
crm_board_column_get_kind (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), CRM_STAGE_KIND_OPEN);

  return self->stage.kind;
}

int
crm_board_column_get_probability (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), 0);

  return self->stage.probability;
}

guint
crm_board_column_get_rotting_days (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), 0);

  return self->stage.rotting_days;
}

GListModel *
crm_board_column_get_cards (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  return G_LIST_MODEL (self->cards);
}

guint
crm_board_column_get_count (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), 0);

  return self->count;
}

GArray *
crm_board_column_dup_totals (CrmBoardColumn *self)
{
  g_return_val_if_fail (CRM_IS_BOARD_COLUMN (self), NULL);

  return g_array_ref (self->totals);
}

/* --- CrmBoard --- */

typedef struct
{
  CrmDealMove *move;
  gint64       from_stage;
  guint        from_index;
  double       from_position;
  guint        from_rotting;
} UndoInfo;

struct _CrmBoard
{
  GObject          parent_instance;

  CrmStore        *store;
  GListStore      *pipelines;
  GListStore      *columns;
  GHashTable      *cards;          /* deal id → CrmBoardCard (borrowed from the columns) */

  gint64           pipeline_id;    /* shown */
  gint64           requested;      /* asked for (0: the first) */
  CrmBoardFilter   filter;
  gboolean         loaded_once;

  GCancellable    *load_cancellable;
  gboolean         loading;
  gboolean         load_pending;   /* a full load waits for the current one */

  GHashTable      *own;            /* deal id → gint64 monotonic expiry */
  GArray          *pending_deals;  /* gint64 */
  GArray          *pending_activities;
  gboolean         pending_full;
  guint            refresh_source;
  gboolean         refreshing;

  GPtrArray       *undo;           /* UndoInfo, the newest last */
  GArray          *recheck;        /* deals moved while a read was running */
};

G_DEFINE_FINAL_TYPE (CrmBoard, crm_board, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_PIPELINE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  LOADED,
  LOAD_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAX_UNDO 64

static void start_load (CrmBoard *self);

static void
undo_info_free (gpointer data)
{
  UndoInfo *info = data;

  crm_deal_move_unref (info->move);
  g_free (info);
}

static void
crm_board_dispose (GObject *object)
{
  CrmBoard *self = CRM_BOARD (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_board_parent_class)->dispose (object);
}

static void
crm_board_finalize (GObject *object)
{
  CrmBoard *self = CRM_BOARD (object);

  g_clear_pointer (&self->cards, g_hash_table_unref);
  g_clear_object (&self->columns);
  g_clear_object (&self->pipelines);
  crm_board_filter_clear (&self->filter);
  g_clear_pointer (&self->own, g_hash_table_unref);
  g_clear_pointer (&self->pending_deals, g_array_unref);
  g_clear_pointer (&self->pending_activities, g_array_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->recheck, g_array_unref);

  G_OBJECT_CLASS (crm_board_parent_class)->finalize (object);
}

static void
crm_board_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CrmBoard *self = CRM_BOARD (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_PIPELINE_ID:
      g_value_set_int64 (value, self->pipeline_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_board_class_init (CrmBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_board_dispose;
  object_class->finalize = crm_board_finalize;
  object_class->get_property = crm_board_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIPELINE_ID] =
    g_param_spec_int64 ("pipeline-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmBoard::loaded:
   *
   * A load asked for by crm_board_load() filled the columns.
   */
  signals[LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CrmBoard::load-failed:
   * @error: the reason
   */
  signals[LOAD_FAILED] =
    g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
crm_board_init (CrmBoard *self)
{
  self->pipelines = g_list_store_new (CRM_TYPE_BOARD_PIPELINE);
  self->columns = g_list_store_new (CRM_TYPE_BOARD_COLUMN);
  self->cards = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->own = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->pending_deals = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending_activities = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->undo = g_ptr_array_new_with_free_func (undo_info_free);
  self->recheck = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* --- the columns --- */

static CrmBoardColumn *
get_column (CrmBoard *self,
            guint     index)
{
  CrmBoardColumn *column = g_list_model_get_item (G_LIST_MODEL (self->columns), index);

  if (column != NULL)
    g_object_unref (column); /* the store keeps it */
  return column;
}

static gboolean
find_column (CrmBoard *self,
             gint64    stage_id,
             guint    *index)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->columns));

  for (guint i = 0; i < n; i++)
    if (get_column (self, i)->stage.id == stage_id)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

/* Puts @fresh (read by a load) in @column, reusing the card objects the
 * board already has for the same deals. */
static void
column_take_cards (CrmBoard       *self,
                   CrmBoardColumn *column,
                   GPtrArray      *fresh)
{
  GListModel *model = G_LIST_MODEL (column->cards);
  guint n_old = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (fresh->len, g_object_unref);
  gboolean same = n_old == fresh->len;

  for (guint i = 0; i < fresh->len; i++)
    {
      CrmBoardCard *card = g_ptr_array_index (fresh, i);
      CrmBoardCard *old = g_hash_table_lookup (self->cards, &card->deal_id);

      if (old != NULL)
        {
          _crm_board_card_update (old, card);
          card = old;
        }
      g_ptr_array_add (items, g_object_ref (card));
      if (same)
        {
          CrmBoardCard *at = g_list_model_get_item (model, i);

          same = at == card;
          g_object_unref (at);
        }
    }

  /* The deal → card index is rebuilt once every column took its cards: a
   * card may come from a column taken later (see index_cards()). */
  if (!same)
    g_list_store_splice (column->cards, 0, n_old, items->pdata, items->len);
  column_recount (column);
}

static void
index_cards (CrmBoard *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->columns));

  g_hash_table_remove_all (self->cards);
  for (guint i = 0; i < n; i++)
    {
      GListModel *cards = G_LIST_MODEL (get_column (self, i)->cards);
      guint n_cards = g_list_model_get_n_items (cards);

      for (guint j = 0; j < n_cards; j++)
        {
          CrmBoardCard *card = g_list_model_get_item (cards, j);

          g_hash_table_insert (self->cards, &card->deal_id, card);
          g_object_unref (card); /* the column keeps it */
        }
    }
}

static gboolean
same_pipelines (GListModel *model,
                GPtrArray  *fresh)
{
  if (g_list_model_get_n_items (model) != fresh->len)
    return FALSE;
  for (guint i = 0; i < fresh->len; i++)
    {
      g_autoptr(CrmBoardPipeline) old = g_list_model_get_item (model, i);
      CrmBoardPipeline *now = g_ptr_array_index (fresh, i);

      if (crm_board_pipeline_get_id (old) != crm_board_pipeline_get_id (now) ||
          g_strcmp0 (crm_board_pipeline_get_name (old), crm_board_pipeline_get_name (now)) != 0 ||
          g_strcmp0 (crm_board_pipeline_get_kind (old), crm_board_pipeline_get_kind (now)) != 0 ||
          g_strcmp0 (crm_board_pipeline_get_currency (old), crm_board_pipeline_get_currency (now)) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
apply_pipelines (CrmBoard  *self,
                 GPtrArray *fresh)
{
  if (!same_pipelines (G_LIST_MODEL (self->pipelines), fresh))
    g_list_store_splice (self->pipelines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->pipelines)),
                         fresh->pdata, fresh->len);
}

static void
apply_full (CrmBoard     *self,
            CrmBoardLoad *load)
{
  GListModel *columns = G_LIST_MODEL (self->columns);
  gboolean same_stages = self->pipeline_id == load->pipeline_id &&
                         g_list_model_get_n_items (columns) == load->stages->len;

  apply_pipelines (self, load->pipelines);

  for (guint i = 0; same_stages && i < load->stages->len; i++)
    same_stages = get_column (self, i)->stage.id == g_array_index (load->stages, CrmBoardStage, i).id;

  if (same_stages)
    {
      for (guint i = 0; i < load->stages->len; i++)
        {
          CrmBoardColumn *column = get_column (self, i);

          column_update_stage (column, &g_array_index (load->stages, CrmBoardStage, i));
          column_take_cards (self, column, g_ptr_array_index (load->columns, i));
        }
    }
  else
    {
      g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);

      /* Other stages: new columns, though a card keeps its object. */
      for (guint i = 0; i < load->stages->len; i++)
        {
          CrmBoardColumn *column = column_new (&g_array_index (load->stages, CrmBoardStage, i));

          column_take_cards (self, column, g_ptr_array_index (load->columns, i));
          g_ptr_array_add (fresh, column);
        }
      g_list_store_splice (self->columns, 0, g_list_model_get_n_items (columns), fresh->pdata, fresh->len);
    }

  index_cards (self);

  if (self->pipeline_id != load->pipeline_id)
    {
      self->pipeline_id = load->pipeline_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE_ID]);
    }
}

/* Did the board move @deal_id's card while a read was running? */
static gboolean
moved_during_read (CrmBoard *self,
                   gint64    deal_id)
{
  for (guint i = 0; i < self->recheck->len; i++)
    if (g_array_index (self->recheck, gint64, i) == deal_id)
      return TRUE;
  return FALSE;
}

/* Takes a refresh: the asked deals' cards go to their place, or leave. */
static void
apply_refresh (CrmBoard     *self,
               CrmBoardLoad *load)
{
  g_autoptr(GHashTable) touched = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) present = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  apply_pipelines (self, load->pipelines);

  for (guint i = 0; i < load->refreshed->len; i++)
    {
      CrmBoardCard *fresh = g_ptr_array_index (load->refreshed, i);
      CrmBoardCard *card = g_hash_table_lookup (self->cards, &fresh->deal_id);
      CrmBoardColumn *to;
      guint to_index, at;

      if (card != NULL && moved_during_read (self, card->deal_id))
        {
          /* Moved or put back by the board while this read ran: the read
           * may have seen the card before that was written.  The card
           * keeps the place the board gave it, the rest is fresh; the
           * board reads it again once this read is done. */
          gint64 stage_id = card->stage_id;
          double position = card->position;
          guint rotting_days = card->rotting_days;
          gint64 closed = card->closed;

          g_hash_table_add (present, &fresh->deal_id);
          g_object_freeze_notify (G_OBJECT (card));
          _crm_board_card_update (card, fresh);
          _crm_board_card_set_place (card, stage_id, position, rotting_days);
          card->closed = closed;
          g_object_thaw_notify (G_OBJECT (card));
          if (find_column (self, stage_id, &to_index))
            g_hash_table_add (touched, get_column (self, to_index));
          continue;
        }

      if (!find_column (self, fresh->stage_id, &to_index))
        {
          /* A stage the board does not have: read everything again. */
          self->pending_full = TRUE;
          continue;
        }
      to = get_column (self, to_index);
      g_hash_table_add (present, &fresh->deal_id);

      if (card != NULL)
        {
          guint from_index;
          gboolean moved = card->stage_id != fresh->stage_id || card->position != fresh->position;

          if (moved && find_column (self, card->stage_id, &from_index))
            {
              CrmBoardColumn *from = get_column (self, from_index);

              if (g_list_store_find (from->cards, card, &at))
                {
                  g_object_ref (card);
                  g_list_store_remove (from->cards, at);
                  _crm_board_card_update (card, fresh);
                  g_list_store_insert (to->cards, column_place_for (to, card->position), card);
                  g_object_unref (card);
                }
              g_hash_table_add (touched, from);
            }
          else
            _crm_board_card_update (card, fresh);
        }
      else
        {
          g_list_store_insert (to->cards, column_place_for (to, fresh->position), fresh);
          g_hash_table_insert (self->cards, &fresh->deal_id, fresh);
        }
      g_hash_table_add (touched, to);
    }

  /* Asked for and not read back: deleted, moved away or filtered out. */
  for (guint i = 0; i < load->asked->len; i++)
    {
      gint64 id = g_array_index (load->asked, gint64, i);
      CrmBoardCard *card = g_hash_table_lookup (self->cards, &id);
      guint column_index, at;

      if (card == NULL || g_hash_table_contains (present, &id))
        continue;
      if (find_column (self, card->stage_id, &column_index))
        {
          CrmBoardColumn *column = get_column (self, column_index);

          g_hash_table_remove (self->cards, &id);
          if (g_list_store_find (column->cards, card, &at))
            g_list_store_remove (column->cards, at);
          g_hash_table_add (touched, column);
        }
    }

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    column_recount (key);
}

/* --- loading --- */

static void
set_loading (CrmBoard *self,
             gboolean  loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Unix seconds of @iso's midnight in the local zone, plus @days. */
static gint64
local_day_start (const char *iso,
                 int         days)
{
  int y, m, d;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) later = NULL;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3 ||
      (day = g_date_time_new_local (y, m, d, 0, 0, 0)) == NULL ||
      (later = g_date_time_add_days (day, days)) == NULL)
    return 0;
  return g_date_time_to_unix (later);
}

static CrmBoardLoadJob *
new_job (CrmBoard *self)
{
  CrmBoardLoadJob *job = g_new0 (CrmBoardLoadJob, 1);

  job->pipeline_id = self->requested;
  _crm_board_filter_copy (&job->filter, &self->filter);
  if (self->filter.close_from != NULL || self->filter.close_to != NULL)
    {
      job->closed_from = MAX (local_day_start (self->filter.close_from, 0), 1);
      job->closed_to = self->filter.close_to != NULL
                       ? local_day_start (self->filter.close_to, 1) - 1
                       : G_MAXINT64;
      if (job->closed_to <= 0)
        job->closed_to = G_MAXINT64;
    }
  return job;
}

typedef struct
{
  CrmBoard        *board;
  CrmBoardLoadJob *job;
  gboolean         refresh;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_object_unref (request->board);
  if (request->job != NULL)
    _crm_board_load_job_free (request->job);
  g_free (request);
}

static void schedule_refresh (CrmBoard *self);

static void
on_load_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LoadRequest *request = user_data;
  CrmBoard *self = request->board;
  g_autoptr(GError) error = NULL;
  CrmBoardLoad *load = _crm_board_load_finish (CRM_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      load_request_free (request);
      return;
    }

  if (request->refresh)
    self->refreshing = FALSE;
  else
    set_loading (self, FALSE);

  if (load == NULL)
    {
      g_debug ("Could not read the board: %s", error->message);
      if (!request->refresh)
        g_signal_emit (self, signals[LOAD_FAILED], 0, error);
    }
  else if (request->refresh)
    {
      /* A refresh read against a pipeline no longer shown is dropped. */
      if (load->pipeline_id == self->pipeline_id)
        apply_refresh (self, load);
    }
  else
    {
      apply_full (self, load);
      self->loaded_once = TRUE;
      g_signal_emit (self, signals[LOADED], 0);
    }
  _crm_board_load_free (load);

  /* A read that ran while cards moved saw them where they were: read those
   * deals again now that their moves are in the database. */
  if (!self->loading && !self->refreshing && self->recheck->len > 0)
    {
      g_array_append_vals (self->pending_deals, self->recheck->data, self->recheck->len);
      g_array_set_size (self->recheck, 0);
    }

  if (self->load_pending || self->pending_full || self->pending_deals->len > 0 ||
      self->pending_activities->len > 0)
    schedule_refresh (self);
  load_request_free (request);
}

static void
run_request (LoadRequest *request)
{
  CrmBoard *self = request->board;
  CrmBoardLoadJob *job = g_steal_pointer (&request->job);

  _crm_board_load_run (self->store, job, request->refresh ? NULL : self->load_cancellable,
                       on_load_done_cb, request);
}

static void
on_segment_query_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LoadRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  CrmQuery *query = crm_filter_build_query_finish (CRM_STORE (object), result, &error);

  if (query == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !request->refresh)
        {
          set_loading (request->board, FALSE);
          g_signal_emit (request->board, signals[LOAD_FAILED], 0, error);
        }
      if (request->refresh)
        request->board->refreshing = FALSE;
      load_request_free (request);
      return;
    }
  request->job->segment = query;
  run_request (request);
}

static void
on_segment_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LoadRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) record = crm_store_load_finish (CRM_STORE (object), result, &error);
  CrmSegment *segment = record != NULL ? CRM_SEGMENT (record) : NULL;

  if (segment == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !request->refresh)
        {
          set_loading (request->board, FALSE);
          g_signal_emit (request->board, signals[LOAD_FAILED], 0, error);
        }
      if (request->refresh)
        request->board->refreshing = FALSE;
      load_request_free (request);
      return;
    }
  request->job->segment_people = g_strcmp0 (crm_segment_get_target (segment), "person") == 0;
  crm_filter_build_query_async (request->board->store, crm_segment_get_target (segment),
                                crm_segment_get_filter (segment),
                                request->refresh ? NULL : request->board->load_cancellable,
                                on_segment_query_cb, request);
}

static void
start_request (CrmBoard        *self,
               CrmBoardLoadJob *job,
               gboolean         refresh)
{
  LoadRequest *request = g_new0 (LoadRequest, 1);

  request->board = g_object_ref (self);
  request->job = job;
  request->refresh = refresh;

  /* A segment's filter becomes a query first (its custom fields load). */
  if (self->filter.segment_id != 0)
    crm_store_load_async (self->store, CRM_TYPE_SEGMENT, self->filter.segment_id,
                          refresh ? NULL : self->load_cancellable, on_segment_loaded_cb, request);
  else
    run_request (request);
}

static void
start_load (CrmBoard *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  /* A full load reads every change there was. */
  self->load_pending = FALSE;
  self->pending_full = FALSE;
  g_array_set_size (self->pending_deals, 0);
  g_array_set_size (self->pending_activities, 0);

  set_loading (self, TRUE);
  start_request (self, new_job (self), FALSE);
}

static gboolean
on_refresh_timeout_cb (gpointer user_data)
{
  CrmBoard *self = user_data;
  CrmBoardLoadJob *job;

  self->refresh_source = 0;
  /* One read at a time: a running one calls back when it is done. */
  if (self->loading || self->refreshing)
    return G_SOURCE_REMOVE;

  if (self->load_pending || self->pending_full || !self->loaded_once)
    {
      start_load (self);
      return G_SOURCE_REMOVE;
    }
  if (self->pending_deals->len == 0 && self->pending_activities->len == 0)
    return G_SOURCE_REMOVE;

  job = new_job (self);
  job->pipeline_id = self->pipeline_id;
  if (self->pending_deals->len > 0)
    {
      job->deal_ids = self->pending_deals;
      self->pending_deals = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  if (self->pending_activities->len > 0)
    {
      job->activity_ids = self->pending_activities;
      self->pending_activities = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  self->refreshing = TRUE;
  start_request (self, job, TRUE);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (CrmBoard *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, on_refresh_timeout_cb, self);
}

/* --- changes --- */

static void
mark_own (CrmBoard *self,
          gint64    deal_id)
{
  gint64 *expiry = g_new (gint64, 1);

  *expiry = g_get_monotonic_time () + OWN_CHANGE_USEC;
  g_hash_table_insert (self->own, g_memdup2 (&deal_id, sizeof deal_id), expiry);
}

/* Was the change of @deal_id the board's own (once)? */
static gboolean
take_own (CrmBoard *self,
          gint64    deal_id)
{
  gint64 *expiry = g_hash_table_lookup (self->own, &deal_id);
  gboolean own = expiry != NULL && *expiry >= g_get_monotonic_time ();

  if (expiry != NULL)
    g_hash_table_remove (self->own, &deal_id);
  return own;
}

static void
on_deal_changed_cb (CrmStore   *store,
                    const char *table,
                    GArray     *ids,
                    CrmBoard   *self)
{
  if (!self->loaded_once && !self->loading)
    return;
  if (ids == NULL)
    {
      self->pending_full = TRUE;
      schedule_refresh (self);
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!take_own (self, id))
        {
          g_array_append_val (self->pending_deals, id);
          schedule_refresh (self);
        }
    }
}

static void
on_activity_changed_cb (CrmStore   *store,
                        const char *table,
                        GArray     *ids,
                        CrmBoard   *self)
{
  if (!self->loaded_once)
    return;
  if (ids == NULL)
    self->pending_full = TRUE;
  else
    g_array_append_vals (self->pending_activities, ids->data, ids->len);
  schedule_refresh (self);
}

/* A renamed customer: refresh the cards that show it. */
static void
on_customer_changed_cb (CrmStore   *store,
                        const char *table,
                        GArray     *ids,
                        CrmBoard   *self)
{
  gboolean people = g_strcmp0 (table, "person") == 0;
  g_autoptr(GHashTable) changed = NULL;
  GHashTableIter iter;
  gpointer value;

  /* Whole-table changes (imports) are too broad to follow; names of the
   * shown customers come back with the next load. */
  if (ids == NULL || !self->loaded_once || g_hash_table_size (self->cards) == 0)
    return;
  changed = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (changed, &g_array_index (ids, gint64, i));

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      CrmBoardCard *card = value;
      gint64 customer = people ? card->person_id : card->organization_id;

      if (customer != 0 && g_hash_table_contains (changed, &customer))
        {
          g_array_append_val (self->pending_deals, card->deal_id);
          schedule_refresh (self);
        }
    }
}

static void
on_structure_changed_cb (CrmStore   *store,
                         const char *table,
                         GArray     *ids,
                         CrmBoard   *self)
{
  if (!self->loaded_once)
    return;
  self->pending_full = TRUE;
  schedule_refresh (self);
}

/* --- public API --- */

CrmBoard *
crm_board_new (CrmStore *store)
{
  CrmBoard *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_BOARD, NULL);
  self->store = g_object_ref (store);
  g_signal_connect (store, "changed::deal", G_CALLBACK (on_deal_changed_cb), self);
  g_signal_connect (store, "changed::activity", G_CALLBACK (on_activity_changed_cb), self);
  g_signal_connect (store, "changed::person", G_CALLBACK (on_customer_changed_cb), self);
  g_signal_connect (store, "changed::organization", G_CALLBACK (on_customer_changed_cb), self);
  g_signal_connect (store, "changed::stage", G_CALLBACK (on_structure_changed_cb), self);
  g_signal_connect (store, "changed::pipeline", G_CALLBACK (on_structure_changed_cb), self);
  g_signal_connect (store, "changed::staff_user", G_CALLBACK (on_structure_changed_cb), self);
  return self;
}

CrmStore *
crm_board_get_store (CrmBoard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD (self), NULL);

  return self->store;
}

GListModel *
crm_board_get_pipelines (CrmBoard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD (self), NULL);

  return G_LIST_MODEL (self->pipelines);
}

GListModel *
crm_board_get_columns (CrmBoard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD (self), NULL);

  return G_LIST_MODEL (self->columns);
}

void
crm_board_load (CrmBoard             *self,
                gint64                pipeline_id,
                const CrmBoardFilter *filter)
{
  g_return_if_fail (CRM_IS_BOARD (self));

  self->requested = pipeline_id;
  crm_board_filter_clear (&self->filter);
  _crm_board_filter_copy (&self->filter, filter);
  start_load (self);
}

gint64
crm_board_get_pipeline_id (CrmBoard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD (self), 0);

  return self->pipeline_id;
}

gboolean
crm_board_is_loading (CrmBoard *self)
{
  g_return_val_if_fail (CRM_IS_BOARD (self), FALSE);

  return self->loading;
}

gboolean
crm_board_find_card (CrmBoard *self,
                     gint64    deal_id,
                     guint    *column,
                     guint    *index)
{
  CrmBoardCard *card;
  guint column_index, at;

  g_return_val_if_fail (CRM_IS_BOARD (self), FALSE);

  card = g_hash_table_lookup (self->cards, &deal_id);
  if (card == NULL || !find_column (self, card->stage_id, &column_index) ||
      !g_list_store_find (get_column (self, column_index)->cards, card, &at))
    return FALSE;
  if (column != NULL)
    *column = column_index;
  if (index != NULL)
    *index = at;
  return TRUE;
}

/* --- moves --- */

typedef struct
{
  CrmBoardCard *card;
  gint64        from_stage;
  guint         from_index;
  double        from_position;
  guint         from_rotting;
  gint64        to_stage;
  gboolean      renumber;
} MoveData;

static void
move_data_free (gpointer data)
{
  MoveData *move = data;

  g_object_unref (move->card);
  g_free (move);
}

/* Takes @card out of its column and puts it in column @to at @index with
 * @position; both columns are summed again. */
static void
place_card (CrmBoard     *self,
            CrmBoardCard *card,
            guint         to,
            guint         index,
            double        position,
            guint         rotting)
{
  CrmBoardColumn *target = get_column (self, to);
  guint from, at;

  if (self->loading || self->refreshing)
    g_array_append_val (self->recheck, card->deal_id);

  g_object_ref (card);
  if (find_column (self, card->stage_id, &from) &&
      g_list_store_find (get_column (self, from)->cards, card, &at))
    {
      g_list_store_remove (get_column (self, from)->cards, at);
      if (from != to)
        column_recount (get_column (self, from));
    }
  _crm_board_card_set_place (card, target->stage.id, position, rotting);
  g_list_store_insert (target->cards, MIN (index, g_list_model_get_n_items (G_LIST_MODEL (target->cards))), card);
  g_hash_table_insert (self->cards, &card->deal_id, card);
  column_recount (target);
  g_object_unref (card);
}

static double
card_position_at (CrmBoardColumn *column,
                  guint           index)
{
  CrmBoardCard *card = g_list_model_get_item (G_LIST_MODEL (column->cards), index);
  double position = card->position;

  g_object_unref (card);
  return position;
}

typedef struct
{
  GArray *ids;        /* gint64, in the column's order */
} RenumberJob;

static void
renumber_job_free (gpointer data)
{
  RenumberJob *job = data;

  g_array_unref (job->ids);
  g_free (job);
}

static void
renumber_job (CrmStoreWorker *worker,
              GTask          *task,
              gpointer        task_data)
{
  RenumberJob *job = task_data;
  sqlite3_stmt *stmt;
  GError *error = NULL;

  if (!_crm_store_worker_begin (worker, &error) ||
      !(stmt = _crm_store_worker_prepare (worker, "UPDATE deal SET position = ? WHERE id = ?", &error)))
    {
      _crm_store_worker_rollback (worker);
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < job->ids->len; i++)
    {
      sqlite3_bind_double (stmt, 1, i + 1);
      sqlite3_bind_int64 (stmt, 2, g_array_index (job->ids, gint64, i));
      if (!_crm_store_worker_step (worker, stmt, &error))
        {
          _crm_store_worker_rollback (worker);
          g_task_return_error (task, error);
          return;
        }
    }
  if (!_crm_store_worker_commit (worker, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_renumbered_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmBoard) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Harmless when it fails: the places stay in order, only close. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not renumber a board column: %s", error->message);
}

/* Cards put between close neighbours too often: places 1, 2, 3… again. */
static void
renumber_column (CrmBoard       *self,
                 CrmBoardColumn *column)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (column->cards));
  RenumberJob *job = g_new0 (RenumberJob, 1);

  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    {
      CrmBoardCard *card = g_list_model_get_item (G_LIST_MODEL (column->cards), i);

      g_array_append_val (job->ids, card->deal_id);
      mark_own (self, card->deal_id);
      _crm_board_card_set_place (card, card->stage_id, i + 1, card->rotting_days);
      g_object_unref (card);
    }
  _crm_store_run_async (self->store, renumber_job, job, renumber_job_free, renumber_column,
                        "crm-board-renumber", NULL, on_renumbered_cb, g_object_ref (self));
}

static void
remember_undo (CrmBoard    *self,
               CrmDealMove *move,
               MoveData    *data)
{
  UndoInfo *info = g_new0 (UndoInfo, 1);

  info->move = crm_deal_move_ref (move);
  info->from_stage = data->from_stage;
  info->from_index = data->from_index;
  info->from_position = data->from_position;
  info->from_rotting = data->from_rotting;
  g_ptr_array_add (self->undo, info);
  if (self->undo->len > MAX_UNDO)
    g_ptr_array_remove_index (self->undo, 0);
}

static void
on_card_moved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmBoard *self = g_task_get_source_object (task);
  MoveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDealMove) move = crm_deal_move_finish (CRM_STORE (object), result, &error);
  guint to, from;

  if (move == NULL)
    {
      g_hash_table_remove (self->own, &data->card->deal_id);
      /* Back where it was, if the board still shows both stages. */
      if (find_column (self, data->from_stage, &from))
        place_card (self, data->card, from, data->from_index, data->from_position, data->from_rotting);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  remember_undo (self, move, data);
  if (data->renumber && find_column (self, data->to_stage, &to))
    renumber_column (self, get_column (self, to));
  g_task_return_pointer (task, g_steal_pointer (&move), (GDestroyNotify) crm_deal_move_unref);
}

void
crm_board_move_async (CrmBoard            *self,
                      CrmBoardCard        *card,
                      guint                column,
                      guint                index,
                      gint64               lost_reason_id,
                      const char          *lost_note,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CrmBoardColumn *target;
  MoveData *data;
  guint from_column, from_index, n;
  gboolean has_before, has_after, same_place;
  double before = 0, after = 0, position;

  g_return_if_fail (CRM_IS_BOARD (self));
  g_return_if_fail (CRM_IS_BOARD_CARD (card));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_board_move_async);

  if (column >= g_list_model_get_n_items (G_LIST_MODEL (self->columns)) ||
      !crm_board_find_card (self, card->deal_id, &from_column, &from_index))
    {
      g_task_return_new_error (task, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_NOT_FOUND,
                               _("The deal or the stage is no longer on the board."));
      return;
    }
  target = get_column (self, column);
  if (from_column != column && target->stage.kind == CRM_STAGE_KIND_LOST && lost_reason_id <= 0)
    {
      g_task_return_new_error (task, CRM_DEAL_MOVE_ERROR, CRM_DEAL_MOVE_ERROR_NEEDS_LOST_REASON,
                               _("A lost deal needs a reason."));
      return;
    }

  /* The neighbours at @index, counted without the card. */
  n = g_list_model_get_n_items (G_LIST_MODEL (target->cards));
  if (from_column == column)
    n--;
  index = MIN (index, n);
  same_place = from_column == column && index == from_index;
  {
    guint before_at = index - 1, after_at = index;

    if (from_column == column)
      {
        if (before_at >= from_index)
          before_at++;
        if (after_at >= from_index)
          after_at++;
      }
    has_before = index > 0;
    has_after = index < n;
    if (has_before)
      before = card_position_at (target, before_at);
    if (has_after)
      after = card_position_at (target, after_at);
  }
  position = same_place ? card->position : crm_deal_rules_position (has_before, before, has_after, after);

  data = g_new0 (MoveData, 1);
  data->card = g_object_ref (card);
  data->from_stage = card->stage_id;
  data->from_index = from_index;
  data->from_position = card->position;
  data->from_rotting = card->rotting_days;
  data->to_stage = target->stage.id;
  data->renumber = !same_place && has_before && has_after && crm_deal_rules_needs_renumber (before, after);
  g_task_set_task_data (task, data, move_data_free);

  /* At once on the board; a stage change starts the stage's clock again. */
  if (!same_place)
    {
      place_card (self, card, column, index, position,
                  from_column == column ? card->rotting_days : 0);
      mark_own (self, card->deal_id);
    }

  crm_deal_move_async (self->store, card->deal_id, target->stage.id, position,
                       lost_reason_id, lost_note, cancellable, on_card_moved_cb, g_steal_pointer (&task));
}

CrmDealMove *
crm_board_move_finish (CrmBoard      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmBoard *self = g_task_get_source_object (task);
  CrmDealMove *move = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gint64 id = crm_deal_move_get_deal_id (move);

  if (!crm_deal_move_undo_finish (CRM_STORE (object), result, &error))
    {
      /* The board shows what the database has. */
      g_hash_table_remove (self->own, &id);
      g_array_append_val (self->pending_deals, id);
      schedule_refresh (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
crm_board_undo_async (CrmBoard            *self,
                      CrmDealMove         *move,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UndoInfo *info = NULL;
  gint64 deal_id;
  CrmBoardCard *card;
  guint from;

  g_return_if_fail (CRM_IS_BOARD (self));
  g_return_if_fail (move != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_board_undo_async);
  g_task_set_task_data (task, crm_deal_move_ref (move), (GDestroyNotify) crm_deal_move_unref);
  deal_id = crm_deal_move_get_deal_id (move);

  for (guint i = self->undo->len; i > 0; i--)
    if (((UndoInfo *) g_ptr_array_index (self->undo, i - 1))->move == move)
      {
        info = g_ptr_array_index (self->undo, i - 1);
        break;
      }

  card = g_hash_table_lookup (self->cards, &deal_id);
  if (card != NULL && info != NULL && card->stage_id == crm_deal_move_get_to_stage (move) &&
      find_column (self, info->from_stage, &from))
    {
      place_card (self, card, from, info->from_index, info->from_position, info->from_rotting);
      mark_own (self, deal_id);
    }
  else
    {
      /* Not on the board as the move left it: read it back afterwards. */
      g_array_append_val (self->pending_deals, deal_id);
    }
  if (info != NULL)
    g_ptr_array_remove_fast (self->undo, info);

  crm_deal_move_undo_async (self->store, move, cancellable, on_undone_cb, g_steal_pointer (&task));
  if (self->pending_deals->len > 0)
    schedule_refresh (self);
}

gboolean
crm_board_undo_finish (CrmBoard      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

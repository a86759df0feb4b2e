/* crm-related.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmRelated"

#include "config.h"

#include <string.h>

#include "crm-related.h"
#include "crm-activity.h"
#include "crm-affiliation.h"
#include "crm-customer-order.h"
#include "crm-deal.h"
#include "crm-format.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-staff-user.h"
#include "crm-stage.h"
#include "crm-store.h"
#include "crm-ticket.h"

#define RELATED_LIMIT CRM_RELATED_LIMIT
#define TIMELINE_LIMIT CRM_RELATED_TIMELINE_LIMIT
#define PEOPLE_LIMIT 2000

CrmQuery *
crm_related_query (GType       type,
                   const char *property,
                   gint64      id)
{
  CrmQuery *query = crm_query_new (type);

  crm_query_add_int (query, property, CRM_QUERY_EQ, id);

  if (type == CRM_TYPE_CUSTOMER_ORDER)
    crm_query_set_order (query, "ordered", TRUE);
  else if (type == CRM_TYPE_TICKET)
    crm_query_set_order (query, "created", TRUE);
  else if (type == CRM_TYPE_AFFILIATION)
    crm_query_set_order (query, "is-primary", TRUE);
  else if (type == CRM_TYPE_DEAL)
    crm_query_set_order (query, "expected-close", TRUE);

  /* An organization's people are its structure, not its history: all of
   * them, up to a size no small business has (a list of records goes to the
   * People table). */
  if (type == CRM_TYPE_AFFILIATION && g_str_equal (property, "organization-id"))
    crm_query_set_limit (query, PEOPLE_LIMIT);
  else
    crm_query_set_limit (query, RELATED_LIMIT);

  return query;
}

CrmQuery *
crm_related_timeline_query (const char *kind,
                            gint64      id)
{
  CrmQuery *query = crm_query_new (CRM_TYPE_ACTIVITY);

  crm_query_add_text (query, "subject-kind", CRM_QUERY_EQ, kind);
  crm_query_add_int (query, "subject-id", CRM_QUERY_EQ, id);
  /* By id, newest first: ids grow with time, and the page sorts the rest. */
  crm_query_set_order (query, "created", TRUE);
  crm_query_set_limit (query, TIMELINE_LIMIT);

  return query;
}

gint64
crm_related_timeline_time (CrmRecord *activity)
{
  gint64 occurred;

  g_return_val_if_fail (CRM_IS_ACTIVITY (activity), 0);

  occurred = crm_activity_get_occurred (CRM_ACTIVITY (activity));
  return occurred != 0 ? occurred : crm_record_get_created (activity);
}

static int
compare_timeline (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  CrmRecord *ra = (CrmRecord *) a;
  CrmRecord *rb = (CrmRecord *) b;
  gint64 ta = crm_related_timeline_time (ra);
  gint64 tb = crm_related_timeline_time (rb);

  if (ta != tb)
    return ta > tb ? -1 : 1;
  if (crm_record_get_id (ra) != crm_record_get_id (rb))
    return crm_record_get_id (ra) > crm_record_get_id (rb) ? -1 : 1;
  return 0;
}

GListModel *
crm_related_sort_timeline (GListModel *activities)
{
  GListStore *sorted;
  guint n_items;

  g_return_val_if_fail (G_IS_LIST_MODEL (activities), NULL);

  sorted = g_list_store_new (CRM_TYPE_ACTIVITY);
  n_items = g_list_model_get_n_items (activities);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (activities, i);

      g_list_store_insert_sorted (sorted, item, compare_timeline, NULL);
    }

  return G_LIST_MODEL (sorted);
}

struct _CrmRelatedNames
{
  GObject       parent_instance;

  CrmStore     *store;
  GCancellable *cancellable;
  GHashTable   *staff;        /* gint64* → char* */
  GHashTable   *stage_names;  /* gint64* → char* */
  GHashTable   *stage_kinds;  /* gint64* → char* */
  guint         pending;
  gboolean      ready;
};

enum {
  READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmRelatedNames, crm_related_names, G_TYPE_OBJECT)

static gint64 *
dup_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmRelatedNames) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = crm_store_query_finish (CRM_STORE (object), result, &error);
  guint n_items;

  if (records == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
        return;
      /* Rows then show without owner or stage names, but they show. */
      g_warning ("Could not load names: %s", error->message);
    }

  n_items = records != NULL ? g_list_model_get_n_items (records) : 0;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CrmRecord) record = g_list_model_get_item (records, i);
      gint64 id = crm_record_get_id (record);

      if (CRM_IS_STAFF_USER (record))
        {
          g_hash_table_insert (self->staff, dup_id (id),
                               g_strdup (crm_staff_user_get_name (CRM_STAFF_USER (record))));
        }
      else
        {
          g_hash_table_insert (self->stage_names, dup_id (id),
                               g_strdup (crm_stage_get_name (CRM_STAGE (record))));
          g_hash_table_insert (self->stage_kinds, dup_id (id),
                               g_strdup (crm_stage_get_kind (CRM_STAGE (record))));
        }
    }

  if (--self->pending == 0)
    {
      self->ready = TRUE;
      g_signal_emit (self, signals[READY], 0);
    }
}

static void
load (CrmRelatedNames *self)
{
  g_autoptr(CrmQuery) staff = crm_query_new (CRM_TYPE_STAFF_USER);
  g_autoptr(CrmQuery) stages = crm_query_new (CRM_TYPE_STAGE);

  g_hash_table_remove_all (self->staff);
  g_hash_table_remove_all (self->stage_names);
  g_hash_table_remove_all (self->stage_kinds);
  self->pending += 2;
  crm_store_query_async (self->store, staff, self->cancellable, on_loaded_cb, g_object_ref (self));
  crm_store_query_async (self->store, stages, self->cancellable, on_loaded_cb, g_object_ref (self));
}

static void
on_names_changed_cb (CrmRelatedNames *self)
{
  if (self->pending == 0)
    load (self);
}

static void
crm_related_names_dispose (GObject *object)
{
  CrmRelatedNames *self = CRM_RELATED_NAMES (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_related_names_parent_class)->dispose (object);
}

static void
crm_related_names_finalize (GObject *object)
{
  CrmRelatedNames *self = CRM_RELATED_NAMES (object);

  g_hash_table_unref (self->staff);
  g_hash_table_unref (self->stage_names);
  g_hash_table_unref (self->stage_kinds);

  G_OBJECT_CLASS (crm_related_names_parent_class)->finalize (object);
}

static void
crm_related_names_class_init (CrmRelatedNamesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_related_names_dispose;
  object_class->finalize = crm_related_names_finalize;

  /**
   * CrmRelatedNames::ready:
   *
   * The names are loaded (or were reloaded after a change).
   */
  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
crm_related_names_init (CrmRelatedNames *self)
{
  self->staff = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->stage_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->stage_kinds = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

CrmRelatedNames *
crm_related_names_new (CrmStore     *store,
                       GCancellable *cancellable)
{
  CrmRelatedNames *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_RELATED_NAMES, NULL);
  self->store = g_object_ref (store);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_signal_connect_object (store, "changed::staff_user",
                           G_CALLBACK (on_names_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::stage",
                           G_CALLBACK (on_names_changed_cb), self, G_CONNECT_SWAPPED);
  load (self);

  return self;
}

gboolean
crm_related_names_is_ready (CrmRelatedNames *self)
{
  g_return_val_if_fail (CRM_IS_RELATED_NAMES (self), FALSE);

  return self->ready;
}

GHashTable *
crm_related_names_get_staff (CrmRelatedNames *self)
{
  g_return_val_if_fail (CRM_IS_RELATED_NAMES (self), NULL);

  return self->staff;
}

const char *
crm_related_names_get_stage (CrmRelatedNames *self,
                             gint64           id)
{
  g_return_val_if_fail (CRM_IS_RELATED_NAMES (self), NULL);

  return g_hash_table_lookup (self->stage_names, &id);
}

CrmDealState
crm_related_names_deal_state (CrmRelatedNames *self,
                              CrmRecord       *deal)
{
  gint64 stage;
  const char *kind;

  g_return_val_if_fail (CRM_IS_RELATED_NAMES (self), CRM_DEAL_STATE_OPEN);
  g_return_val_if_fail (CRM_IS_DEAL (deal), CRM_DEAL_STATE_OPEN);

  stage = crm_deal_get_stage_id (CRM_DEAL (deal));
  kind = g_hash_table_lookup (self->stage_kinds, &stage);

  if (g_strcmp0 (kind, "won") == 0)
    return CRM_DEAL_STATE_WON;
  if (g_strcmp0 (kind, "lost") == 0)
    return CRM_DEAL_STATE_LOST;
  if (crm_deal_get_closed (CRM_DEAL (deal)) != 0)
    return CRM_DEAL_STATE_WON;
  return CRM_DEAL_STATE_OPEN;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
crm_related_names_deal_total (CrmRelatedNames *self,
                              GListModel      *deals,
                              CrmDealState     state,
                              guint           *count)
{
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) currencies = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_items, n = 0;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (CRM_IS_RELATED_NAMES (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (deals), NULL);

  n_items = g_list_model_get_n_items (deals);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CrmDeal) deal = g_list_model_get_item (deals, i);
      const char *currency = crm_deal_get_currency (deal);
      gint64 *sum;

      if (crm_related_names_deal_state (self, CRM_RECORD (deal)) != state)
        continue;

      n++;
      sum = g_hash_table_lookup (sums, currency);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (sums, g_strdup (currency), sum);
        }
      *sum += crm_deal_get_amount (deal);
    }

  /* One amount per currency, in a stable order: never added across. */
  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (currencies, key);
  g_ptr_array_sort (currencies, compare_strings);

  for (guint i = 0; i < currencies->len; i++)
    {
      const char *currency = g_ptr_array_index (currencies, i);
      g_autofree char *money = crm_format_money (*(gint64 *) g_hash_table_lookup (sums, currency),
                                                 currency);

      if (text->len > 0)
        g_string_append (text, " + ");
      g_string_append (text, money);
    }

  if (count != NULL)
    *count = n;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

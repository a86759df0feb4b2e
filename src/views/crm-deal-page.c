/* crm-deal-page.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One deal: amount, probability (its stage's or its own), expected close,
 * owner, pipeline and stage, how it closed; the customer, products,
 * stakeholders with the coverage insights of the deal's stakeholder map,
 * the timeline, the stage history and the custom fields.  The related
 * lists load whole off the UI thread and reload when their table changes.
 */

#define G_LOG_DOMAIN "CrmDealPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-deal-page-private.h"
#include "crm-deal-product.h"
#include "crm-deal-rules.h"
#include "crm-deal-stage-history.h"
#include "crm-deal-stakeholder.h"
#include "crm-format.h"
#include "crm-lost-reason.h"
#include "crm-organization.h"
#include "crm-page-util.h"
#include "crm-person.h"
#include "crm-pipeline.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-staff-user.h"
#include "crm-stage.h"
#include "crm-store.h"

typedef enum
{
  SECTION_CUSTOM       = CRM_RECORD_PAGE_SECTION_CUSTOM,
  SECTION_TIMELINE     = CRM_RECORD_PAGE_SECTION_TIMELINE,
  SECTION_CUSTOMER     = CRM_RECORD_PAGE_SECTION_OWN (0),
  SECTION_PRODUCTS     = CRM_RECORD_PAGE_SECTION_OWN (1),
  SECTION_STAKEHOLDERS = CRM_RECORD_PAGE_SECTION_OWN (2),
  SECTION_HISTORY      = CRM_RECORD_PAGE_SECTION_OWN (3),
  SECTION_STAGES       = CRM_RECORD_PAGE_SECTION_OWN (4),
} Section;

/* What reloads when a table changes: a move writes the deal, then its
 * history. */
static const CrmRecordPageTrigger table_triggers[] = {
  { "deal_product", SECTION_PRODUCTS },
  { "product", SECTION_PRODUCTS },
  { "deal_stakeholder", SECTION_STAKEHOLDERS },
  { "activity", SECTION_TIMELINE },
  { "deal_stage_history", SECTION_HISTORY },
  { "stage", SECTION_STAGES | SECTION_HISTORY },
  { "pipeline", SECTION_STAGES | SECTION_HISTORY },
  { "lost_reason", SECTION_STAGES | SECTION_HISTORY },
  { "staff_user", SECTION_STAGES | SECTION_HISTORY },
  { NULL, 0 }
};

/* What reloads when the deal changes: moved to another pipeline (a stage
 * deleted elsewhere), its stages; another customer, the customer. */
static const CrmRecordPageTrigger property_triggers[] = {
  { "pipeline-id", SECTION_STAGES },
  { "organization-id", SECTION_CUSTOMER },
  { "person-id", SECTION_CUSTOMER },
  { NULL, 0 }
};

G_DEFINE_FINAL_TYPE (CrmDealPage, crm_deal_page, CRM_TYPE_RECORD_PAGE)

CrmStage *
_crm_deal_page_find_stage (CrmDealPage *self,
                           gint64       id)
{
  guint n = self->stages != NULL ? g_list_model_get_n_items (self->stages) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmStage) stage = g_list_model_get_item (self->stages, i);

      /* The list holds the stage: it outlives the reference dropped here. */
      if (crm_record_get_id (CRM_RECORD (stage)) == id)
        return stage;
    }

  return NULL;
}

static CrmStageKind
get_state (CrmDealPage *self)
{
  CrmDeal *deal = _crm_deal_page_get_deal (self);
  CrmStage *stage = _crm_deal_page_find_stage (self, crm_deal_get_stage_id (deal));

  if (stage != NULL)
    return crm_stage_kind_from_key (crm_stage_get_kind (stage));

  /* Until the stages are in: a closed deal counts as won. */
  return crm_deal_get_closed (deal) != 0 ? CRM_STAGE_KIND_WON : CRM_STAGE_KIND_OPEN;
}

static void
update_state (CrmDealPage  *self,
              CrmStageKind  state)
{
  static const char * const classes[] = { "open", "won", "lost" };
  const char *label;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), classes[state]);

  if (state == CRM_STAGE_KIND_WON)
    label = C_("deal state", "Won");
  else if (state == CRM_STAGE_KIND_LOST)
    label = C_("deal state", "Lost");
  else
    label = C_("deal state", "Open");
  gtk_label_set_label (self->state_label, label);
}

static void
update_probability (CrmDealPage *self,
                    CrmStage    *stage)
{
  CrmDeal *d = _crm_deal_page_get_deal (self);
  int own = (int) crm_deal_get_probability (d);
  int probability = crm_deal_rules_probability (own, stage != NULL
                                                     ? (int) crm_stage_get_probability (stage)
                                                     : 0);
  g_autofree char *text = NULL;
  g_autofree char *weighted = NULL;
  gboolean open;

  if (own >= 0)
    /* Translators: the deal's win probability, set on the deal; "%%" is a percent sign */
    text = g_strdup_printf (_("%d %% (set for this deal)"), probability);
  else if (stage != NULL)
    /* Translators: the deal's win probability, from its stage; "%%" is a percent sign */
    text = g_strdup_printf (_("%d %% (the stage’s)"), probability);
  crm_page_set_row_value (self->probability_row, text);

  if (own >= 0 || stage != NULL)
    weighted = crm_format_money (crm_deal_rules_weighted (crm_deal_get_amount (d), probability),
                                 crm_deal_get_currency (d));
  crm_page_set_row_value (self->weighted_row, weighted);
  /* A closed deal counts with all of its amount or none: no odds to show. */
  open = get_state (self) == CRM_STAGE_KIND_OPEN;
  gtk_widget_set_visible (GTK_WIDGET (self->probability_row), open);
  gtk_widget_set_visible (GTK_WIDGET (self->weighted_row), open);
}

static void
update_closed (CrmDealPage  *self,
               CrmStageKind  state)
{
  CrmDeal *d = _crm_deal_page_get_deal (self);
  gboolean lost = state == CRM_STAGE_KIND_LOST;
  const char *reason = NULL;
  const char *note = crm_deal_get_lost_note (d);
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  guint n = self->lost_reasons != NULL ? g_list_model_get_n_items (self->lost_reasons) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->closed_row),
                          state != CRM_STAGE_KIND_OPEN && crm_deal_get_closed (d) != 0);
  if (crm_deal_get_closed (d) != 0)
    {
      g_autofree char *when = crm_format_date (crm_deal_get_closed (d));

      if (lost)
        /* Translators: %s is a date */
        date = g_strdup_printf (_("Lost on %s"), when);
      else
        /* Translators: %s is a date */
        date = g_strdup_printf (_("Won on %s"), when);
      adw_action_row_set_subtitle (self->closed_row, date);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmLostReason) item = g_list_model_get_item (self->lost_reasons, i);

      if (crm_record_get_id (CRM_RECORD (item)) == crm_deal_get_lost_reason_id (d))
        reason = crm_lost_reason_get_name (item);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->lost_reason_row), lost);
  if (reason != NULL && note[0] != '\0')
    text = g_strconcat (reason, "\n", note, NULL);
  else
    text = g_strdup (reason != NULL ? reason : note);
  crm_page_set_row_value (self->lost_reason_row, text);
}

static void
update_stage (CrmDealPage *self,
              CrmStage    *stage)
{
  const char *pipeline = self->pipeline != NULL ? crm_pipeline_get_name (CRM_PIPELINE (self->pipeline))
                                                : NULL;
  const char *stage_name = stage != NULL ? crm_stage_get_name (stage) : NULL;
  gint64 entered = crm_deal_get_stage_entered (_crm_deal_page_get_deal (self));
  g_autofree char *since = NULL;
  g_autofree char *stage_text = NULL;
  g_autofree char *headline = NULL;

  crm_page_set_row_value (self->pipeline_row, pipeline);

  if (stage_name != NULL && entered != 0)
    {
      since = crm_format_date (entered);
      /* Translators: a stage and when the deal entered it, "Proposal, since 3 Nov 2026" */
      stage_text = g_strdup_printf (C_("deal stage", "%1$s, since %2$s"), stage_name, since);
    }
  else
    {
      stage_text = g_strdup (stage_name);
    }
  crm_page_set_row_value (self->stage_row, stage_text);

  if (pipeline != NULL && stage_name != NULL)
    /* Translators: a pipeline and a stage of it, "B2B Sales · Proposal" */
    headline = g_strdup_printf (C_("deal headline", "%1$s · %2$s"), pipeline, stage_name);
  gtk_label_set_label (self->headline_label, headline != NULL ? headline : "");
  gtk_widget_set_visible (GTK_WIDGET (self->headline_label), headline != NULL);
}

static void
crm_deal_page_update_fields (CrmRecordPage *page)
{
  CrmDealPage *self = CRM_DEAL_PAGE (page);
  CrmRelatedNames *names = crm_record_page_get_names (page);
  CrmDeal *d = _crm_deal_page_get_deal (self);
  CrmStage *stage = _crm_deal_page_find_stage (self, crm_deal_get_stage_id (d));
  CrmStageKind state = get_state (self);
  const char *name = crm_deal_get_name (d);
  gint64 owner = crm_deal_get_owner_id (d);
  g_autofree char *amount = crm_format_money (crm_deal_get_amount (d), crm_deal_get_currency (d));
  g_autofree char *close = crm_format_iso_date (crm_deal_get_expected_close (d));

  if (name[0] == '\0')
    name = _("Unnamed");

  gtk_label_set_label (self->name_label, name);
  adw_avatar_set_text (self->avatar, name);
  crm_record_page_set_title (page, name, NULL);
  gtk_label_set_label (self->amount_label, amount);
  update_state (self, state);
  update_stage (self, stage);

  crm_page_set_row_value (self->amount_row, amount);
  update_probability (self, stage);
  crm_page_set_row_value (self->close_row, close);
  crm_page_set_row_value (self->owner_row,
                          owner != 0 && crm_related_names_is_ready (names)
                          ? g_hash_table_lookup (crm_related_names_get_staff (names), &owner)
                          : NULL);
  update_closed (self, state);
}

static void
crm_deal_page_update_actions (CrmRecordPage *page)
{
  CrmDealPage *self = CRM_DEAL_PAGE (page);
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean editing = crm_record_page_get_editing (page);

  gtk_widget_action_set_enabled (widget, "page.log-activity", !editing);
  gtk_widget_action_set_enabled (widget, "page.show-map", !editing);
  gtk_widget_action_set_enabled (widget, "page.add-product", !editing);
  gtk_widget_action_set_enabled (widget, "page.remove-product", !editing);
  gtk_widget_action_set_enabled (widget, "page.move-to-stage", !editing && self->stages != NULL);
  gtk_widget_action_set_enabled (widget, "page.edit", !editing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stage_button), !editing && self->stages != NULL);
}

/* Related lists. */

static void
fill_customer (CrmDealPage *self)
{
  CrmStore *store = crm_record_page_get_store (CRM_RECORD_PAGE (self));
  GCancellable *cancellable = crm_record_page_get_cancellable (CRM_RECORD_PAGE (self));
  CrmDeal *deal = _crm_deal_page_get_deal (self);
  gint64 organization = crm_deal_get_organization_id (deal);
  gint64 person = crm_deal_get_person_id (deal);
  GtkListBoxRow *child;

  while ((child = gtk_list_box_get_row_at_index (self->customer_list, 0)) != NULL)
    gtk_list_box_remove (self->customer_list, GTK_WIDGET (child));

  if (organization != 0)
    {
      AdwActionRow *row = crm_page_new_row ("", _("Organization"));

      crm_page_row_load_title (row, store, CRM_TYPE_ORGANIZATION, organization, cancellable);
      crm_page_row_set_target (row, "organization", organization);
      gtk_list_box_append (self->customer_list, GTK_WIDGET (row));
    }
  if (person != 0)
    {
      AdwActionRow *row = crm_page_new_row ("", organization != 0 ? _("Contact person")
                                                                  : _("Customer"));

      crm_page_row_load_title (row, store, CRM_TYPE_PERSON, person, cancellable);
      crm_page_row_set_target (row, "person", person);
      gtk_list_box_append (self->customer_list, GTK_WIDGET (row));
    }
}

static void
on_products_loaded_cb (GtkWidget  *widget,
                       GListModel *records)
{
  _crm_deal_page_fill_products (CRM_DEAL_PAGE (widget), records);
}

static void
on_stakeholders_loaded_cb (GtkWidget  *widget,
                           GListModel *records)
{
  _crm_deal_page_fill_stakeholders (CRM_DEAL_PAGE (widget), records);
}

static void
on_history_loaded_cb (GtkWidget  *widget,
                      GListModel *records)
{
  _crm_deal_page_fill_history (CRM_DEAL_PAGE (widget), records);
}

static void
on_stages_loaded_cb (GtkWidget  *widget,
                     GListModel *records)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);

  g_set_object (&self->stages, records);
  _crm_deal_page_fill_stage_menu (self);
  crm_record_page_update (CRM_RECORD_PAGE (self));
}

static void
on_lost_reasons_loaded_cb (GtkWidget  *widget,
                           GListModel *records)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);

  g_set_object (&self->lost_reasons, records);
  crm_deal_page_update_fields (CRM_RECORD_PAGE (self));
}

static void
on_staff_loaded_cb (GtkWidget  *widget,
                    GListModel *records)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);

  g_set_object (&self->staff, records);
  _crm_deal_page_fill_owners (self);
}

static void
on_pipeline_loaded_cb (GtkWidget *widget,
                       CrmRecord *record)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);

  g_set_object (&self->pipeline, record);
  crm_deal_page_update_fields (CRM_RECORD_PAGE (self));
}

static void
load_stages (CrmDealPage *self)
{
  CrmStore *store = crm_record_page_get_store (CRM_RECORD_PAGE (self));
  g_autoptr(CrmQuery) stages = crm_query_new (CRM_TYPE_STAGE);
  g_autoptr(CrmQuery) reasons = crm_query_new (CRM_TYPE_LOST_REASON);
  g_autoptr(CrmQuery) staff = crm_query_new (CRM_TYPE_STAFF_USER);
  GCancellable *cancellable = crm_record_page_get_cancellable (CRM_RECORD_PAGE (self));
  gint64 pipeline_id = crm_deal_get_pipeline_id (_crm_deal_page_get_deal (self));

  crm_query_add_int (stages, "pipeline-id", CRM_QUERY_EQ, pipeline_id);
  crm_query_set_order (stages, "position", FALSE);
  crm_page_query (GTK_WIDGET (self), store, stages, cancellable, on_stages_loaded_cb);

  crm_query_set_order (reasons, "position", FALSE);
  crm_page_query (GTK_WIDGET (self), store, reasons, cancellable, on_lost_reasons_loaded_cb);

  crm_query_set_order (staff, "name", FALSE);
  crm_page_query (GTK_WIDGET (self), store, staff, cancellable, on_staff_loaded_cb);

  crm_page_load (GTK_WIDGET (self), store, CRM_TYPE_PIPELINE, pipeline_id, cancellable,
                 on_pipeline_loaded_cb);
}

static CrmQuery *
deal_query (CrmDealPage *self,
            GType        type,
            const char  *order,
            gboolean     descending)
{
  CrmQuery *query = crm_query_new (type);

  crm_query_add_int (query, "deal-id", CRM_QUERY_EQ,
                     crm_record_page_get_id (CRM_RECORD_PAGE (self)));
  crm_query_set_order (query, order, descending);
  crm_query_set_limit (query, CRM_RELATED_LIMIT);

  return query;
}

static void
crm_deal_page_load_sections (CrmRecordPage *page,
                             guint          sections)
{
  CrmDealPage *self = CRM_DEAL_PAGE (page);
  CrmStore *store = crm_record_page_get_store (CRM_RECORD_PAGE (self));
  GCancellable *cancellable = crm_record_page_get_cancellable (CRM_RECORD_PAGE (self));

  if (sections & SECTION_STAGES)
    load_stages (self);
  if (sections & SECTION_CUSTOMER)
    fill_customer (self);
  if (sections & SECTION_PRODUCTS)
    {
      g_autoptr(CrmQuery) query = deal_query (self, CRM_TYPE_DEAL_PRODUCT, "id", FALSE);

      crm_page_query (GTK_WIDGET (self), store, query, cancellable, on_products_loaded_cb);
    }
  if (sections & SECTION_STAKEHOLDERS)
    {
      g_autoptr(CrmQuery) query = deal_query (self, CRM_TYPE_DEAL_STAKEHOLDER, "id", FALSE);

      crm_page_query (GTK_WIDGET (self), store, query, cancellable, on_stakeholders_loaded_cb);
    }
  if (sections & SECTION_HISTORY)
    {
      g_autoptr(CrmQuery) query = deal_query (self, CRM_TYPE_DEAL_STAGE_HISTORY, "entered", TRUE);

      crm_page_query (GTK_WIDGET (self), store, query, cancellable, on_history_loaded_cb);
    }
}

static void
on_map_changed_cb (CrmDealPage *self)
{
  _crm_deal_page_update_insights (self);
}

static void
on_map_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmDealPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStakeholderMap) map = crm_stakeholder_map_load_finish (result, &error);

  if (map == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the deal's stakeholder map: %s", error->message);
      return;
    }

  /* The map reloads itself when its tables change, and says so. */
  g_set_object (&self->map, map);
  g_signal_connect_object (map, "changed", G_CALLBACK (on_map_changed_cb), self,
                           G_CONNECT_SWAPPED);
  _crm_deal_page_update_insights (self);
}

static void
crm_deal_page_constructed (GObject *object)
{
  CrmRecordPage *page = CRM_RECORD_PAGE (object);
  gint64 id;

  G_OBJECT_CLASS (crm_deal_page_parent_class)->constructed (object);

  id = crm_record_page_get_id (page);
  if (id != 0)
    crm_stakeholder_map_load_async (crm_record_page_get_store (page), CRM_MAP_SCOPE_DEAL, id,
                                    crm_record_page_get_cancellable (page), on_map_loaded_cb,
                                    g_object_ref (page));
}

static void
crm_deal_page_dispose (GObject *object)
{
  CrmDealPage *self = CRM_DEAL_PAGE (object);

  g_clear_object (&self->map);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->stages);
  g_clear_object (&self->staff);
  g_clear_object (&self->lost_reasons);
  g_clear_object (&self->stage_menu);

  G_OBJECT_CLASS (crm_deal_page_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CrmDealPage, name)

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/crm-deal-page.ui");
  crm_record_page_class_bind_template_children (widget_class, CRM_RECORD_PAGE_EDIT_BUTTON |
                                                              CRM_RECORD_PAGE_TIMELINE);
  BIND (stage_button);
  BIND (avatar);
  BIND (name_label);
  BIND (amount_label);
  BIND (state_label);
  BIND (headline_label);
  BIND (name_entry);
  BIND (amount_entry);
  BIND (currency_entry);
  BIND (close_entry);
  BIND (owner_combo);
  BIND (probability_edit_row);
  BIND (probability_switch);
  BIND (probability_spin);
  BIND (details_group);
  BIND (amount_row);
  BIND (probability_row);
  BIND (weighted_row);
  BIND (close_row);
  BIND (owner_row);
  BIND (pipeline_row);
  BIND (stage_row);
  BIND (closed_row);
  BIND (lost_reason_row);
  BIND (customer_group);
  BIND (products_group);
  BIND (stakeholders_group);
  BIND (insights_group);
  BIND (history_group);
}

#undef BIND

static void
crm_deal_page_class_init (CrmDealPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmRecordPageClass *page_class = CRM_RECORD_PAGE_CLASS (klass);

  object_class->constructed = crm_deal_page_constructed;
  object_class->dispose = crm_deal_page_dispose;

  page_class->kind = "deal";
  page_class->record_type = CRM_TYPE_DEAL;
  page_class->uses_names = TRUE;
  page_class->table_triggers = table_triggers;
  page_class->property_triggers = property_triggers;
  page_class->load_sections = crm_deal_page_load_sections;
  page_class->update_fields = crm_deal_page_update_fields;
  page_class->update_actions = crm_deal_page_update_actions;
  page_class->apply_editing = _crm_deal_page_apply_editing;
  page_class->commit = _crm_deal_page_commit;

  crm_record_page_class_install_actions (widget_class, CRM_RECORD_PAGE_LOG_ACTIVITY |
                                                       CRM_RECORD_PAGE_SHOW_MAP);
  gtk_widget_class_install_action (widget_class, "page.move-to-stage", "x",
                                   _crm_deal_page_move_action);
  gtk_widget_class_install_action (widget_class, "page.add-product", NULL,
                                   _crm_deal_page_add_product_action);
  gtk_widget_class_install_action (widget_class, "page.remove-product", "x",
                                   _crm_deal_page_remove_product_action);

  bind_template (widget_class);
}

static void
crm_deal_page_init (CrmDealPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->stage_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->stage_button, G_MENU_MODEL (self->stage_menu));

  self->customer_list = crm_page_add_list (self->customer_group, "customer-list",
                                           _("No customer"));
  self->products_list = crm_page_add_list (self->products_group, "products-list",
                                           _("No products"));
  self->stakeholders_list = crm_page_add_list (self->stakeholders_group, "stakeholders-list",
                                               _("No stakeholders yet: add them on the map"));
  self->insights_list = crm_page_add_list (self->insights_group, "insights-list", "");
  self->history_list = crm_page_add_list (self->history_group, "history-list",
                                          _("No stage history"));

  _crm_deal_page_init_edit (self);
}

CrmDealPage *
crm_deal_page_new (CrmContext *context,
                   CrmDeal    *deal)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (CRM_IS_DEAL (deal), NULL);

  return g_object_new (CRM_TYPE_DEAL_PAGE,
                       "context", context,
                       "record", deal,
                       NULL);
}

CrmDeal *
crm_deal_page_get_record (CrmDealPage *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_PAGE (self), NULL);

  return _crm_deal_page_get_deal (self);
}

gboolean
crm_deal_page_get_editing (CrmDealPage *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_PAGE (self), FALSE);

  return crm_record_page_get_editing (CRM_RECORD_PAGE (self));
}

void
crm_deal_page_set_editing (CrmDealPage *self,
                           gboolean     editing)
{
  g_return_if_fail (CRM_IS_DEAL_PAGE (self));

  crm_record_page_set_editing (CRM_RECORD_PAGE (self), editing);
}

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
#include "crm-activity-editor.h"
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

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RECORD,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CrmDealPage, crm_deal_page, GTK_TYPE_WIDGET)

CrmStore *
_crm_deal_page_get_store (CrmDealPage *self)
{
  return crm_context_get_store (self->context);
}

gint64
_crm_deal_page_get_id (CrmDealPage *self)
{
  return crm_record_get_id (CRM_RECORD (self->deal));
}

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
  CrmStage *stage = _crm_deal_page_find_stage (self, crm_deal_get_stage_id (self->deal));

  if (stage != NULL)
    return crm_stage_kind_from_key (crm_stage_get_kind (stage));

  /* Until the stages are in: a closed deal counts as won. */
  return crm_deal_get_closed (self->deal) != 0 ? CRM_STAGE_KIND_WON : CRM_STAGE_KIND_OPEN;
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
  CrmDeal *d = self->deal;
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
  CrmDeal *d = self->deal;
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
  g_autofree char *since = NULL;
  g_autofree char *stage_text = NULL;
  g_autofree char *headline = NULL;

  crm_page_set_row_value (self->pipeline_row, pipeline);

  if (stage_name != NULL && crm_deal_get_stage_entered (self->deal) != 0)
    {
      since = crm_format_date (crm_deal_get_stage_entered (self->deal));
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

void
_crm_deal_page_update_fields (CrmDealPage *self)
{
  CrmDeal *d = self->deal;
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
  adw_window_title_set_title (self->window_title, name);
  gtk_label_set_label (self->amount_label, amount);
  update_state (self, state);
  update_stage (self, stage);

  crm_page_set_row_value (self->amount_row, amount);
  update_probability (self, stage);
  crm_page_set_row_value (self->close_row, close);
  crm_page_set_row_value (self->owner_row,
                          owner != 0 && crm_related_names_is_ready (self->names)
                          ? g_hash_table_lookup (crm_related_names_get_staff (self->names), &owner)
                          : NULL);
  update_closed (self, state);
}

void
_crm_deal_page_update_actions (CrmDealPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "page.log-activity", !self->editing);
  gtk_widget_action_set_enabled (widget, "page.show-map", !self->editing);
  gtk_widget_action_set_enabled (widget, "page.add-product", !self->editing);
  gtk_widget_action_set_enabled (widget, "page.remove-product", !self->editing);
  gtk_widget_action_set_enabled (widget, "page.move-to-stage",
                                 !self->editing && self->stages != NULL);
  gtk_widget_action_set_enabled (widget, "page.edit", !self->editing);
  gtk_widget_action_set_enabled (widget, "page.done", self->editing);
  gtk_widget_action_set_enabled (widget, "page.cancel", self->editing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stage_button), !self->editing && self->stages != NULL);
}

/* Related lists. */

static void
fill_customer (CrmDealPage *self)
{
  CrmStore *store = _crm_deal_page_get_store (self);
  gint64 organization = crm_deal_get_organization_id (self->deal);
  gint64 person = crm_deal_get_person_id (self->deal);
  GtkListBoxRow *child;

  while ((child = gtk_list_box_get_row_at_index (self->customer_list, 0)) != NULL)
    gtk_list_box_remove (self->customer_list, GTK_WIDGET (child));

  if (organization != 0)
    {
      AdwActionRow *row = crm_page_new_row ("", _("Organization"));

      crm_page_row_load_title (row, store, CRM_TYPE_ORGANIZATION, organization, self->cancellable);
      crm_page_row_set_target (row, "organization", organization);
      gtk_list_box_append (self->customer_list, GTK_WIDGET (row));
    }
  if (person != 0)
    {
      AdwActionRow *row = crm_page_new_row ("", organization != 0 ? _("Contact person")
                                                                  : _("Customer"));

      crm_page_row_load_title (row, store, CRM_TYPE_PERSON, person, self->cancellable);
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

static GtkWidget *
create_activity_row (gpointer item,
                     gpointer user_data)
{
  CrmDealPage *self = user_data;

  return crm_page_new_activity_row (item, crm_related_names_get_staff (self->names));
}

static void
on_timeline_loaded_cb (GtkWidget  *widget,
                       GListModel *records)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);
  g_autoptr(GListModel) sorted = crm_related_sort_timeline (records);

  crm_page_fill_list (self->timeline_list, sorted, create_activity_row, self);
  crm_page_note_limit (self->timeline_group, g_list_model_get_n_items (records),
                       CRM_RELATED_TIMELINE_LIMIT);
}

static void
on_stages_loaded_cb (GtkWidget  *widget,
                     GListModel *records)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);

  g_set_object (&self->stages, records);
  _crm_deal_page_fill_stage_menu (self);
  _crm_deal_page_update_fields (self);
  _crm_deal_page_update_actions (self);
}

static void
on_lost_reasons_loaded_cb (GtkWidget  *widget,
                           GListModel *records)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);

  g_set_object (&self->lost_reasons, records);
  _crm_deal_page_update_fields (self);
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
  _crm_deal_page_update_fields (self);
}

static void
load_stages (CrmDealPage *self)
{
  CrmStore *store = _crm_deal_page_get_store (self);
  g_autoptr(CrmQuery) stages = crm_query_new (CRM_TYPE_STAGE);
  g_autoptr(CrmQuery) reasons = crm_query_new (CRM_TYPE_LOST_REASON);
  g_autoptr(CrmQuery) staff = crm_query_new (CRM_TYPE_STAFF_USER);

  crm_query_add_int (stages, "pipeline-id", CRM_QUERY_EQ, crm_deal_get_pipeline_id (self->deal));
  crm_query_set_order (stages, "position", FALSE);
  crm_page_query (GTK_WIDGET (self), store, stages, self->cancellable, on_stages_loaded_cb);

  crm_query_set_order (reasons, "position", FALSE);
  crm_page_query (GTK_WIDGET (self), store, reasons, self->cancellable, on_lost_reasons_loaded_cb);

  crm_query_set_order (staff, "name", FALSE);
  crm_page_query (GTK_WIDGET (self), store, staff, self->cancellable, on_staff_loaded_cb);

  crm_page_load (GTK_WIDGET (self), store, CRM_TYPE_PIPELINE, crm_deal_get_pipeline_id (self->deal),
                 self->cancellable, on_pipeline_loaded_cb);
}

static CrmQuery *
deal_query (CrmDealPage *self,
            GType        type,
            const char  *order,
            gboolean     descending)
{
  CrmQuery *query = crm_query_new (type);

  crm_query_add_int (query, "deal-id", CRM_QUERY_EQ, _crm_deal_page_get_id (self));
  crm_query_set_order (query, order, descending);
  crm_query_set_limit (query, CRM_RELATED_LIMIT);

  return query;
}

void
_crm_deal_page_load_sections (CrmDealPage *self,
                              guint        sections)
{
  CrmStore *store = _crm_deal_page_get_store (self);
  gint64 id = _crm_deal_page_get_id (self);

  if (id == 0 || !crm_related_names_is_ready (self->names))
    return;

  if (sections & SECTION_STAGES)
    load_stages (self);
  if (sections & SECTION_CUSTOMER)
    fill_customer (self);
  if (sections & SECTION_PRODUCTS)
    {
      g_autoptr(CrmQuery) query = deal_query (self, CRM_TYPE_DEAL_PRODUCT, "id", FALSE);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_products_loaded_cb);
    }
  if (sections & SECTION_STAKEHOLDERS)
    {
      g_autoptr(CrmQuery) query = deal_query (self, CRM_TYPE_DEAL_STAKEHOLDER, "id", FALSE);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable,
                      on_stakeholders_loaded_cb);
    }
  if (sections & SECTION_HISTORY)
    {
      g_autoptr(CrmQuery) query = deal_query (self, CRM_TYPE_DEAL_STAGE_HISTORY, "entered", TRUE);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_history_loaded_cb);
    }
  if (sections & SECTION_TIMELINE)
    {
      g_autoptr(CrmQuery) query = crm_related_timeline_query ("deal", id);

      crm_page_query (GTK_WIDGET (self), store, query, self->cancellable, on_timeline_loaded_cb);
    }
  if (sections & SECTION_CUSTOM)
    crm_page_load_custom_fields (self->custom_group, self->custom_list, store, "deal", id,
                                 self->cancellable);
}

static gboolean
on_reload_timeout_cb (gpointer user_data)
{
  CrmDealPage *self = user_data;
  guint pending = self->pending;

  self->reload_id = 0;
  self->pending = 0;
  _crm_deal_page_load_sections (self, pending);

  return G_SOURCE_REMOVE;
}

static void
queue_reload (CrmDealPage *self,
              Section      section)
{
  /* Writes come in bursts (a move: the deal, then its history): one reload each. */
  self->pending |= section;
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (50, on_reload_timeout_cb, self);
}

static void
on_products_changed_cb (CrmDealPage *self)
{
  queue_reload (self, SECTION_PRODUCTS);
}

static void
on_stakeholders_changed_cb (CrmDealPage *self)
{
  queue_reload (self, SECTION_STAKEHOLDERS);
}

static void
on_activity_changed_cb (CrmDealPage *self)
{
  queue_reload (self, SECTION_TIMELINE);
}

static void
on_history_changed_cb (CrmDealPage *self)
{
  queue_reload (self, SECTION_HISTORY);
}

static void
on_stages_changed_cb (CrmDealPage *self)
{
  queue_reload (self, SECTION_STAGES | SECTION_HISTORY);
}

static void
on_customer_changed_cb (CrmDealPage *self)
{
  queue_reload (self, SECTION_CUSTOMER);
}

static void
on_names_ready_cb (CrmDealPage *self)
{
  _crm_deal_page_update_fields (self);
  _crm_deal_page_load_sections (self, SECTION_ALL);
}

static void
on_deal_notify_cb (CrmDealPage *self,
                   GParamSpec  *pspec)
{
  /* Moved to another pipeline (a stage deleted elsewhere): its stages. */
  if (g_strcmp0 (pspec->name, "pipeline-id") == 0)
    queue_reload (self, SECTION_STAGES);
  _crm_deal_page_update_fields (self);
  _crm_deal_page_update_actions (self);
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
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);

  gtk_widget_activate_action (widget, "win.delete-record", "(sx)", "deal",
                              _crm_deal_page_get_id (self));
}

static void
log_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);
  CrmActivityEditor *editor;

  editor = crm_activity_editor_new (self->context, "deal", _crm_deal_page_get_id (self),
                                    g_variant_get_string (param, NULL));
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
show_map_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);

  gtk_widget_activate_action (widget, "win.show-map", "(sx)", "deal",
                              _crm_deal_page_get_id (self));
}

static void
connect_store (CrmDealPage *self)
{
  CrmStore *store = _crm_deal_page_get_store (self);
  static const struct
  {
    const char *signal;
    GCallback   callback;
  } signals[] = {
    { "changed::deal_product", G_CALLBACK (on_products_changed_cb) },
    { "changed::product", G_CALLBACK (on_products_changed_cb) },
    { "changed::deal_stakeholder", G_CALLBACK (on_stakeholders_changed_cb) },
    { "changed::activity", G_CALLBACK (on_activity_changed_cb) },
    { "changed::deal_stage_history", G_CALLBACK (on_history_changed_cb) },
    { "changed::stage", G_CALLBACK (on_stages_changed_cb) },
    { "changed::pipeline", G_CALLBACK (on_stages_changed_cb) },
    { "changed::lost_reason", G_CALLBACK (on_stages_changed_cb) },
    { "changed::staff_user", G_CALLBACK (on_stages_changed_cb) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_object (store, signals[i].signal, signals[i].callback, self,
                             G_CONNECT_SWAPPED);
}

static void
crm_deal_page_constructed (GObject *object)
{
  CrmDealPage *self = CRM_DEAL_PAGE (object);

  G_OBJECT_CLASS (crm_deal_page_parent_class)->constructed (object);

  g_assert (self->context != NULL && self->deal != NULL);

  self->names = crm_related_names_new (_crm_deal_page_get_store (self), self->cancellable);
  g_signal_connect_object (self->names, "ready", G_CALLBACK (on_names_ready_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deal, "notify", G_CALLBACK (on_deal_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deal, "notify::organization-id",
                           G_CALLBACK (on_customer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deal, "notify::person-id",
                           G_CALLBACK (on_customer_changed_cb), self, G_CONNECT_SWAPPED);
  connect_store (self);

  if (_crm_deal_page_get_id (self) != 0)
    crm_stakeholder_map_load_async (_crm_deal_page_get_store (self), CRM_MAP_SCOPE_DEAL,
                                    _crm_deal_page_get_id (self), self->cancellable,
                                    on_map_loaded_cb, g_object_ref (self));

  _crm_deal_page_update_fields (self);
  _crm_deal_page_apply_editing (self);
}

static void
crm_deal_page_dispose (GObject *object)
{
  GtkWidget *child;
  CrmDealPage *self = CRM_DEAL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->deal != NULL)
    g_signal_handlers_disconnect_by_data (self->deal, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_DEAL_PAGE);
  /* The header bar and the scrolled window are not bound children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->names);
  g_clear_object (&self->map);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->stages);
  g_clear_object (&self->staff);
  g_clear_object (&self->lost_reasons);
  g_clear_object (&self->stage_menu);
  g_clear_object (&self->deal);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_deal_page_parent_class)->dispose (object);
}

static void
crm_deal_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CrmDealPage *self = CRM_DEAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_RECORD:
      g_value_set_object (value, self->deal);
      break;

    case PROP_EDITING:
      g_value_set_boolean (value, self->editing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_deal_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CrmDealPage *self = CRM_DEAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_RECORD:
      self->deal = g_value_dup_object (value);
      break;

    case PROP_EDITING:
      crm_deal_page_set_editing (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, CrmDealPage, name)

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/crm-deal-page.ui");
  BIND (window_title);
  BIND (back_button);
  BIND (cancel_button);
  BIND (edit_button);
  BIND (done_button);
  BIND (menu_button);
  BIND (stage_button);
  BIND (avatar);
  BIND (name_label);
  BIND (amount_label);
  BIND (state_label);
  BIND (headline_label);
  BIND (error_label);
  BIND (edit_group);
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
  BIND (timeline_group);
  BIND (history_group);
  BIND (custom_group);
}

#undef BIND

static void
crm_deal_page_class_init (CrmDealPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_deal_page_constructed;
  object_class->dispose = crm_deal_page_dispose;
  object_class->get_property = crm_deal_page_get_property;
  object_class->set_property = crm_deal_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmDealPage:record:
   *
   * The deal shown.
   */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CRM_TYPE_DEAL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmDealPage:editing:
   *
   * Whether the details show as entries; "Done" checks and saves them.
   */
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "record-page");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "page.edit", NULL, _crm_deal_page_edit_action);
  gtk_widget_class_install_action (widget_class, "page.done", NULL, _crm_deal_page_done_action);
  gtk_widget_class_install_action (widget_class, "page.cancel", NULL,
                                   _crm_deal_page_cancel_action);
  gtk_widget_class_install_action (widget_class, "page.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "page.log-activity", "s", log_activity_action);
  gtk_widget_class_install_action (widget_class, "page.show-map", NULL, show_map_action);
  gtk_widget_class_install_action (widget_class, "page.move-to-stage", "x",
                                   _crm_deal_page_move_action);
  gtk_widget_class_install_action (widget_class, "page.add-product", NULL,
                                   _crm_deal_page_add_product_action);
  gtk_widget_class_install_action (widget_class, "page.remove-product", "x",
                                   _crm_deal_page_remove_product_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "page.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "page.done", NULL);

  bind_template (widget_class);
}

static void
crm_deal_page_init (CrmDealPage *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->stage_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->stage_button, G_MENU_MODEL (self->stage_menu));

  self->customer_list = crm_page_add_list (self->customer_group, "customer-list",
                                           _("No customer"));
  self->products_list = crm_page_add_list (self->products_group, "products-list",
                                           _("No products"));
  self->stakeholders_list = crm_page_add_list (self->stakeholders_group, "stakeholders-list",
                                               _("No stakeholders yet: add them on the map"));
  self->insights_list = crm_page_add_list (self->insights_group, "insights-list", "");
  self->timeline_list = crm_page_add_list (self->timeline_group, "timeline-list",
                                           _("No activities yet"));
  self->history_list = crm_page_add_list (self->history_group, "history-list",
                                          _("No stage history"));
  self->custom_list = crm_page_add_list (self->custom_group, "custom-list", "");

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

  return self->deal;
}

gboolean
crm_deal_page_get_editing (CrmDealPage *self)
{
  g_return_val_if_fail (CRM_IS_DEAL_PAGE (self), FALSE);

  return self->editing;
}

void
crm_deal_page_set_editing (CrmDealPage *self,
                           gboolean     editing)
{
  g_return_if_fail (CRM_IS_DEAL_PAGE (self));

  editing = !!editing;
  if (self->editing == editing)
    return;

  self->editing = editing;
  if (self->context != NULL)
    _crm_deal_page_apply_editing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

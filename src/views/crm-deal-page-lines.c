/* crm-deal-page-lines.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deal page's lists of people and things: the product lines (added in a
 * dialog, removed with undo; their sum is shown beside the deal's amount,
 * which stays as it was set), the stakeholders with their deal roles, and
 * the coverage insights of the deal's stakeholder map.
 */

#define G_LOG_DOMAIN "CrmDealPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-deal-page-private.h"
#include "crm-deal-product.h"
#include "crm-deal-stakeholder.h"
#include "crm-format.h"
#include "crm-page-util.h"
#include "crm-person.h"
#include "crm-product.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-stakeholder-coverage.h"
#include "crm-store.h"
#include "crm-window.h"
#include "crm-window-private.h"

#define MAX_QUANTITY 1000000

static void
clear_rows (GtkListBox *list)
{
  GtkListBoxRow *child;

  while ((child = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (child));
}

/* Products. */

static GtkWidget *
new_remove_button (gint64 line_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove Product"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Product"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "page.remove-product");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", line_id);

  return button;
}

static GtkWidget *
new_product_row (CrmDealPage    *self,
                 CrmDealProduct *line,
                 gint64          total)
{
  CrmRecordPage *page = CRM_RECORD_PAGE (self);
  const char *currency = crm_deal_get_currency (_crm_deal_page_get_deal (self));
  g_autofree char *quantity = crm_format_count (crm_deal_product_get_quantity (line));
  g_autofree char *price = crm_format_money (crm_deal_product_get_unit_price (line), currency);
  g_autofree char *total_text = crm_format_money (total, currency);
  /* Translators: a product line's quantity and unit price, "3 × ¥1,200.00" */
  g_autofree char *subtitle = g_strdup_printf (C_("product line", "%1$s × %2$s"), quantity, price);
  AdwActionRow *row = crm_page_new_row ("", subtitle);
  GtkWidget *label = gtk_label_new (total_text);

  gtk_widget_set_name (GTK_WIDGET (row), "product-row");
  crm_page_row_load_title (row, crm_record_page_get_store (page), CRM_TYPE_PRODUCT,
                           crm_deal_product_get_product_id (line),
                           crm_record_page_get_cancellable (page));
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (row, label);
  adw_action_row_add_suffix (row, new_remove_button (crm_record_get_id (CRM_RECORD (line))));

  return GTK_WIDGET (row);
}

void
_crm_deal_page_fill_products (CrmDealPage *self,
                              GListModel  *lines)
{
  CrmDeal *deal = _crm_deal_page_get_deal (self);
  const char *currency = crm_deal_get_currency (deal);
  guint n = g_list_model_get_n_items (lines);
  g_autofree char *sum_text = NULL;
  g_autofree char *description = NULL;
  gint64 sum = 0;

  clear_rows (self->products_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmDealProduct) line = g_list_model_get_item (lines, i);
      gint64 total = crm_deal_product_get_quantity (line) * crm_deal_product_get_unit_price (line);

      sum += total;
      gtk_list_box_append (self->products_list, new_product_row (self, line, total));
    }

  if (n > 0)
    {
      g_autofree char *amount = crm_format_money (crm_deal_get_amount (deal), currency);

      sum_text = crm_format_money (sum, currency);
      if (sum == crm_deal_get_amount (deal))
        /* Translators: %s is an amount of money */
        description = g_strdup_printf (_("The lines add up to %s, the deal’s amount."), sum_text);
      else
        /* Translators: both are amounts of money */
        description = g_strdup_printf (_("The lines add up to %1$s; the deal’s amount is %2$s."),
                                       sum_text, amount);
    }
  adw_preferences_group_set_description (self->products_group, description);
}

typedef struct
{
  CrmDealPage   *page;
  GListModel    *products;   /* CrmProduct, active ones by name */
  AdwComboRow   *product_combo;
  GtkSpinButton *quantity_spin;
  AdwEntryRow   *price_entry;
} AddProduct;

static void
add_product_free (gpointer data)
{
  AddProduct *add = data;

  g_clear_object (&add->page);
  g_clear_object (&add->products);
  g_free (add);
}

static CrmProduct *
selected_product (AddProduct *add)
{
  guint selected = adw_combo_row_get_selected (add->product_combo);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_list_model_get_n_items (add->products))
    return NULL;

  return g_list_model_get_item (add->products, selected);
}

/* The unit price typed, in the deal's minor units; FALSE when it is none, or
 * a line total would not fit. */
static gboolean
parse_price (AddProduct *add,
             gint64     *price)
{
  g_autofree char *text = crm_page_dup_entry (add->price_entry);
  const char *currency = crm_deal_get_currency (_crm_deal_page_get_deal (add->page));
  int quantity = gtk_spin_button_get_value_as_int (add->quantity_spin);

  return text[0] != '\0' && crm_page_parse_amount (text, currency, price) &&
         quantity > 0 && *price <= G_MAXINT64 / MAX_QUANTITY;
}

static void
update_add_response (AdwMessageDialog *dialog,
                     AddProduct       *add)
{
  g_autoptr(CrmProduct) product = selected_product (add);
  gint64 price = 0;
  gboolean valid = product != NULL && parse_price (add, &price);
  g_autofree char *text = crm_page_dup_entry (add->price_entry);

  adw_message_dialog_set_response_enabled (dialog, "add", valid);
  if (!valid && text[0] != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (add->price_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (add->price_entry), "error");
}

static void
on_product_selected_cb (AdwMessageDialog *dialog)
{
  AddProduct *add = g_object_get_data (G_OBJECT (dialog), "crm-add-product");
  g_autoptr(CrmProduct) product = selected_product (add);
  const char *currency = crm_deal_get_currency (_crm_deal_page_get_deal (add->page));
  g_autofree char *price = NULL;

  /* The list price, when it is in the deal's currency. */
  if (product != NULL && g_strcmp0 (crm_product_get_currency (product), currency) == 0)
    price = crm_page_format_amount (crm_product_get_price (product), currency);
  crm_page_set_entry (add->price_entry, price);
  update_add_response (dialog, add);
}

static void
on_add_input_changed_cb (AdwMessageDialog *dialog)
{
  update_add_response (dialog, g_object_get_data (G_OBJECT (dialog), "crm-add-product"));
}

static void
on_line_inserted_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmDealPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_store_insert_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    crm_window_toast_for (GTK_WIDGET (self),
                          adw_toast_new (_("The product could not be added. Try again.")));
}

static void
on_add_response_cb (AdwMessageDialog *dialog,
                    const char       *response)
{
  AddProduct *add = g_object_get_data (G_OBJECT (dialog), "crm-add-product");
  CrmRecordPage *page = CRM_RECORD_PAGE (add->page);
  g_autoptr(CrmProduct) product = selected_product (add);
  g_autoptr(CrmDealProduct) line = NULL;
  gint64 price = 0;

  if (g_strcmp0 (response, "add") != 0 || product == NULL || !parse_price (add, &price))
    return;

  line = g_object_new (CRM_TYPE_DEAL_PRODUCT, NULL);
  crm_deal_product_set_deal_id (line, crm_record_page_get_id (page));
  crm_deal_product_set_product_id (line, crm_record_get_id (CRM_RECORD (product)));
  crm_deal_product_set_quantity (line, gtk_spin_button_get_value_as_int (add->quantity_spin));
  crm_deal_product_set_unit_price (line, price);
  crm_store_insert_async (crm_record_page_get_store (page), CRM_RECORD (line),
                          crm_record_page_get_cancellable (page), on_line_inserted_cb,
                          g_object_ref (add->page));
}

static GtkWidget *
build_add_form (AddProduct *add)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());
  GtkWidget *quantity_row = adw_action_row_new ();
  g_autofree char *price_title = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (add->products); i++)
    {
      g_autoptr(CrmProduct) product = g_list_model_get_item (add->products, i);

      gtk_string_list_append (names, crm_product_get_name (product));
    }

  add->product_combo = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->product_combo), _("Product"));
  adw_combo_row_set_model (add->product_combo, G_LIST_MODEL (names));
  g_object_unref (names);

  add->quantity_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, MAX_QUANTITY, 1));
  gtk_widget_set_valign (GTK_WIDGET (add->quantity_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add->quantity_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quantity"), -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (quantity_row), _("Quantity"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (quantity_row), GTK_WIDGET (add->quantity_spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (quantity_row),
                                         GTK_WIDGET (add->quantity_spin));

  add->price_entry = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* Translators: %s is a currency code such as CNY */
  price_title = g_strdup_printf (_("Unit Price (%s)"),
                                 crm_deal_get_currency (_crm_deal_page_get_deal (add->page)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add->price_entry), price_title);

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_list_box_append (list, GTK_WIDGET (add->product_combo));
  gtk_list_box_append (list, quantity_row);
  gtk_list_box_append (list, GTK_WIDGET (add->price_entry));

  return GTK_WIDGET (list);
}

static void
on_products_for_add_cb (GtkWidget  *widget,
                        GListModel *records)
{
  CrmDealPage *self = CRM_DEAL_PAGE (widget);
  AddProduct *add = g_new0 (AddProduct, 1);
  GListStore *active = g_list_store_new (CRM_TYPE_PRODUCT);
  AdwMessageDialog *dialog;

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(CrmProduct) product = g_list_model_get_item (records, i);

      if (crm_product_get_active (product))
        g_list_store_append (active, product);
    }
  add->page = g_object_ref (self);
  add->products = G_LIST_MODEL (active);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Add Product"), NULL));
  adw_message_dialog_set_body (dialog, g_list_model_get_n_items (add->products) > 0
                                       ? _("The deal’s amount stays as it is; the page shows the "
                                           "sum of the lines beside it.")
                                       : _("There are no products to add yet."));
  adw_message_dialog_set_extra_child (dialog, build_add_form (add));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "crm-add-product", add, add_product_free);

  g_signal_connect_swapped (add->product_combo, "notify::selected",
                            G_CALLBACK (on_product_selected_cb), dialog);
  g_signal_connect_swapped (add->price_entry, "changed",
                            G_CALLBACK (on_add_input_changed_cb), dialog);
  g_signal_connect_swapped (add->quantity_spin, "value-changed",
                            G_CALLBACK (on_add_input_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_response_cb), NULL);
  on_product_selected_cb (dialog);

  gtk_window_present (GTK_WINDOW (dialog));
}

void
_crm_deal_page_add_product_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  CrmRecordPage *page = CRM_RECORD_PAGE (widget);
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_PRODUCT);

  crm_query_set_order (query, "name", FALSE);
  crm_page_query (widget, crm_record_page_get_store (page), query,
                  crm_record_page_get_cancellable (page), on_products_for_add_cb);
}

static void
restore_line (CrmWindow *window,
              gpointer   data)
{
  CrmRecord *line = data;
  CrmStore *store = crm_record_get_store (line);

  /* The database that held it may have been closed since. */
  if (store != NULL && crm_window_get_context (window) != NULL &&
      crm_context_get_store (crm_window_get_context (window)) == store)
    crm_store_trash_async (store, line, FALSE, NULL, NULL, NULL);
}

static void
on_line_for_remove_cb (GtkWidget *widget,
                       CrmRecord *line)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwToast *toast;

  if (crm_record_get_trashed (line))
    return;

  crm_store_trash_async (crm_record_page_get_store (CRM_RECORD_PAGE (widget)), line, TRUE,
                         NULL, NULL, NULL);
  toast = adw_toast_new (_("Product removed from the deal"));
  if (CRM_IS_WINDOW (root))
    {
      _crm_window_push_undo (CRM_WINDOW (root), restore_line, g_object_ref (line), g_object_unref);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  crm_window_toast_for (widget, toast);
}

void
_crm_deal_page_remove_product_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  CrmRecordPage *page = CRM_RECORD_PAGE (widget);

  crm_page_load (widget, crm_record_page_get_store (page), CRM_TYPE_DEAL_PRODUCT,
                 g_variant_get_int64 (param), crm_record_page_get_cancellable (page),
                 on_line_for_remove_cb);
}

/* Stakeholders. */

static char *
describe_stakeholder (CrmDealStakeholder *stakeholder)
{
  const char *role = crm_page_describe_key ("role", crm_deal_stakeholder_get_role (stakeholder));
  const char *influence = crm_page_describe_key ("influence",
                                                 crm_deal_stakeholder_get_influence (stakeholder));
  const char *attitude = crm_page_describe_key ("attitude",
                                                crm_deal_stakeholder_get_attitude (stakeholder));

  if (role[0] != '\0')
    /* Translators: a stakeholder's deal role, influence and attitude,
     * "Decision Maker · High influence · Supporter" */
    return g_strdup_printf (C_("deal stakeholder", "%1$s · %2$s influence · %3$s"),
                            role, influence, attitude);

  /* Translators: a stakeholder's influence and attitude, "High influence · Supporter" */
  return g_strdup_printf (C_("deal stakeholder", "%1$s influence · %2$s"), influence, attitude);
}

void
_crm_deal_page_fill_stakeholders (CrmDealPage *self,
                                  GListModel  *stakeholders)
{
  CrmRecordPage *page = CRM_RECORD_PAGE (self);
  guint n = g_list_model_get_n_items (stakeholders);

  clear_rows (self->stakeholders_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmDealStakeholder) stakeholder = g_list_model_get_item (stakeholders, i);
      g_autofree char *subtitle = describe_stakeholder (stakeholder);
      gint64 person = crm_deal_stakeholder_get_person_id (stakeholder);
      AdwActionRow *row = crm_page_new_row ("", subtitle);

      gtk_widget_set_name (GTK_WIDGET (row), "stakeholder-row");
      crm_page_row_load_title (row, crm_record_page_get_store (page), CRM_TYPE_PERSON, person,
                               crm_record_page_get_cancellable (page));
      crm_page_row_set_target (row, "person", person);
      gtk_list_box_append (self->stakeholders_list, GTK_WIDGET (row));
    }
}

void
_crm_deal_page_update_insights (CrmDealPage *self)
{
  CrmContext *context = crm_record_page_get_context (CRM_RECORD_PAGE (self));
  CrmCoverageRules rules;
  g_autoptr(GArray) findings = NULL;

  clear_rows (self->insights_list);
  if (self->map == NULL)
    return;

  crm_coverage_rules_init (&rules, crm_context_get_now (context));
  rules.stale_days = crm_page_get_stale_days (context);
  findings = crm_stakeholder_coverage (self->map, &rules);

  for (guint i = 0; i < findings->len; i++)
    {
      const CrmCoverageFinding *finding = &g_array_index (findings, CrmCoverageFinding, i);
      AdwActionRow *row = crm_page_new_insight_row (finding, self->map, &rules);

      /* A finding about someone opens their page. */
      if (finding->person_id != 0)
        crm_page_row_set_target (row, "person", finding->person_id);
      gtk_list_box_append (self->insights_list, GTK_WIDGET (row));
    }

  adw_preferences_group_set_description (self->insights_group,
                                         findings->len == 0
                                         ? _("No gaps: the people who decide are known and engaged.")
                                         : _("What to act on, read off the deal’s stakeholder map."));
  gtk_widget_set_visible (GTK_WIDGET (self->insights_list), findings->len > 0);
}

/* crm-people-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The people table.  Only columns with an index (name, city, total spend,
 * last purchase, RFM score) sort: the rest would sort a million rows without
 * one.
 */

#define G_LOG_DOMAIN "CrmPeopleView"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-people-view.h"
#include "crm-filter.h"
#include "crm-format.h"
#include "crm-page-util.h"
#include "crm-person.h"
#include "crm-paged-model.h"
#include "crm-query.h"
#include "crm-record.h"

struct _CrmPeopleView
{
  CrmView        parent_instance;

  /* template widgets */
  GtkStack      *stack;
  GtkColumnView *column_view;
  GtkRevealer   *filter_bar;
  GtkLabel      *filter_label;
  GtkRevealer   *selection_bar;
  GtkLabel      *selection_label;
  GtkMenuButton *columns_button;
};

G_DEFINE_FINAL_TYPE (CrmPeopleView, crm_people_view, CRM_TYPE_VIEW)

static char *
text_cell (CrmRecord  *record,
           const char *property)
{
  return g_strdup (crm_record_get_text (record, property));
}

static char *
name_cell (CrmView *view, CrmRecord *record)
{
  return text_cell (record, "display-name");
}

static char *
email_cell (CrmView *view, CrmRecord *record)
{
  return text_cell (record, "email");
}

static char *
phone_cell (CrmView *view, CrmRecord *record)
{
  /* Spaced as on the person's page: "+1 415 555 0132". */
  return crm_page_format_phone (crm_record_get_text (record, "phone"));
}

static char *
city_cell (CrmView *view, CrmRecord *record)
{
  return text_cell (record, "city");
}

/* BCP 47 tags by their name in the interface language ("zh-CN" → "Chinese (China)"). */
static char *
language_cell (CrmView *view, CrmRecord *record)
{
  return crm_format_language (crm_record_get_text (record, "language"));
}

static char *
gender_cell (CrmView *view, CrmRecord *record)
{
  const CrmFilterField *field = crm_filter_find_field ("person", "gender");
  const char *key = crm_record_get_text (record, "gender");

  for (guint i = 0; field != NULL && i < field->n_choices; i++)
    if (g_strcmp0 (field->choices[i].key, key) == 0)
      return g_strdup (crm_filter_choice_get_label (&field->choices[i]));
  return g_strdup (key);
}

static char *
customer_since_cell (CrmView *view, CrmRecord *record)
{
  const char *since = crm_record_get_text (record, "customer-since");
  char *date = since != NULL && since[0] != '\0' ? crm_format_iso_date (since) : NULL;

  return date != NULL ? date : g_strdup ("");
}

static char *
orders_cell (CrmView *view, CrmRecord *record)
{
  return crm_format_count (crm_record_get_int (record, "order-count"));
}

static char *
total_spend_cell (CrmView *view, CrmRecord *record)
{
  CrmContext *context = crm_view_get_context (view);
  g_autofree char *currency = NULL;

  if (context == NULL)
    return g_strdup ("");
  /* Orders carry their currency; the total is kept in the default one. */
  currency = g_settings_get_string (crm_context_get_settings (context), "default-currency");
  return crm_format_money (crm_record_get_int (record, "total-spend"), currency);
}

static char *
last_purchase_cell (CrmView *view, CrmRecord *record)
{
  gint64 when = crm_record_get_int (record, "last-purchase");

  return when > 0 ? crm_format_date (when) : g_strdup ("");
}

static char *
rfm_cell (CrmView *view, CrmRecord *record)
{
  gint64 score = crm_record_get_int (record, "rfm-score");

  return score > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, score) : g_strdup ("");
}

static const CrmViewColumn columns[] = {
  { "name", N_("Name"), "", name_cell, CRM_VIEW_COLUMN_EXPAND, 20 },
  { "email", N_("Email"), NULL, email_cell, CRM_VIEW_COLUMN_OPTIONAL, 22 },
  { "phone", N_("Phone"), NULL, phone_cell, CRM_VIEW_COLUMN_OPTIONAL, 17 },
  { "city", N_("City"), "city", city_cell, CRM_VIEW_COLUMN_OPTIONAL },
  { "language", N_("Language"), NULL, language_cell, CRM_VIEW_COLUMN_HIDDEN },
  { "gender", N_("Gender"), NULL, gender_cell, CRM_VIEW_COLUMN_HIDDEN },
  { "customer-since", N_("Customer Since"), NULL, customer_since_cell, CRM_VIEW_COLUMN_HIDDEN },
  { "orders", N_("Orders"), NULL, orders_cell, CRM_VIEW_COLUMN_NUMERIC | CRM_VIEW_COLUMN_OPTIONAL },
  { "total-spend", N_("Total Spend"), "total-spend", total_spend_cell,
    CRM_VIEW_COLUMN_NUMERIC | CRM_VIEW_COLUMN_OPTIONAL, 14 },
  { "last-purchase", N_("Last Purchase"), "last-purchase", last_purchase_cell, CRM_VIEW_COLUMN_OPTIONAL },
  { "rfm-score", N_("RFM Score"), "rfm-score", rfm_cell,
    CRM_VIEW_COLUMN_NUMERIC | CRM_VIEW_COLUMN_OPTIONAL },
};

/* @search narrows the table when code sets it (the import assistant shows
 * what it added this way); the header entry does not, see
 * crm_view_get_follows_header_search(). */
static CrmQuery *
crm_people_view_create_query (CrmView    *view,
                              const char *search)
{
  CrmQuery *query = crm_query_new (CRM_TYPE_PERSON);

  if (search[0] != '\0')
    crm_query_add_text (query, "display-name", CRM_QUERY_CONTAINS, search);

  return query;
}

static void
crm_people_view_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_PEOPLE_VIEW);

  G_OBJECT_CLASS (crm_people_view_parent_class)->dispose (object);
}

static void
crm_people_view_class_init (CrmPeopleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmViewClass *view_class = CRM_VIEW_CLASS (klass);

  object_class->dispose = crm_people_view_dispose;
  view_class->create_query = crm_people_view_create_query;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/crm-people-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPeopleView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmPeopleView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CrmPeopleView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmPeopleView, filter_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPeopleView, selection_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmPeopleView, selection_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPeopleView, columns_button);

  g_type_ensure (CRM_TYPE_PERSON);
}

static void
crm_people_view_init (CrmPeopleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  crm_view_set_table (CRM_VIEW (self), self->column_view, self->stack, columns, G_N_ELEMENTS (columns));
  crm_view_set_bars (CRM_VIEW (self), self->filter_bar, self->filter_label,
                     self->selection_bar, self->selection_label);
  crm_view_set_columns_button (CRM_VIEW (self), self->columns_button);
}

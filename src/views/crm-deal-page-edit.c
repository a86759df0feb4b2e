/* crm-deal-page-edit.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deal page's edit mode: name, amount and currency, expected close (typed
 * or picked from a calendar), owner, and the deal's own win probability
 * (off: the stage's counts).  Checked on "Done" — a name, a currency code, an
 * amount in the currency's minor digits, a real date — and saved only when
 * all are valid.
 */

#define G_LOG_DOMAIN "CrmDealPage"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-deal-page-private.h"
#include "crm-page-util.h"
#include "crm-record.h"
#include "crm-staff-user.h"
#include "crm-stage.h"
#include "crm-store.h"

/* The owner choices: "Nobody", then the staff users by name. */
void
_crm_deal_page_fill_owners (CrmDealPage *self)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  guint n = self->staff != NULL ? g_list_model_get_n_items (self->staff) : 0;

  gtk_string_list_append (labels, C_("deal owner", "Nobody"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmStaffUser) user = g_list_model_get_item (self->staff, i);

      gtk_string_list_append (labels, crm_staff_user_get_name (user));
    }
  adw_combo_row_set_model (self->owner_combo, G_LIST_MODEL (labels));
  g_object_unref (labels);
}

static guint
owner_index (CrmDealPage *self,
             gint64       owner_id)
{
  guint n = self->staff != NULL ? g_list_model_get_n_items (self->staff) : 0;

  for (guint i = 0; i < n && owner_id != 0; i++)
    {
      g_autoptr(CrmRecord) user = g_list_model_get_item (self->staff, i);

      if (crm_record_get_id (user) == owner_id)
        return i + 1;
    }

  return 0;
}

static gint64
selected_owner (CrmDealPage *self)
{
  guint selected = adw_combo_row_get_selected (self->owner_combo);
  g_autoptr(CrmRecord) user = NULL;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || self->staff == NULL ||
      selected > g_list_model_get_n_items (self->staff))
    return 0;

  user = g_list_model_get_item (self->staff, selected - 1);
  return crm_record_get_id (user);
}

static void
fill_entries (CrmDealPage *self)
{
  CrmDeal *d = _crm_deal_page_get_deal (self);
  CrmStage *stage = _crm_deal_page_find_stage (self, crm_deal_get_stage_id (d));
  g_autofree char *amount = crm_page_format_amount (crm_deal_get_amount (d),
                                                    crm_deal_get_currency (d));
  gint64 own = crm_deal_get_probability (d);

  crm_page_set_entry (self->name_entry, crm_deal_get_name (d));
  crm_page_set_entry (self->amount_entry, amount);
  crm_page_set_entry (self->currency_entry, crm_deal_get_currency (d));
  crm_page_set_entry (self->close_entry, crm_deal_get_expected_close (d));
  adw_combo_row_set_selected (self->owner_combo, owner_index (self, crm_deal_get_owner_id (d)));

  /* Off, the spin shows the stage's probability: switching on starts there. */
  gtk_switch_set_active (self->probability_switch, own >= 0);
  gtk_spin_button_set_value (self->probability_spin,
                             own >= 0 ? own : stage != NULL ? crm_stage_get_probability (stage) : 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->probability_spin), own >= 0);
}

void
_crm_deal_page_apply_editing (CrmRecordPage *page,
                              gboolean       editing)
{
  CrmDealPage *self = CRM_DEAL_PAGE (page);

  gtk_widget_set_visible (GTK_WIDGET (self->details_group), !editing);

  if (editing)
    {
      fill_entries (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
    }
}

typedef struct
{
  char   *name;
  char   *currency;
  char   *close;
  gint64  amount;
} Checked;

static void
checked_clear (Checked *checked)
{
  g_free (checked->name);
  g_free (checked->currency);
  g_free (checked->close);
}

static gboolean
validate (CrmDealPage     *self,
          Checked         *checked,
          CrmPageProblems *problems)
{
  g_autofree char *amount = crm_page_dup_entry (self->amount_entry);

  checked->name = crm_page_dup_entry (self->name_entry);
  if (checked->name[0] == '\0')
    crm_page_report (problems, self->name_entry, _("A name is required."));

  checked->currency = crm_page_check_currency (self->currency_entry, problems);
  if (amount[0] != '\0' &&
      !crm_page_parse_amount (amount, checked->currency != NULL ? checked->currency : "USD",
                              &checked->amount))
    crm_page_report (problems, self->amount_entry,
                     _("The amount must be a number such as 120,000 or 120000.50, with no more "
                       "decimals than the currency has."));

  checked->close = crm_page_check_date (self->close_entry,
                                        _("The expected close must be a date written as "
                                          "YYYY-MM-DD, such as 2026-12-31."),
                                        problems);

  return problems->messages->len == 0;
}

static void
store_entries (CrmDealPage *self,
               Checked     *checked)
{
  CrmDeal *d = _crm_deal_page_get_deal (self);
  CrmRecord *record = CRM_RECORD (d);
  gint64 owner = selected_owner (self);
  gint64 probability = gtk_switch_get_active (self->probability_switch)
                       ? gtk_spin_button_get_value_as_int (self->probability_spin) : -1;

  crm_page_set_text_if_changed (record, "name", checked->name);
  crm_page_set_text_if_changed (record, "currency", checked->currency);
  crm_page_set_text_if_changed (record, "expected-close", checked->close);
  if (crm_deal_get_amount (d) != checked->amount)
    crm_deal_set_amount (d, checked->amount);
  if (crm_deal_get_owner_id (d) != owner)
    crm_deal_set_owner_id (d, owner);
  if (crm_deal_get_probability (d) != probability)
    crm_deal_set_probability (d, probability);
}

gboolean
_crm_deal_page_commit (CrmRecordPage   *page,
                       CrmPageProblems *problems)
{
  CrmDealPage *self = CRM_DEAL_PAGE (page);
  Checked checked = { NULL, NULL, NULL, 0 };
  gboolean valid = validate (self, &checked, problems);

  if (valid)
    store_entries (self, &checked);
  checked_clear (&checked);

  return valid;
}

static void
on_probability_switch_cb (CrmDealPage *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->probability_spin),
                            gtk_switch_get_active (self->probability_switch));
}

static void
on_day_selected_cb (GtkCalendar *calendar,
                    CrmDealPage *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  crm_page_set_entry (self->close_entry, text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
on_calendar_show_cb (GtkWidget   *popover,
                     CrmDealPage *self)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (GTK_POPOVER (popover)));
  g_autofree char *text = crm_page_dup_entry (self->close_entry);
  int year, month, day;

  /* The calendar opens on the date typed, else on today. */
  if (sscanf (text, "%4d-%2d-%2d", &year, &month, &day) == 3 && g_date_valid_dmy (day, month, year))
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (year, month, day, 12, 0, 0);

      g_signal_handlers_block_by_func (calendar, on_day_selected_cb, self);
      gtk_calendar_select_day (calendar, date);
      g_signal_handlers_unblock_by_func (calendar, on_day_selected_cb, self);
    }
}

static void
add_calendar_button (CrmDealPage *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Date"), -1);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self);
  g_signal_connect (popover, "show", G_CALLBACK (on_calendar_show_cb), self);
  adw_entry_row_add_suffix (self->close_entry, button);
}

void
_crm_deal_page_init_edit (CrmDealPage *self)
{
  AdwEntryRow *entries[] = {
    self->name_entry, self->amount_entry, self->currency_entry, self->close_entry,
  };

  /* The error state goes as soon as the value is touched. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect (entries[i], "changed", G_CALLBACK (crm_page_clear_error), NULL);

  g_signal_connect_swapped (self->probability_switch, "notify::active",
                            G_CALLBACK (on_probability_switch_cb), self);
  add_calendar_button (self);
  _crm_deal_page_fill_owners (self);
}

/* crm-page-util.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmPage"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-keys.h"
#include "crm-page-util.h"
#include "crm-activity.h"
#include "crm-affiliation.h"
#include "crm-format.h"
#include "crm-organization.h"
#include "crm-person.h"
#include "crm-phone.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-store.h"

const char *
crm_page_describe_key (const char *domain,
                       const char *key)
{
  return crm_keys_get_label (domain, key);
}

const char * const *
crm_page_list_keys (const char *domain)
{
  static GHashTable *lists;
  const CrmKeyName *names;
  const char **keys;
  guint n;

  names = crm_keys_list (domain, &n);
  g_return_val_if_fail (names != NULL, NULL);

  if (lists == NULL)
    lists = g_hash_table_new (g_str_hash, g_str_equal);

  keys = g_hash_table_lookup (lists, domain);
  if (keys == NULL)
    {
      keys = g_new0 (const char *, n + 1);
      for (guint i = 0; i < n; i++)
        keys[i] = names[i].key;
      g_hash_table_insert (lists, (gpointer) g_intern_string (domain), keys);
    }

  return keys;
}

static gboolean
has_cjk (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
          script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL)
        return TRUE;
    }

  return FALSE;
}

char *
crm_page_compose_name (const char *given,
                       const char *family)
{
  g_autofree char *g = g_strstrip (g_strdup (given != NULL ? given : ""));
  g_autofree char *f = g_strstrip (g_strdup (family != NULL ? family : ""));

  if (g[0] == '\0' || f[0] == '\0')
    return g_strconcat (g, f, NULL);

  /* Chinese, Japanese and Korean names: family name first, no space. */
  if (has_cjk (g) || has_cjk (f))
    return g_strconcat (f, g, NULL);

  return g_strconcat (g, " ", f, NULL);
}

int
crm_page_age_from_birth_date (const char *birth_date,
                              gint64      today)
{
  g_autoptr(GDateTime) now = NULL;
  int year, month, day, age;

  if (birth_date == NULL || sscanf (birth_date, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return -1;

  now = g_date_time_new_from_unix_local (today);
  age = g_date_time_get_year (now) - year;
  if (g_date_time_get_month (now) < month ||
      (g_date_time_get_month (now) == month && g_date_time_get_day_of_month (now) < day))
    age--;

  return age >= 0 ? age : -1;
}

char *
crm_page_format_phone (const char *phone)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) text = NULL;
  const char *national;
  guint cc_length = 0, length;
  const guint *groups;
  static const guint g7[] = { 3, 4, 0 }, g8[] = { 4, 4, 0 }, g9[] = { 3, 3, 3, 0 },
                     g10[] = { 3, 3, 4, 0 }, g11[] = { 3, 4, 4, 0 }, g4[] = { 4, 0 };

  if (phone == NULL || phone[0] == '\0')
    return g_strdup ("");

  parts = g_strsplit (phone, ";ext=", 2);
  if (!crm_phone_is_e164 (parts[0]))
    return g_strdup (phone);

  /* The country code is the shortest prefix the numbering plans know. */
  for (guint n = 1; n <= 3 && cc_length == 0; n++)
    {
      g_autofree char *prefix = g_strndup (parts[0], n + 1);

      if (crm_phone_get_region (prefix) != NULL)
        cc_length = n;
    }
  if (cc_length == 0)
    return g_strdup (phone);

  national = parts[0] + 1 + cc_length;
  length = strlen (national);
  groups = length == 7 ? g7 : length == 8 ? g8 : length == 9 ? g9 : length == 10 ? g10
           : length == 11 ? g11 : g4;

  text = g_string_new ("+");
  g_string_append_len (text, parts[0] + 1, cc_length);
  for (guint i = 0; *national != '\0'; i++)
    {
      gsize left = strlen (national);
      /* Lengths without a pattern go in fours; a pattern's last group takes
       * what is left. */
      gsize size = groups == g4 ? 4 : groups[i + 1] == 0 ? left : groups[i];

      size = MIN (size, left);
      g_string_append_c (text, ' ');
      g_string_append_len (text, national, size);
      national += size;
    }

  if (parts[1] != NULL && parts[1][0] != '\0')
    {
      g_autofree char *number = g_string_free (g_steal_pointer (&text), FALSE);

      /* Translators: a phone number and its extension, "+1 415 555 0132 ext. 7" */
      return g_strdup_printf (_("%1$s ext. %2$s"), number, parts[1]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  GtkWidget         *widget;
  CrmPageLoadedFunc  loaded;
  CrmPageRecordFunc  record;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->widget);
  g_free (data);
}

static void
on_query_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = crm_store_query_finish (CRM_STORE (object), result, &error);

  if (records != NULL)
    data->loaded (data->widget, records);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
    g_warning ("Could not load a list: %s", error->message);

  load_data_free (data);
}

void
crm_page_query (GtkWidget         *widget,
                CrmStore          *store,
                CrmQuery          *query,
                GCancellable      *cancellable,
                CrmPageLoadedFunc  func)
{
  LoadData *data = g_new0 (LoadData, 1);

  data->widget = g_object_ref (widget);
  data->loaded = func;
  crm_store_query_async (store, query, cancellable, on_query_done_cb, data);
}

static void
on_load_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) record = crm_store_load_finish (CRM_STORE (object), result, &error);

  if (record != NULL)
    data->record (data->widget, record);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED) &&
           !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not load a record: %s", error->message);

  load_data_free (data);
}

void
crm_page_load (GtkWidget         *widget,
               CrmStore          *store,
               GType              type,
               gint64             id,
               GCancellable      *cancellable,
               CrmPageRecordFunc  func)
{
  LoadData *data;

  if (id <= 0)
    return;

  data = g_new0 (LoadData, 1);
  data->widget = g_object_ref (widget);
  data->record = func;
  crm_store_load_async (store, type, id, cancellable, on_load_done_cb, data);
}

void
crm_page_fill_list (GtkListBox     *list,
                    GListModel     *records,
                    CrmPageRowFunc  func,
                    gpointer        user_data)
{
  GtkListBoxRow *child;
  guint n_items = g_list_model_get_n_items (records);

  /* Rows only: the placeholder is a child of the list too. */
  while ((child = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (child));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (records, i);
      GtkWidget *row = func (item, user_data);

      if (row != NULL)
        gtk_list_box_append (list, row);
    }
}

void
crm_page_note_limit (AdwPreferencesGroup *group,
                     guint                n_rows,
                     guint                limit)
{
  g_autofree char *text = NULL;

  if (n_rows >= limit)
    /* TRANSLATORS: under a page's list of a long history (orders,
     * tickets, activities) */
    text = g_strdup_printf (ngettext ("Only the latest %u is shown.", "Only the latest %u are shown.",
                                      limit), limit);
  adw_preferences_group_set_description (group, text);
}

GtkListBox *
crm_page_new_list (const char *empty_text,
                   const char *accessible_label)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_list_box_new ());
  GtkWidget *placeholder = gtk_label_new (empty_text);

  gtk_list_box_set_selection_mode (list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (list), "boxed-list");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_add_css_class (placeholder, "list-placeholder");
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (list, placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);

  return list;
}

GtkListBox *
crm_page_add_list (AdwPreferencesGroup *group,
                   const char          *name,
                   const char          *empty_text)
{
  GtkListBox *list = crm_page_new_list (empty_text, adw_preferences_group_get_title (group));

  /* Named for tests and the inspector: "timeline-list" for timeline_group. */
  gtk_widget_set_name (GTK_WIDGET (list), name);
  adw_preferences_group_add (group, GTK_WIDGET (list));

  return list;
}

void
crm_page_set_row_value (AdwActionRow *row,
                        const char   *value)
{
  gboolean empty = value == NULL || value[0] == '\0';

  /* An empty value says so rather than leaving a bare title. */
  adw_action_row_set_subtitle (row, empty ? _("Not set") : value);
  if (empty)
    gtk_widget_add_css_class (GTK_WIDGET (row), "empty-value");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "empty-value");
}

GListModel *
crm_page_new_key_model (const char *domain,
                        const char *none_label)
{
  const char * const *keys = crm_page_list_keys (domain);
  GtkStringList *list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, none_label);
  for (guint i = 0; keys[i] != NULL; i++)
    gtk_string_list_append (list, crm_page_describe_key (domain, keys[i]));

  return G_LIST_MODEL (list);
}

AdwActionRow *
crm_page_new_row (const char *title,
                  const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Names and notes are user text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : "");
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (row, subtitle);

  return row;
}

void
crm_page_row_set_target (AdwActionRow *row,
                         const char   *kind,
                         gint64        id)
{
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-record");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(sx)", kind, id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (arrow, "dim-label");
  adw_action_row_add_suffix (row, arrow);
}

static void
on_title_loaded_cb (GtkWidget *widget,
                    CrmRecord *record)
{
  const char *property = CRM_IS_PERSON (record) ? "display-name" : "name";

  /* A link to a record in the trash is no link: the row goes (it comes back
   * with the reload that follows a restore). */
  if (crm_record_get_trashed (record))
    {
      gtk_widget_set_visible (widget, FALSE);
      return;
    }

  /* The title follows renames while the row lives. */
  g_object_bind_property (record, property, widget, "title", G_BINDING_SYNC_CREATE);
  g_object_set_data_full (G_OBJECT (widget), "crm-page-title-record",
                          g_object_ref (record), g_object_unref);
}

void
crm_page_row_load_title (AdwActionRow *row,
                         CrmStore     *store,
                         GType         type,
                         gint64        id,
                         GCancellable *cancellable)
{
  crm_page_load (GTK_WIDGET (row), store, type, id, cancellable, on_title_loaded_cb);
}

static const char *
activity_icon (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return "call-start-symbolic";
  if (g_strcmp0 (kind, "meeting") == 0)
    return "x-office-calendar-symbolic";
  if (g_strcmp0 (kind, "email") == 0)
    return "mail-unread-symbolic";
  return "document-edit-symbolic";
}

static void
on_task_toggled_cb (GtkCheckButton *check,
                    CrmActivity    *activity)
{
  gboolean done = gtk_check_button_get_active (check);

  if (done == (crm_activity_get_done (activity) != 0))
    return;

  /* Saved by the record's own timer, like any edit. */
  crm_activity_set_done (activity, done ? g_get_real_time () / G_USEC_PER_SEC : 0);
}

GtkWidget *
crm_page_new_activity_row (CrmActivity *activity,
                           GHashTable  *staff_names)
{
  const char *kind = crm_activity_get_kind (activity);
  const char *summary = crm_activity_get_summary (activity);
  const char *body = crm_activity_get_body (activity);
  const char *owner = staff_names != NULL
                      ? g_hash_table_lookup (staff_names, &(gint64) { crm_activity_get_owner_id (activity) })
                      : NULL;
  gboolean is_task = g_strcmp0 (kind, "task") == 0;
  gint64 when = crm_activity_get_occurred (activity);
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;

  if (summary[0] == '\0')
    summary = crm_page_describe_key ("activity", kind);
  row = crm_page_new_row (summary, NULL);

  if (is_task && crm_activity_get_done (activity) != 0)
    {
      g_autofree char *done = crm_format_date_time (crm_activity_get_done (activity));

      /* Translators: when a task was done; %s is a date and time */
      date = g_strdup_printf (_("Done %s"), done);
    }
  else if (is_task && crm_activity_get_due (activity) != 0)
    {
      g_autofree char *due = crm_format_date_time (crm_activity_get_due (activity));

      /* Translators: %s is a date and time */
      date = g_strdup_printf (_("Due %s"), due);
    }
  else if (when != 0)
    {
      date = crm_format_date_time (when);
    }
  else
    {
      date = crm_format_date_time (crm_record_get_created (CRM_RECORD (activity)));
    }

  if (crm_activity_get_duration (activity) >= 60 && !is_task)
    {
      guint minutes = (guint) (crm_activity_get_duration (activity) / 60);
      g_autofree char *when_text = g_steal_pointer (&date);

      /* Translators: when a call or meeting was and how long it took,
       * "23 Nov 2026 14:00 · 15 min" */
      date = g_strdup_printf (ngettext ("%1$s · %2$u min", "%1$s · %2$u min", minutes),
                              when_text, minutes);
    }

  if (owner != NULL && owner[0] != '\0')
    /* Translators: when an activity happened, and who logged it: "23 Nov 2026 14:00 · Li Na" */
    meta = g_strdup_printf (C_("activity subtitle", "%1$s · %2$s"), date, owner);
  else
    meta = g_steal_pointer (&date);

  if (body[0] != '\0')
    subtitle = g_strconcat (body, "\n", meta, NULL);
  else
    subtitle = g_steal_pointer (&meta);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 4);

  if (is_task)
    {
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), crm_activity_get_done (activity) != 0);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (check, _("Done"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Done"), -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_task_toggled_cb), activity, 0);
      g_object_set_data_full (G_OBJECT (row), "crm-activity", g_object_ref (activity), g_object_unref);
      adw_action_row_add_prefix (row, check);
      adw_action_row_set_activatable_widget (row, check);
      if (crm_activity_get_done (activity) != 0)
        gtk_widget_add_css_class (GTK_WIDGET (row), "task-done");
    }
  else
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (activity_icon (kind));

      gtk_widget_set_tooltip_text (icon, crm_page_describe_key ("activity", kind));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      crm_page_describe_key ("activity", kind), -1);
      adw_action_row_add_prefix (row, icon);
    }

  gtk_widget_set_name (GTK_WIDGET (row), "activity-row");
  g_object_set_data (G_OBJECT (row), "crm-activity-id",
                     GSIZE_TO_POINTER ((gsize) crm_record_get_id (CRM_RECORD (activity))));

  return GTK_WIDGET (row);
}

GtkWidget *
crm_page_new_deal_row (CrmDeal         *deal,
                       CrmRelatedNames *names)
{
  const char *stage = crm_related_names_get_stage (names, crm_deal_get_stage_id (deal));
  CrmDealState state = crm_related_names_deal_state (names, CRM_RECORD (deal));
  g_autofree char *amount = crm_format_money (crm_deal_get_amount (deal),
                                              crm_deal_get_currency (deal));
  AdwActionRow *row = crm_page_new_row (crm_deal_get_name (deal), stage);
  GtkWidget *label = gtk_label_new (amount);

  gtk_widget_add_css_class (label, "numeric");
  if (state == CRM_DEAL_STATE_WON)
    gtk_widget_add_css_class (label, "success");
  else if (state == CRM_DEAL_STATE_LOST)
    gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (row, label);

  return GTK_WIDGET (row);
}

AdwActionRow *
crm_page_new_affiliation_row (CrmAffiliation *affiliation,
                              GType           type,
                              CrmStore       *store,
                              GCancellable   *cancellable)
{
  const char *title = crm_affiliation_get_title (affiliation);
  const char *role_key = crm_affiliation_get_stakeholder_role (affiliation);
  const char *role = crm_page_describe_key ("role", role_key);
  gboolean person = type == CRM_TYPE_PERSON;
  gint64 id = person ? crm_affiliation_get_person_id (affiliation)
                     : crm_affiliation_get_organization_id (affiliation);
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;

  if (title[0] != '\0' && role[0] != '\0')
    /* Translators: a job title and a stakeholder role, "CTO · Decision Maker" */
    subtitle = g_strdup_printf (C_("affiliation subtitle", "%1$s · %2$s"), title, role);
  else
    subtitle = g_strdup (title[0] != '\0' ? title : role);

  row = crm_page_new_row ("", subtitle);
  crm_page_row_load_title (row, store, type, id, cancellable);
  crm_page_row_set_target (row, person ? "person" : "organization", id);

  return row;
}

GtkWidget *
crm_page_new_ticket_row (CrmTicket *ticket)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, crm_ticket_get_number (ticket));
  /* Translators: a ticket number and its subject, "#1042 Printer offline" */
  g_autofree char *title = g_strdup_printf (_("#%1$s %2$s"), number,
                                            crm_ticket_get_subject (ticket));
  AdwActionRow *row = crm_page_new_row (title, NULL);
  GtkWidget *status = gtk_label_new (crm_page_describe_key ("ticket-status",
                                                            crm_ticket_get_status (ticket)));

  gtk_widget_add_css_class (status, "dim-label");
  adw_action_row_add_suffix (row, status);
  crm_page_row_set_target (row, "ticket", crm_record_get_id (CRM_RECORD (ticket)));

  return GTK_WIDGET (row);
}

static const char *
finding_icon (CrmCoverageKind kind)
{
  switch (kind)
    {
    case CRM_COVERAGE_NO_DECISION_MAKER:
      return "dialog-question-symbolic";
    case CRM_COVERAGE_SINGLE_THREADED:
      return "avatar-default-symbolic";
    case CRM_COVERAGE_CHAMPION_NOT_CONTACTED:
      return "appointment-missed-symbolic";
    case CRM_COVERAGE_OPPONENT_HIGH:
      return "dialog-warning-symbolic";
    case CRM_COVERAGE_DECISION_MAKER_UNLINKED:
      return "insert-link-symbolic";
    default:
      return "dialog-information-symbolic";
    }
}

AdwActionRow *
crm_page_new_insight_row (const CrmCoverageFinding *finding,
                          CrmStakeholderMap        *map,
                          const CrmCoverageRules   *rules)
{
  g_autofree char *text = crm_coverage_finding_describe (finding, map, rules);
  AdwActionRow *row = crm_page_new_row (text, NULL);
  GtkWidget *icon = gtk_image_new_from_icon_name (finding_icon (finding->kind));

  /* The sentence says it all: the icon is decoration. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_action_row_add_prefix (row, icon);
  if (finding->kind == CRM_COVERAGE_OPPONENT_HIGH)
    gtk_widget_add_css_class (icon, "warning");
  gtk_widget_add_css_class (GTK_WIDGET (row), "map-insight");

  return row;
}

guint
crm_page_get_stale_days (CrmContext *context)
{
  GSettings *settings = context != NULL ? crm_context_get_settings (context) : NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return 30;
  g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, "stakeholder-stale-days"))
    return 30;

  return g_settings_get_uint (settings, "stakeholder-stale-days");
}

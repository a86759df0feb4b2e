/* crm-service-settings-dialogs.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Service page's dialogs: an SLA policy (name, priority, customer tier,
 * calendar, targets) and a canned reply (title, language, text with its
 * placeholders).  Save stays off, with the reason shown, while the values
 * would be refused; what only the database can tell (another policy took
 * the same priority and tier meanwhile) comes back as a toast.
 */

#define G_LOG_DOMAIN "CrmServiceSettings"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-service-settings-private.h"
#include "crm-store.h"

static const char * const priorities[] = { "", "low", "normal", "high", "urgent" };
static const char * const languages[] = { "en", "zh-CN" };

/* --- Shared pieces --- */

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static AdwComboRow *
combo_row (const char         *title,
           const char * const *labels,
           guint               n_labels)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_labels; i++)
    gtk_string_list_append (model, labels[i]);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  return row;
}

static void
present (CrmServiceSettings *self,
         GtkWidget          *dialog,
         GtkWidget          *child,
         const char         *save_label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), child);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", save_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- Durations in a spin button: minutes, shown as "2 h 30 min" --- */

static gboolean
on_duration_output_cb (GtkSpinButton *spin)
{
  g_autofree char *text =
    _crm_service_format_minutes ((int) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
  return TRUE;
}

/* "2 h 30 min", "2:30", "2h30", "90 min", "4" (hours), "2 小时 30 分钟". */
static int
on_duration_input_cb (GtkSpinButton *spin,
                      double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  gint64 numbers[2] = { 0, 0 };
  guint n = 0;
  gboolean minutes_only = FALSE;

  for (const char *c = text; *c != '\0';)
    {
      if (g_ascii_isdigit (*c))
        {
          char *end;

          if (n == 2)
            return GTK_INPUT_ERROR;
          numbers[n++] = g_ascii_strtoll (c, &end, 10);
          c = end;
          /* a lone number followed by "m", "min" or "分" counts minutes */
          while (*c == ' ')
            c++;
          if (n == 1 && (*c == 'm' || g_str_has_prefix (c, "分")))
            minutes_only = TRUE;
          continue;
        }
      c = g_utf8_next_char (c);
    }
  if (n == 0 || numbers[0] > CRM_SERVICE_MAX_TARGET_MINUTES || numbers[1] > 59 * 60)
    return GTK_INPUT_ERROR;
  *value = n == 1 && minutes_only ? (double) numbers[0] : (double) (numbers[0] * 60 + numbers[1]);
  return TRUE;
}

static GtkSpinButton *
duration_spin (int         minutes,
               const char *accessible_name)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (minutes, 1, CRM_SERVICE_MAX_TARGET_MINUTES,
                                                  15, 60, 0);
  GtkSpinButton *spin = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1, 0));

  gtk_spin_button_set_numeric (spin, FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 9);
  gtk_widget_set_valign (GTK_WIDGET (spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  g_signal_connect (spin, "output", G_CALLBACK (on_duration_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_duration_input_cb), NULL);
  on_duration_output_cb (spin);
  return spin;
}

static GtkWidget *
duration_row (const char    *title,
              GtkSpinButton *spin)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Business time"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (spin));
  return row;
}

/* --- SLA policies --- */

typedef struct
{
  CrmServiceSettings *self;
  CrmServicePolicy   *old;          /* NULL when adding */
  AdwMessageDialog   *dialog;
  AdwEntryRow        *name;
  AdwComboRow        *priority;
  AdwComboRow        *tier;
  AdwComboRow        *calendar;
  GtkSpinButton      *first;
  GtkSpinButton      *resolution;
  GtkLabel           *problem;
  GPtrArray          *tier_keys;    /* by position in the tier row */
  GArray             *calendar_ids; /* by position in the calendar row; 0: none */
} PolicyDialog;

static void
policy_dialog_free (gpointer data)
{
  PolicyDialog *d = data;

  g_object_unref (d->self);
  g_clear_pointer (&d->old, crm_service_policy_free);
  g_ptr_array_unref (d->tier_keys);
  g_array_unref (d->calendar_ids);
  g_free (d);
}

static CrmServicePolicy *
policy_from_dialog (PolicyDialog *d)
{
  CrmServicePolicy *policy = g_new0 (CrmServicePolicy, 1);
  guint p = adw_combo_row_get_selected (d->priority);
  guint t = adw_combo_row_get_selected (d->tier);
  guint c = adw_combo_row_get_selected (d->calendar);

  policy->id = d->old != NULL ? d->old->id : 0;
  policy->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->name))));
  policy->priority = g_strdup (priorities[p < G_N_ELEMENTS (priorities) ? p : 0]);
  policy->tier = g_strdup (t < d->tier_keys->len ? (char *) d->tier_keys->pdata[t] : "");
  policy->first_response_minutes = gtk_spin_button_get_value_as_int (d->first);
  policy->resolution_minutes = gtk_spin_button_get_value_as_int (d->resolution);
  policy->calendar_id = c < d->calendar_ids->len ? g_array_index (d->calendar_ids, gint64, c) : 0;
  return policy;
}

/* Why the policy could not be saved, or NULL; transfer full. */
static char *
policy_problem (PolicyDialog     *d,
                CrmServicePolicy *policy)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *policies = d->self->config->policies;

  if (!crm_service_validate_policy (policy, &error))
    return *policy->name == '\0' ? NULL : g_strdup (error->message);
  for (guint i = 0; i < policies->len; i++)
    {
      CrmServicePolicy *other = policies->pdata[i];

      if (other->id != policy->id && g_strcmp0 (other->priority, policy->priority) == 0 &&
          g_strcmp0 (other->tier, policy->tier) == 0)
        /* TRANSLATORS: %s is the name of another SLA policy */
        return g_strdup_printf (_("“%s” is for the same priority and customer tier already."),
                                other->name);
    }
  return NULL;
}

static void
update_policy_dialog (PolicyDialog *d)
{
  g_autoptr(CrmServicePolicy) policy = policy_from_dialog (d);
  g_autofree char *problem = policy_problem (d, policy);

  gtk_label_set_text (d->problem, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (d->problem), problem != NULL);
  adw_message_dialog_set_response_enabled (d->dialog, "save",
                                           problem == NULL && *policy->name != '\0');
}

static gboolean
same_policy (const CrmServicePolicy *a,
             const CrmServicePolicy *b)
{
  return g_strcmp0 (a->name, b->name) == 0 && g_strcmp0 (a->priority, b->priority) == 0 &&
         g_strcmp0 (a->tier, b->tier) == 0 && a->calendar_id == b->calendar_id &&
         a->first_response_minutes == b->first_response_minutes &&
         a->resolution_minutes == b->resolution_minutes;
}

typedef struct
{
  CrmServiceSettings *self;
  ServiceUndo        *undo;   /* for an edit; an addition's is made from the new id */
  CrmServiceItem      item;
} SaveData;

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SaveData *data = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_service_save_finish (CRM_STORE (object), result, &error);

  if (id == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_service_settings_toast (data->self, error->message, NULL);
      g_clear_pointer (&data->undo, _crm_service_undo_free);
    }
  else if (data->undo != NULL)
    _crm_service_settings_toast (data->self, data->item == CRM_SERVICE_ITEM_POLICY
                                             ? _("SLA policy saved") : _("Canned reply saved"),
                                 g_steal_pointer (&data->undo));
  else
    _crm_service_settings_toast (data->self, data->item == CRM_SERVICE_ITEM_POLICY
                                             ? _("SLA policy added") : _("Canned reply added"),
                                 _crm_service_undo_new (SERVICE_UNDO_TRASH, data->item, id));
  g_object_unref (data->self);
  g_free (data);
}

static SaveData *
save_data_new (CrmServiceSettings *self,
               CrmServiceItem      item)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->self = g_object_ref (self);
  data->item = item;
  return data;
}

static void
on_policy_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       PolicyDialog     *d)
{
  g_autoptr(CrmServicePolicy) policy = NULL;
  SaveData *data;

  if (!g_str_equal (response, "save") || _crm_service_settings_get_store (d->self) == NULL)
    return;
  policy = policy_from_dialog (d);
  if (d->old != NULL && same_policy (policy, d->old))
    return;
  data = save_data_new (d->self, CRM_SERVICE_ITEM_POLICY);
  if (d->old != NULL)
    {
      data->undo = _crm_service_undo_new (SERVICE_UNDO_POLICY, CRM_SERVICE_ITEM_POLICY, d->old->id);
      data->undo->policy = crm_service_policy_copy (d->old);
    }
  crm_service_policy_save_async (_crm_service_settings_get_store (d->self), policy,
                                 d->self->cancellable, on_saved_cb, data);
}

static AdwComboRow *
tier_row (PolicyDialog *d,
          const char   *current)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GStrv tiers = d->self->tiers;
  AdwComboRow *row;
  guint selected = 0;

  g_ptr_array_add (d->tier_keys, g_strdup (""));
  for (guint i = 0; tiers != NULL && tiers[i] != NULL; i++)
    g_ptr_array_add (d->tier_keys, g_strdup (tiers[i]));
  /* a tier no organization has (any more) stays choosable on its policy */
  if (current != NULL && *current != '\0' &&
      !g_ptr_array_find_with_equal_func (d->tier_keys, current, g_str_equal, NULL))
    g_ptr_array_add (d->tier_keys, g_strdup (current));
  for (guint i = 0; i < d->tier_keys->len; i++)
    {
      g_ptr_array_add (labels, _crm_service_tier_label (d->tier_keys->pdata[i]));
      if (g_strcmp0 (d->tier_keys->pdata[i], current != NULL ? current : "") == 0)
        selected = i;
    }
  row = combo_row (_("Customer Tier"), (const char * const *) labels->pdata, labels->len);
  adw_combo_row_set_selected (row, selected);
  return row;
}

static AdwComboRow *
calendar_row (PolicyDialog *d,
              gint64        current)
{
  GPtrArray *calendars = d->self->config->calendars;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  AdwComboRow *row;
  guint selected = 0;
  gint64 none = 0;

  for (guint i = 0; i < calendars->len; i++)
    {
      CrmServiceCalendar *calendar = calendars->pdata[i];

      g_array_append_val (d->calendar_ids, calendar->id);
      g_ptr_array_add (labels, calendar->name);
      if (calendar->id == current)
        selected = i;
    }
  g_array_append_val (d->calendar_ids, none);
  g_ptr_array_add (labels, (gpointer) _("None (around the clock)"));
  if (current == 0 && d->old != NULL)
    selected = calendars->len;
  row = combo_row (_("Calendar"), (const char * const *) labels->pdata, labels->len);
  adw_combo_row_set_selected (row, selected);
  return row;
}

void
_crm_service_settings_edit_policy (CrmServiceSettings     *self,
                                   const CrmServicePolicy *policy)
{
  PolicyDialog *d = g_new0 (PolicyDialog, 1);
  const char *priority_labels[G_N_ELEMENTS (priorities)];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = boxed_list ();
  GtkWidget *dialog;
  guint selected = 0;

  d->self = g_object_ref (self);
  d->old = policy != NULL ? crm_service_policy_copy (policy) : NULL;
  d->tier_keys = g_ptr_array_new_with_free_func (g_free);
  d->calendar_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  d->name = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->name), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (d->name), policy != NULL ? policy->name : "");
  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    {
      priority_labels[i] = _crm_service_priority_label (priorities[i]);
      if (policy != NULL && g_strcmp0 (policy->priority, priorities[i]) == 0)
        selected = i;
    }
  d->priority = combo_row (_("Priority"), priority_labels, G_N_ELEMENTS (priorities));
  adw_combo_row_set_selected (d->priority, selected);
  d->tier = tier_row (d, policy != NULL ? policy->tier : NULL);
  d->calendar = calendar_row (d, policy != NULL ? policy->calendar_id : 0);
  d->first = duration_spin (policy != NULL ? policy->first_response_minutes : 2 * 60,
                            _("First response target"));
  d->resolution = duration_spin (policy != NULL ? policy->resolution_minutes : 16 * 60,
                                 _("Resolution target"));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->name));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->priority));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->tier));
  gtk_list_box_append (GTK_LIST_BOX (list), duration_row (_("First Response"), d->first));
  gtk_list_box_append (GTK_LIST_BOX (list), duration_row (_("Resolution"), d->resolution));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->calendar));
  gtk_box_append (GTK_BOX (box), list);
  d->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (d->problem, TRUE);
  gtk_label_set_xalign (d->problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (d->problem), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (d->problem));

  dialog = adw_message_dialog_new (NULL, policy != NULL ? _("Edit SLA Policy") : _("New SLA Policy"),
                                   NULL);
  d->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect_swapped (d->name, "changed", G_CALLBACK (update_policy_dialog), d);
  g_signal_connect_swapped (d->priority, "notify::selected", G_CALLBACK (update_policy_dialog), d);
  g_signal_connect_swapped (d->tier, "notify::selected", G_CALLBACK (update_policy_dialog), d);
  g_signal_connect_swapped (d->first, "value-changed", G_CALLBACK (update_policy_dialog), d);
  g_signal_connect_swapped (d->resolution, "value-changed", G_CALLBACK (update_policy_dialog), d);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_policy_response_cb), d,
                         (GClosureNotify) (void (*) (void)) policy_dialog_free, 0);
  present (self, dialog, box, policy != NULL ? _("_Save") : _("_Add"));
  update_policy_dialog (d);
}

/* --- Canned replies --- */

typedef struct
{
  CrmServiceSettings *self;
  CrmServiceReply    *old;      /* NULL when adding */
  AdwMessageDialog   *dialog;
  AdwEntryRow        *title;
  AdwComboRow        *language;
  GtkTextView        *body;
} ReplyDialog;

static void
reply_dialog_free (gpointer data)
{
  ReplyDialog *d = data;

  g_object_unref (d->self);
  g_clear_pointer (&d->old, crm_service_reply_free);
  g_free (d);
}

static CrmServiceReply *
reply_from_dialog (ReplyDialog *d)
{
  CrmServiceReply *reply = g_new0 (CrmServiceReply, 1);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (d->body);
  GtkTextIter start, end;
  guint language = adw_combo_row_get_selected (d->language);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  reply->id = d->old != NULL ? d->old->id : 0;
  reply->title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->title))));
  reply->body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  reply->language = g_strdup (languages[language < G_N_ELEMENTS (languages) ? language : 0]);
  return reply;
}

static void
update_reply_dialog (ReplyDialog *d)
{
  g_autoptr(CrmServiceReply) reply = reply_from_dialog (d);

  adw_message_dialog_set_response_enabled (d->dialog, "save", crm_service_validate_reply (reply, NULL));
}

static void
on_reply_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      ReplyDialog      *d)
{
  g_autoptr(CrmServiceReply) reply = NULL;
  SaveData *data;

  if (!g_str_equal (response, "save") || _crm_service_settings_get_store (d->self) == NULL)
    return;
  reply = reply_from_dialog (d);
  if (d->old != NULL && g_strcmp0 (reply->title, d->old->title) == 0 &&
      g_strcmp0 (reply->body, d->old->body) == 0 && g_strcmp0 (reply->language, d->old->language) == 0)
    return;
  data = save_data_new (d->self, CRM_SERVICE_ITEM_REPLY);
  if (d->old != NULL)
    {
      data->undo = _crm_service_undo_new (SERVICE_UNDO_REPLY, CRM_SERVICE_ITEM_REPLY, d->old->id);
      data->undo->reply = crm_service_reply_copy (d->old);
    }
  crm_service_reply_save_async (_crm_service_settings_get_store (d->self), reply,
                                d->self->cancellable, on_saved_cb, data);
}

static void
on_placeholder_clicked_cb (GtkButton   *button,
                           ReplyDialog *d)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (d->body);

  gtk_text_buffer_insert_at_cursor (buffer, gtk_button_get_label (button), -1);
  gtk_widget_grab_focus (GTK_WIDGET (d->body));
}

static GtkWidget *
placeholder_buttons (ReplyDialog *d)
{
  static const struct { const char *placeholder, *tooltip; } placeholders[] = {
    { "{customer}", N_("Insert the customer’s name") },
    { "{ticket}", N_("Insert the ticket number") },
    { "{agent}", N_("Insert your name") },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_halign (box, GTK_ALIGN_START);
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (placeholders[i].placeholder);

      gtk_widget_set_tooltip_text (button, _(placeholders[i].tooltip));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(placeholders[i].tooltip), -1);
      gtk_widget_add_css_class (button, "monospace");
      g_signal_connect (button, "clicked", G_CALLBACK (on_placeholder_clicked_cb), d);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

void
_crm_service_settings_edit_reply (CrmServiceSettings    *self,
                                  const CrmServiceReply *reply)
{
  ReplyDialog *d = g_new0 (ReplyDialog, 1);
  const char *language_labels[G_N_ELEMENTS (languages)];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = boxed_list ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Text"));
  GtkWidget *dialog;
  const char *language = reply != NULL ? reply->language
                                       : crm_format_locale_is_chinese () ? "zh-CN" : "en";

  d->self = g_object_ref (self);
  d->old = reply != NULL ? crm_service_reply_copy (reply) : NULL;

  d->title = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (d->title), _("Title"));
  gtk_editable_set_text (GTK_EDITABLE (d->title), reply != NULL ? reply->title : "");
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    language_labels[i] = _crm_service_language_label (languages[i]);
  d->language = combo_row (_("Language"), language_labels, G_N_ELEMENTS (languages));
  adw_combo_row_set_selected (d->language, g_strcmp0 (language, "zh-CN") == 0 ? 1 : 0);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->title));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (d->language));
  gtk_box_append (GTK_BOX (box), list);

  d->body = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (d->body, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (d->body, 8);
  gtk_text_view_set_bottom_margin (d->body, 8);
  gtk_text_view_set_left_margin (d->body, 8);
  gtk_text_view_set_right_margin (d->body, 8);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (d->body), reply != NULL ? reply->body : "", -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (d->body));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 140);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (d->body));
  gtk_widget_add_css_class (label, "heading");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (d->body), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), placeholder_buttons (d));

  dialog = adw_message_dialog_new (NULL, reply != NULL ? _("Edit Canned Reply") : _("New Canned Reply"),
                                   _("{customer}, {ticket} and {agent} are filled in when the reply is used."));
  d->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect_swapped (d->title, "changed", G_CALLBACK (update_reply_dialog), d);
  g_signal_connect_swapped (d->language, "notify::selected", G_CALLBACK (update_reply_dialog), d);
  g_signal_connect_swapped (gtk_text_view_get_buffer (d->body), "changed",
                            G_CALLBACK (update_reply_dialog), d);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_reply_response_cb), d,
                         (GClosureNotify) (void (*) (void)) reply_dialog_free, 0);
  present (self, dialog, box, reply != NULL ? _("_Save") : _("_Add"));
  update_reply_dialog (d);
}

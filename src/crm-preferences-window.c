/* crm-preferences-window.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmPreferencesWindow"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "crm-preferences-window.h"
#include "crm-custom-fields.h"
#include "crm-models.h"
#include "crm-query.h"
#include "crm-service-settings.h"
#include "crm-store.h"

#define N_TARGETS 4

struct _CrmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  CrmContext           *context;
  GCancellable         *cancellable;
  GListStore           *fields[N_TARGETS];   /* CrmCustomField, by position */
  GPtrArray            *rows[N_TARGETS];     /* the rows added to each group */
  gulong                changed_id;
  guint                 reload_source;
  CrmCustomField       *last_deleted;

  /* template widgets */
  AdwComboRow          *business_mode_row;
  AdwComboRow          *currency_row;
  AdwEntryRow          *user_name_row;
  GtkSpinButton        *stale_days_spin;
  AdwPreferencesPage   *custom_fields_page;
  CrmServiceSettings   *service_page;
  AdwPreferencesGroup  *groups[N_TARGETS];
};

/* In the order of the groups of the Custom Fields page. */
static const char * const targets[N_TARGETS] = { "organization", "person", "deal", "ticket" };

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the rows in crm-preferences-window.ui. */
static const char * const business_modes[] = { "b2b", "b2c", "both" };
static const char * const currencies[] = {
  "USD", "EUR", "GBP", "CNY", "JPY", "HKD", "TWD", "SGD", "AUD", "CAD", "CHF", "INR", "KRW",
};

G_DEFINE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
key_to_index (GValue   *value,
              GVariant *variant,
              gpointer  user_data)
{
  const char * const *keys = user_data;
  const char *key = g_variant_get_string (variant, NULL);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (g_strcmp0 (keys[i], key) == 0)
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
index_to_key (const GValue       *value,
              const GVariantType *expected_type,
              gpointer            user_data)
{
  const char * const *keys = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) keys))
    return NULL;

  return g_variant_new_string (keys[index]);
}

static void
bind_combo (CrmPreferencesWindow *self,
            const char           *key,
            AdwComboRow          *row,
            const char * const   *keys)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                key_to_index, index_to_key,
                                (gpointer) keys, NULL);
}

/* --- Custom fields --- */

static int
target_index (const char *target)
{
  for (guint i = 0; i < N_TARGETS; i++)
    if (g_strcmp0 (targets[i], target) == 0)
      return i;
  return -1;
}

static CrmStore *
get_store (CrmPreferencesWindow *self)
{
  return self->context ? crm_context_get_store (self->context) : NULL;
}

static CrmCustomField *
find_field (CrmPreferencesWindow *self,
            gint64                id,
            int                  *target,
            guint                *position)
{
  for (guint t = 0; t < N_TARGETS; t++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->fields[t])); i++)
      {
        g_autoptr(CrmCustomField) field = g_list_model_get_item (G_LIST_MODEL (self->fields[t]), i);

        if (crm_record_get_id (CRM_RECORD (field)) != id)
          continue;
        if (target)
          *target = t;
        if (position)
          *position = i;
        return field;   /* the list keeps it alive */
      }
  return NULL;
}

/* "Choice: Bronze, Silver, Gold", "Money (EUR)", "Date"... */
static char *
describe_field (CrmCustomField *field)
{
  const char *type = crm_custom_field_get_field_type (field);

  if (g_strcmp0 (type, "number") == 0)
    return g_strdup (C_("custom field type", "Number"));
  if (g_strcmp0 (type, "money") == 0)
    /* TRANSLATORS: %s is a currency code such as EUR */
    return g_strdup_printf (C_("custom field type", "Money (%s)"),
                            crm_custom_field_get_currency (field));
  if (g_strcmp0 (type, "date") == 0)
    return g_strdup (C_("custom field type", "Date"));
  if (g_strcmp0 (type, "choice") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GString) labels = g_string_new (NULL);
      JsonNode *root;

      if (json_parser_load_from_data (parser, crm_custom_field_get_choices (field), -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
          {
            JsonNode *node = json_array_get_element (json_node_get_array (root), i);

            if (!JSON_NODE_HOLDS_OBJECT (node))
              continue;
            if (labels->len > 0)
              g_string_append (labels, C_("list separator", ", "));
            g_string_append (labels, json_object_get_string_member_with_default (
                                       json_node_get_object (node), "label", ""));
          }
      /* TRANSLATORS: %s lists the choices of a custom field */
      return g_strdup_printf (C_("custom field type", "Choice: %s"), labels->str);
    }
  return g_strdup (C_("custom field type", "Text"));
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action,
             GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
field_row (CrmCustomField *field,
           guint           position,
           guint           n)
{
  GtkWidget *row = adw_action_row_new ();
  gint64 id = crm_record_get_id (CRM_RECORD (field));
  g_autofree char *subtitle = describe_field (field);
  GtkWidget *up = icon_button ("go-up-symbolic", _("Move Up"), "prefs.move-field",
                               g_variant_new ("(xi)", id, -1));
  GtkWidget *down = icon_button ("go-down-symbolic", _("Move Down"), "prefs.move-field",
                                 g_variant_new ("(xi)", id, 1));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_custom_field_get_label (field));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_sensitive (up, position > 0);
  gtk_widget_set_sensitive (down, position + 1 < n);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("document-edit-symbolic", _("Edit Field"),
                                          "prefs.edit-field", g_variant_new_int64 (id)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             icon_button ("user-trash-symbolic", _("Delete Field"),
                                          "prefs.delete-field", g_variant_new_int64 (id)));
  return row;
}

static void
fill_group (CrmPreferencesWindow *self,
            guint                 t)
{
  GListModel *fields = G_LIST_MODEL (self->fields[t]);
  guint n = g_list_model_get_n_items (fields);

  for (guint i = 0; i < self->rows[t]->len; i++)
    adw_preferences_group_remove (self->groups[t], self->rows[t]->pdata[i]);
  g_ptr_array_set_size (self->rows[t], 0);

  if (n == 0)
    {
      GtkWidget *empty = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("No custom fields"));
      gtk_widget_add_css_class (empty, "dim-label");
      adw_preferences_group_add (self->groups[t], empty);
      g_ptr_array_add (self->rows[t], empty);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmCustomField) field = g_list_model_get_item (fields, i);
      GtkWidget *row = field_row (field, i, n);

      adw_preferences_group_add (self->groups[t], row);
      g_ptr_array_add (self->rows[t], row);
    }
}

static void
on_fields_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) fields = crm_store_query_finish (CRM_STORE (object), result, &error);

  if (fields == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load custom fields: %s", error->message);
      return;
    }
  for (guint t = 0; t < N_TARGETS; t++)
    g_list_store_remove_all (self->fields[t]);
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(CrmCustomField) field = g_list_model_get_item (fields, i);
      int t = target_index (crm_custom_field_get_target (field));

      if (t >= 0)
        g_list_store_append (self->fields[t], field);
    }
  for (guint t = 0; t < N_TARGETS; t++)
    fill_group (self, t);
}

static void
reload_fields (CrmPreferencesWindow *self)
{
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_CUSTOM_FIELD);

  if (get_store (self) == NULL)
    return;
  crm_query_set_order (query, "position", FALSE);
  crm_store_query_async (get_store (self), query, self->cancellable, on_fields_loaded_cb,
                         g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  CrmPreferencesWindow *self = user_data;

  self->reload_source = 0;
  reload_fields (self);
  return G_SOURCE_REMOVE;
}

static void
on_custom_fields_changed_cb (CrmStore   *store,
                             const char *table,
                             GArray     *ids,
                             gpointer    user_data)
{
  CrmPreferencesWindow *self = user_data;

  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (100, reload_cb, self);
}

static void
toast (CrmPreferencesWindow *self,
       const char           *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* --- The add/edit dialog --- */

typedef struct
{
  CrmPreferencesWindow *self;
  CrmCustomField       *field;      /* NULL when adding */
  char                 *target;
  GtkEntry             *label;
  GtkDropDown          *type;
  GtkEntry             *currency;
  GtkWidget            *currency_box;
  GtkTextView          *choices;
  GtkWidget            *choices_box;
} FieldDialog;

static const char * const field_types[] = { "text", "number", "money", "date", "choice" };

static void
field_dialog_free (gpointer data)
{
  FieldDialog *d = data;

  g_object_unref (d->self);
  g_clear_object (&d->field);
  g_free (d->target);
  g_free (d);
}

static const char *
dialog_type (FieldDialog *d)
{
  if (d->field != NULL)
    return crm_custom_field_get_field_type (d->field);
  return field_types[MIN (gtk_drop_down_get_selected (d->type), G_N_ELEMENTS (field_types) - 1)];
}

static void
on_type_changed_cb (FieldDialog *d)
{
  const char *type = dialog_type (d);

  gtk_widget_set_visible (d->currency_box, g_str_equal (type, "money"));
  gtk_widget_set_visible (d->choices_box, g_str_equal (type, "choice"));
}

/* The choices JSON from one label per line; a label that was there before
 * keeps its key, so values already stored keep their meaning.  A line whose
 * label is new takes the key of the old choice at the same place when that
 * old label is gone: the choice was renamed, and its values follow it. */
static char *
choices_json (FieldDialog *d)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (d->choices);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonParser) old = json_parser_new ();
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *old_choices = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  if (d->field != NULL &&
      json_parser_load_from_data (old, crm_custom_field_get_choices (d->field), -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (old)))
    old_choices = json_node_get_array (json_parser_get_root (old));

  g_autoptr(GHashTable) new_labels = g_hash_table_new (g_str_hash, g_str_equal);
  guint place = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_hash_table_add (new_labels, lines[i]);

  json_builder_begin_array (builder);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *label = g_strstrip (lines[i]);
      g_autofree char *key = NULL;

      if (*label == '\0')
        continue;
      place++;
      for (guint j = 0; old_choices && key == NULL && j < json_array_get_length (old_choices); j++)
        {
          JsonObject *o = json_array_get_object_element (old_choices, j);

          if (o && g_strcmp0 (json_object_get_string_member_with_default (o, "label", NULL),
                              label) == 0)
            key = g_strdup (json_object_get_string_member_with_default (o, "key", NULL));
        }
      if (key == NULL && old_choices != NULL && place <= json_array_get_length (old_choices))
        {
          JsonObject *o = json_array_get_object_element (old_choices, place - 1);
          const char *old_label = o ? json_object_get_string_member_with_default (o, "label", NULL) : NULL;
          const char *old_key = o ? json_object_get_string_member_with_default (o, "key", NULL) : NULL;

          if (old_label != NULL && old_key != NULL && !g_hash_table_contains (new_labels, old_label) &&
              !g_hash_table_contains (used, old_key))
            key = g_strdup (old_key);
        }
      if (key == NULL)
        {
          g_autofree char *base = crm_custom_field_key_from_label (label);

          key = g_strdup (base);
          for (guint n = 2; g_hash_table_contains (used, key); n++)
            {
              g_free (key);
              key = g_strdup_printf ("%s_%u", base, n);
            }
        }
      if (!g_hash_table_add (used, g_strdup (key)))
        continue;   /* the same label twice: once is enough */
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, key);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
on_field_defined_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomField) field = crm_custom_fields_define_finish (CRM_STORE (object), result,
                                                                     &error);

  if (field == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  reload_fields (self);
}

static void
save_field (FieldDialog *d)
{
  CrmPreferencesWindow *self = d->self;
  const char *type = dialog_type (d);
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (d->label))));
  g_autofree char *currency = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (d->currency)), -1);
  g_autofree char *choices = g_str_equal (type, "choice") ? choices_json (d) : g_strdup ("[]");
  g_autoptr(GError) error = NULL;

  if (d->field == NULL)
    {
      crm_custom_fields_define_async (get_store (self), d->target, label, type, choices,
                                      g_strstrip (currency), self->cancellable,
                                      on_field_defined_cb, g_object_ref (self));
      return;
    }

  /* an existing field: checked here, saved like any record */
  if (*label == '\0')
    {
      toast (self, _("A custom field needs a name"));
      return;
    }
  if (g_str_equal (type, "choice") && !crm_custom_field_check_choices (choices, &error))
    {
      toast (self, error->message);
      return;
    }
  g_strstrip (currency);
  if (g_str_equal (type, "money") && strlen (currency) != 3)
    {
      toast (self, _("A money field needs a currency code such as USD or CNY"));
      return;
    }
  if (g_strcmp0 (crm_custom_field_get_label (d->field), label) != 0)
    crm_custom_field_set_label (d->field, label);
  if (g_str_equal (type, "choice") &&
      g_strcmp0 (crm_custom_field_get_choices (d->field), choices) != 0)
    crm_custom_field_set_choices (d->field, choices);
  if (g_str_equal (type, "money") &&
      g_strcmp0 (crm_custom_field_get_currency (d->field), currency) != 0)
    crm_custom_field_set_currency (d->field, currency);
  fill_group (self, target_index (d->target));
}

static void
on_field_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             FieldDialog      *d)
{
  if (g_str_equal (response, "save"))
    save_field (d);
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return box;
}

static void
present_field_dialog (CrmPreferencesWindow *self,
                      const char           *target,
                      CrmCustomField       *field)
{
  FieldDialog *d = g_new0 (FieldDialog, 1);
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkStringList *types = gtk_string_list_new (NULL);
  const char * const type_labels[] = {
    C_("custom field type", "Text"), C_("custom field type", "Number"),
    C_("custom field type", "Money"), C_("custom field type", "Date"),
    C_("custom field type", "Choice"),
  };

  d->self = g_object_ref (self);
  d->field = field ? g_object_ref (field) : NULL;
  d->target = g_strdup (target);
  for (guint i = 0; i < G_N_ELEMENTS (type_labels); i++)
    gtk_string_list_append (types, type_labels[i]);

  d->label = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_activates_default (d->label, TRUE);
  gtk_box_append (GTK_BOX (box), labelled (_("_Name"), GTK_WIDGET (d->label)));
  d->type = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (types), NULL));
  gtk_box_append (GTK_BOX (box), labelled (_("_Type"), GTK_WIDGET (d->type)));
  d->currency = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (d->currency, 3);
  gtk_editable_set_text (GTK_EDITABLE (d->currency), "USD");
  if (self->settings != NULL)
    {
      g_autofree char *currency = g_settings_get_string (self->settings, "default-currency");

      gtk_editable_set_text (GTK_EDITABLE (d->currency), currency);
    }
  d->currency_box = labelled (_("_Currency (ISO code)"), GTK_WIDGET (d->currency));
  gtk_box_append (GTK_BOX (box), d->currency_box);
  d->choices = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (d->choices, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (d->choices, 6);
  gtk_text_view_set_bottom_margin (d->choices, 6);
  gtk_text_view_set_left_margin (d->choices, 6);
  gtk_text_view_set_right_margin (d->choices, 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (d->choices));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  gtk_widget_add_css_class (scrolled, "card");
  d->choices_box = labelled (_("C_hoices, one per line"), GTK_WIDGET (d->choices));
  gtk_box_remove (GTK_BOX (d->choices_box), GTK_WIDGET (d->choices));
  gtk_box_append (GTK_BOX (d->choices_box), scrolled);
  gtk_box_append (GTK_BOX (box), d->choices_box);

  if (field != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GString) lines = g_string_new (NULL);
      JsonNode *root;

      gtk_editable_set_text (GTK_EDITABLE (d->label), crm_custom_field_get_label (field));
      for (guint i = 0; i < G_N_ELEMENTS (field_types); i++)
        if (g_str_equal (field_types[i], crm_custom_field_get_field_type (field)))
          gtk_drop_down_set_selected (d->type, i);
      /* stored values depend on the type: it is fixed once the field exists */
      gtk_widget_set_sensitive (GTK_WIDGET (d->type), FALSE);
      if (*crm_custom_field_get_currency (field) != '\0')
        gtk_editable_set_text (GTK_EDITABLE (d->currency), crm_custom_field_get_currency (field));
      if (json_parser_load_from_data (parser, crm_custom_field_get_choices (field), -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
          {
            JsonObject *o = json_array_get_object_element (json_node_get_array (root), i);

            if (o != NULL)
              g_string_append_printf (lines, "%s\n",
                                      json_object_get_string_member_with_default (o, "label", ""));
          }
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (d->choices), lines->str, -1);
    }
  g_signal_connect_swapped (d->type, "notify::selected", G_CALLBACK (on_type_changed_cb), d);
  on_type_changed_cb (d);

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   field ? _("Edit Custom Field") : _("New Custom Field"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", field ? _("_Save") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_field_dialog_response_cb), d,
                         (GClosureNotify) (void (*) (void)) field_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_field_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);

  if (get_store (self) != NULL && target_index (g_variant_get_string (parameter, NULL)) >= 0)
    present_field_dialog (self, g_variant_get_string (parameter, NULL), NULL);
}

static void
edit_field_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);
  int t;
  CrmCustomField *field = find_field (self, g_variant_get_int64 (parameter), &t, NULL);

  if (field != NULL)
    present_field_dialog (self, targets[t], field);
}

static void
move_field_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);
  gint64 id;
  int step, t;
  guint position;
  CrmCustomField *field;
  g_autoptr(CrmCustomField) moved = NULL;

  g_variant_get (parameter, "(xi)", &id, &step);
  if (!(field = find_field (self, id, &t, &position)) ||
      (step < 0 && position == 0) ||
      (step > 0 && position + 1 >= g_list_model_get_n_items (G_LIST_MODEL (self->fields[t]))))
    return;
  moved = g_object_ref (field);
  g_list_store_remove (self->fields[t], position);
  g_list_store_insert (self->fields[t], position + step, moved);
  crm_custom_fields_reorder (G_LIST_MODEL (self->fields[t]));
  fill_group (self, t);
}

static void
on_field_trashed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_store_trash_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  reload_fields (self);
}

static void
on_delete_response_cb (AdwMessageDialog     *dialog,
                       const char           *response,
                       CrmPreferencesWindow *self)
{
  CrmCustomField *field = g_object_get_data (G_OBJECT (dialog), "field");
  g_autofree char *title = NULL;
  AdwToast *undo;

  if (!g_str_equal (response, "delete") || get_store (self) == NULL)
    return;
  g_set_object (&self->last_deleted, field);
  crm_store_trash_async (get_store (self), CRM_RECORD (field), TRUE, self->cancellable,
                         on_field_trashed_cb, g_object_ref (self));
  /* TRANSLATORS: %s is a custom field's name */
  title = g_strdup_printf (_("“%s” deleted"), crm_custom_field_get_label (field));
  undo = adw_toast_new (title);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_action_name (undo, "prefs.restore-field");
  adw_toast_set_action_target_value (undo, g_variant_new_int64 (crm_record_get_id (CRM_RECORD (field))));
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), undo);
}

static void
delete_field_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);
  CrmCustomField *field = find_field (self, g_variant_get_int64 (parameter), NULL, NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (field == NULL)
    return;
  /* TRANSLATORS: %s is a custom field's name */
  heading = g_strdup_printf (_("Delete “%s”?"), crm_custom_field_get_label (field));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The field and its values disappear from every record, "
                                     "list, filter and export. You can undo this right after."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "field", g_object_ref (field), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_field_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (widget);

  if (self->last_deleted == NULL || get_store (self) == NULL ||
      crm_record_get_id (CRM_RECORD (self->last_deleted)) != g_variant_get_int64 (parameter))
    return;
  crm_store_trash_async (get_store (self), CRM_RECORD (self->last_deleted), FALSE,
                         self->cancellable, on_field_trashed_cb, g_object_ref (self));
  g_clear_object (&self->last_deleted);
}

static void
crm_preferences_window_constructed (GObject *object)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);
  /* NULL-terminated copies for the mapping functions. */
  static const char *mode_keys[G_N_ELEMENTS (business_modes) + 1];
  static const char *currency_keys[G_N_ELEMENTS (currencies) + 1];

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->constructed (object);

  if (mode_keys[0] == NULL)
    {
      memcpy (mode_keys, business_modes, sizeof business_modes);
      memcpy (currency_keys, currencies, sizeof currencies);
    }

  bind_combo (self, "business-mode", self->business_mode_row, mode_keys);
  bind_combo (self, "default-currency", self->currency_row, currency_keys);
  g_settings_bind (self->settings, "user-name", self->user_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "stakeholder-stale-days", self->stale_days_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
crm_preferences_window_dispose (GObject *object)
{
  CrmPreferencesWindow *self = (CrmPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->context != NULL)
    g_clear_signal_handler (&self->changed_id, crm_context_get_store (self->context));
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->last_deleted);
  for (guint i = 0; i < N_TARGETS; i++)
    {
      g_clear_object (&self->fields[i]);
      g_clear_pointer (&self->rows[i], g_ptr_array_unref);
    }

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->dispose (object);
}

static void
crm_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CrmPreferencesWindow *self = CRM_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_preferences_window_class_init (CrmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_preferences_window_constructed;
  object_class->dispose = crm_preferences_window_dispose;
  object_class->get_property = crm_preferences_window_get_property;
  object_class->set_property = crm_preferences_window_set_property;

  /**
   * CrmPreferencesWindow:settings:
   *
   * The settings the rows edit.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/crm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, business_mode_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, stale_days_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, custom_fields_page);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, service_page);
  gtk_widget_class_bind_template_child_full (widget_class, "organization_fields_group", FALSE,
                                             G_STRUCT_OFFSET (CrmPreferencesWindow, groups[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "person_fields_group", FALSE,
                                             G_STRUCT_OFFSET (CrmPreferencesWindow, groups[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "deal_fields_group", FALSE,
                                             G_STRUCT_OFFSET (CrmPreferencesWindow, groups[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "ticket_fields_group", FALSE,
                                             G_STRUCT_OFFSET (CrmPreferencesWindow, groups[3]));

  g_type_ensure (CRM_TYPE_SERVICE_SETTINGS);

  gtk_widget_class_install_action (widget_class, "prefs.add-field", "s", add_field_action);
  gtk_widget_class_install_action (widget_class, "prefs.edit-field", "x", edit_field_action);
  gtk_widget_class_install_action (widget_class, "prefs.delete-field", "x", delete_field_action);
  gtk_widget_class_install_action (widget_class, "prefs.move-field", "(xi)", move_field_action);
  gtk_widget_class_install_action (widget_class, "prefs.restore-field", "x", restore_field_action);
}

static void
crm_preferences_window_init (CrmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < N_TARGETS; i++)
    {
      self->fields[i] = g_list_store_new (CRM_TYPE_CUSTOM_FIELD);
      self->rows[i] = g_ptr_array_new ();
    }
}

/**
 * crm_preferences_window_new:
 * @settings: the application's settings
 *
 * Returns: (transfer full): a new preferences window
 */
CrmPreferencesWindow *
crm_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CRM_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

/**
 * crm_preferences_window_set_context:
 * @self: a #CrmPreferencesWindow
 * @context: (nullable): the open database's context
 *
 * Shows the Custom Fields page for @context's database (hidden without one).
 */
void
crm_preferences_window_set_context (CrmPreferencesWindow *self,
                                    CrmContext           *context)
{
  g_return_if_fail (CRM_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (context == NULL || CRM_IS_CONTEXT (context));

  if (self->context == context)
    return;
  if (self->context != NULL)
    g_clear_signal_handler (&self->changed_id, crm_context_get_store (self->context));
  g_set_object (&self->context, context);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_fields_page), context != NULL);
  crm_service_settings_set_context (self->service_page, context);
  gtk_widget_set_visible (GTK_WIDGET (self->service_page), context != NULL);
  if (context == NULL)
    return;
  self->changed_id = g_signal_connect (crm_context_get_store (context), "changed::custom_field",
                                       G_CALLBACK (on_custom_fields_changed_cb), self);
  reload_fields (self);
}

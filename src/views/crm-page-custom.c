/* crm-page-custom.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Custom Fields" section of the record pages: one entry row per field
 * defined for the record's kind, holding the stable form of the value
 * ("12.50", "2026-11-23", a choice key).  Applying a row checks and saves the
 * value; a bad one marks the row and says why, and nothing is written.
 */

#define G_LOG_DOMAIN "CrmPage"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "crm-page-util.h"
#include "crm-custom-fields.h"
#include "crm-query.h"
#include "crm-record.h"
#include "crm-store.h"

typedef struct
{
  AdwPreferencesGroup *group;
  GtkListBox          *list;
  CrmStore            *store;
  GCancellable        *cancellable;
  char                *target;
  gint64               record_id;
  GListModel          *fields;
} CustomSection;

static void
custom_section_free (gpointer data)
{
  CustomSection *section = data;

  g_clear_object (&section->store);
  g_clear_object (&section->cancellable);
  g_clear_object (&section->fields);
  g_free (section->target);
  g_free (section);
}

static CustomSection *
get_section (AdwPreferencesGroup *group)
{
  return g_object_get_data (G_OBJECT (group), "crm-custom-section");
}

static void
show_problem (CustomSection *section,
              GtkWidget     *row,
              const char    *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  adw_preferences_group_set_description (section->group, message);
}

static void
on_value_set_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (row), "crm-custom-group");
  g_autoptr(GError) error = NULL;

  if (crm_custom_value_set_finish (CRM_STORE (object), result, &error))
    {
      if (group != NULL && get_section (group) != NULL)
        show_problem (get_section (group), row, NULL);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || group == NULL ||
      get_section (group) == NULL)
    return;

  /* The typed text stays, marked, with the reason. */
  show_problem (get_section (group), row, error->message);
}

static void
on_row_apply_cb (AdwEntryRow *row,
                 gpointer     user_data)
{
  AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (row), "crm-custom-group");
  CustomSection *section = get_section (group);
  CrmCustomField *field = g_object_get_data (G_OBJECT (row), "crm-custom-field");
  g_autofree char *input = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean is_empty = FALSE;
  gint64 number = 0;

  /* Checked here first, so that the message comes at once. */
  if (!crm_custom_value_parse (field, input, &is_empty, &text, &number, &error))
    {
      show_problem (section, GTK_WIDGET (row), error->message);
      return;
    }

  crm_custom_value_set_async (section->store, field, section->record_id, input,
                              section->cancellable, on_value_set_cb, g_object_ref (row));
}

static void
on_row_changed_cb (AdwEntryRow *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static const char *
describe_format (const char *field_type)
{
  if (g_strcmp0 (field_type, "date") == 0)
    return _("A date written as YYYY-MM-DD");
  if (g_strcmp0 (field_type, "money") == 0)
    return _("An amount such as 12.50");
  if (g_strcmp0 (field_type, "number") == 0)
    return _("A whole number");
  return NULL;
}

/* The keys of a choice field, in order, and their labels in @labels. */
static GStrv
parse_choices (CrmCustomField *field,
               GtkStringList  *labels)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  JsonNode *root;

  if (json_parser_load_from_data (parser, crm_custom_field_get_choices (field), -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *choice = json_array_get_object_element (array, i);
          const char *key, *label;

          if (choice == NULL)
            continue;
          key = json_object_get_string_member_with_default (choice, "key", NULL);
          label = json_object_get_string_member_with_default (choice, "label", key);
          if (key == NULL)
            continue;
          g_strv_builder_add (keys, key);
          gtk_string_list_append (labels, label != NULL && label[0] != '\0' ? label : key);
        }
    }

  return g_strv_builder_end (keys);
}

static void
on_choice_selected_cb (AdwComboRow *row,
                       GParamSpec  *pspec,
                       gpointer     user_data)
{
  AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (row), "crm-custom-group");
  CustomSection *section = get_section (group);
  CrmCustomField *field = g_object_get_data (G_OBJECT (row), "crm-custom-field");
  const char * const *keys = g_object_get_data (G_OBJECT (row), "crm-custom-keys");
  guint selected = adw_combo_row_get_selected (row);

  if (section == NULL || g_object_get_data (G_OBJECT (row), "crm-custom-filling") != NULL)
    return;

  /* Position 0 is "no value". */
  crm_custom_value_set_async (section->store, field, section->record_id,
                              selected > 0 && selected <= g_strv_length ((char **) keys)
                              ? keys[selected - 1] : "",
                              section->cancellable, on_value_set_cb, g_object_ref (row));
}

static GtkWidget *
new_choice_row (AdwPreferencesGroup *group,
                CrmCustomField      *field,
                const char          *value)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  GtkStringList *labels = gtk_string_list_new (NULL);
  GStrv keys;
  guint selected = 0;

  gtk_string_list_append (labels, C_("custom choice", "None"));
  keys = parse_choices (field, labels);
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_strcmp0 (keys[i], value) == 0)
      selected = i + 1;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_custom_field_get_label (field));
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  g_object_unref (labels);

  /* Setting the stored choice is no edit. */
  g_object_set_data (G_OBJECT (row), "crm-custom-filling", GINT_TO_POINTER (TRUE));
  adw_combo_row_set_selected (row, selected);
  g_object_set_data (G_OBJECT (row), "crm-custom-filling", NULL);

  g_object_set_data_full (G_OBJECT (row), "crm-custom-keys", keys, (GDestroyNotify) g_strfreev);
  g_object_set_data_full (G_OBJECT (row), "crm-custom-field", g_object_ref (field), g_object_unref);
  g_object_set_data (G_OBJECT (row), "crm-custom-group", group);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_choice_selected_cb), NULL);

  return GTK_WIDGET (row);
}

static void
on_values_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AdwPreferencesGroup) group = user_data;
  CustomSection *section = get_section (group);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = crm_custom_values_load_finish (CRM_STORE (object), result, &error);
  GtkListBoxRow *old;
  guint n_fields;

  if (values == NULL || section == NULL)
    {
      if (values == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load custom values: %s", error->message);
      return;
    }

  while ((old = gtk_list_box_get_row_at_index (section->list, 0)) != NULL)
    gtk_list_box_remove (section->list, GTK_WIDGET (old));

  n_fields = g_list_model_get_n_items (section->fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autoptr(CrmCustomField) field = g_list_model_get_item (section->fields, i);
      gint64 field_id = crm_record_get_id (CRM_RECORD (field));
      const char *type = crm_custom_field_get_field_type (field);
      const char *format = describe_format (type);
      AdwEntryRow *row;

      if (g_strcmp0 (type, "choice") == 0)
        {
          const char *value = NULL;

          for (guint j = 0; j < values->len; j++)
            {
              CrmCustomValueEntry *entry = g_ptr_array_index (values, j);

              if (entry->field_id == field_id)
                value = entry->text;
            }
          gtk_list_box_append (section->list, new_choice_row (group, field, value));
          continue;
        }

      row = ADW_ENTRY_ROW (adw_entry_row_new ());

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_custom_field_get_label (field));
      adw_entry_row_set_show_apply_button (row, TRUE);
      if (format != NULL)
        gtk_widget_set_tooltip_text (GTK_WIDGET (row), format);

      for (guint j = 0; j < values->len; j++)
        {
          CrmCustomValueEntry *entry = g_ptr_array_index (values, j);

          if (entry->field_id == field_id)
            {
              g_autofree char *stable = crm_custom_value_to_stable (type,
                                                                     crm_custom_field_get_currency (field),
                                                                     entry->text, entry->number);

              gtk_editable_set_text (GTK_EDITABLE (row), stable != NULL ? stable : "");
            }
        }

      g_object_set_data_full (G_OBJECT (row), "crm-custom-field",
                              g_object_ref (field), g_object_unref);
      g_object_set_data (G_OBJECT (row), "crm-custom-group", group);
      g_signal_connect (row, "apply", G_CALLBACK (on_row_apply_cb), NULL);
      g_signal_connect (row, "changed", G_CALLBACK (on_row_changed_cb), NULL);
      gtk_list_box_append (section->list, GTK_WIDGET (row));
    }

  gtk_widget_set_visible (GTK_WIDGET (group), n_fields > 0);
}

static void
on_fields_loaded_cb (GtkWidget  *widget,
                     GListModel *records)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (widget);
  CustomSection *section = get_section (group);

  if (section == NULL)
    return;

  g_set_object (&section->fields, records);
  if (g_list_model_get_n_items (records) == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (group), FALSE);
      return;
    }

  crm_custom_values_load_async (section->store, section->target, section->record_id,
                                section->cancellable, on_values_loaded_cb, g_object_ref (group));
}

static void
on_custom_field_changed_cb (AdwPreferencesGroup *group)
{
  crm_page_load_custom_fields (group, NULL, NULL, NULL, 0, NULL);
}

/**
 * crm_page_load_custom_fields:
 * @group: the section; hidden while no field is defined
 * @list: (nullable): the list of @group to fill; NULL to reload with the
 *   arguments of the first call
 *
 * Fills @group with the custom fields of @target ("person", "organization")
 * for @record_id, and refills it when the definitions change.
 */
void
crm_page_load_custom_fields (AdwPreferencesGroup *group,
                             GtkListBox          *list,
                             CrmStore            *store,
                             const char          *target,
                             gint64               record_id,
                             GCancellable        *cancellable)
{
  CustomSection *section = get_section (group);
  g_autoptr(CrmQuery) query = NULL;

  if (list != NULL)
    {
      if (section == NULL)
        {
          section = g_new0 (CustomSection, 1);
          g_object_set_data_full (G_OBJECT (group), "crm-custom-section",
                                  section, custom_section_free);
          g_signal_connect_object (store, "changed::custom_field",
                                   G_CALLBACK (on_custom_field_changed_cb), group,
                                   G_CONNECT_SWAPPED);
        }
      section->group = group;
      section->list = list;
      g_set_object (&section->store, store);
      g_set_object (&section->cancellable, cancellable);
      g_free (section->target);
      section->target = g_strdup (target);
      section->record_id = record_id;
    }

  if (section == NULL || section->record_id == 0)
    return;

  query = crm_query_new (CRM_TYPE_CUSTOM_FIELD);
  crm_query_add_text (query, "target", CRM_QUERY_EQ, section->target);
  crm_query_set_order (query, "position", FALSE);
  crm_page_query (GTK_WIDGET (group), section->store, query, section->cancellable,
                  on_fields_loaded_cb);
}

/* crm-segment-editor.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "CrmSegmentEditor"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "crm-segment-editor-private.h"
#include "crm-filter.h"
#include "crm-format.h"
#include "crm-models.h"
#include "crm-query.h"
#include "crm-segment-list.h"
#include "crm-store.h"

#define COUNT_DELAY_MS 300

struct _CrmSegmentEditor
{
  AdwWindow          parent_instance;

  CrmContext        *context;
  CrmSegment        *segment;        /* NULL: a new segment, or a plain filter */
  gboolean           filter_only;
  char              *target;
  char              *pending_json;   /* applied once the fields are loaded */
  GPtrArray         *fields;         /* CrmEditorField */
  GtkStringList     *field_names;
  GListModel        *custom_fields;
  CrmEditorRecords   tags;
  CrmEditorRecords   staff;
  guint              n_loading;
  gboolean           ready;
  gint64             count;
  guint              count_source;
  GCancellable      *cancellable;    /* loads, for the window's life */
  GCancellable      *count_cancellable;

  /* template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *done_button;
  AdwPreferencesGroup *name_group;
  AdwEntryRow       *name_row;
  AdwComboRow       *target_row;
  AdwComboRow       *match_row;
  GtkListBox        *rules_list;
  GtkButton         *add_button;
  GtkSpinner        *count_spinner;
  GtkLabel          *count_label;
  GtkLabel          *error_label;
};

enum { PROP_0, PROP_COUNT, PROP_READY, N_PROPS };
enum { APPLIED, SAVED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmSegmentEditor, crm_segment_editor, ADW_TYPE_WINDOW)

/* --- Fields --- */

static void
editor_field_free (gpointer data)
{
  CrmEditorField *f = data;

  g_free (f->key);
  g_free (f->label);
  g_clear_pointer (&f->choice_keys, g_ptr_array_unref);
  g_clear_pointer (&f->choice_labels, g_ptr_array_unref);
  g_free (f);
}

static void
add_custom_field (CrmSegmentEditor *self,
                  CrmCustomField   *cf)
{
  CrmEditorField *f = g_new0 (CrmEditorField, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  f->key = g_strdup_printf ("custom:%s", crm_custom_field_get_key (cf));
  f->label = g_strdup (crm_custom_field_get_label (cf));
  f->kind = crm_filter_kind_for_custom_type (crm_custom_field_get_field_type (cf));
  f->ops = crm_filter_kind_ops (f->kind);
  f->currency = crm_custom_field_get_currency (cf);
  if (f->kind == CRM_FILTER_KIND_CHOICE &&
      json_parser_load_from_data (parser, crm_custom_field_get_choices (cf), -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      f->choice_keys = g_ptr_array_new_with_free_func (g_free);
      f->choice_labels = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *obj = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
          const char *key = obj ? json_object_get_string_member_with_default (obj, "key", NULL)
                                : NULL;

          if (key == NULL)
            continue;
          g_ptr_array_add (f->choice_keys, g_strdup (key));
          g_ptr_array_add (f->choice_labels,
                           g_strdup (json_object_get_string_member_with_default (obj, "label",
                                                                                 key)));
        }
    }
  g_ptr_array_add (self->fields, f);
}

static void
build_fields (CrmSegmentEditor *self)
{
  guint n = 0;
  const CrmFilterField *builtin = crm_filter_fields (self->target, &n);
  guint n_custom = self->custom_fields ? g_list_model_get_n_items (self->custom_fields) : 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < n; i++)
    {
      CrmEditorField *f = g_new0 (CrmEditorField, 1);

      f->key = g_strdup (builtin[i].key);
      f->label = g_strdup (crm_filter_field_get_label (&builtin[i]));
      f->kind = builtin[i].kind;
      f->ops = builtin[i].ops;
      f->relation = builtin[i].relation;
      if (f->kind == CRM_FILTER_KIND_CHOICE)
        {
          f->choice_keys = g_ptr_array_new_with_free_func (g_free);
          f->choice_labels = g_ptr_array_new_with_free_func (g_free);
          for (guint c = 0; c < builtin[i].n_choices; c++)
            {
              g_ptr_array_add (f->choice_keys, g_strdup (builtin[i].choices[c].key));
              g_ptr_array_add (f->choice_labels,
                               g_strdup (crm_filter_choice_get_label (&builtin[i].choices[c])));
            }
        }
      g_ptr_array_add (self->fields, f);
    }
  for (guint i = 0; i < n_custom; i++)
    {
      g_autoptr(CrmCustomField) cf = g_list_model_get_item (self->custom_fields, i);

      add_custom_field (self, cf);
    }

  for (guint i = 0; i < self->fields->len; i++)
    g_ptr_array_add (names, ((CrmEditorField *) self->fields->pdata[i])->label);
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->field_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->field_names)),
                          (const char * const *) names->pdata);
}

const CrmEditorField *
_crm_segment_editor_get_field (CrmSegmentEditor *self,
                               guint             index)
{
  return index < self->fields->len ? self->fields->pdata[index] : NULL;
}

int
_crm_segment_editor_find_field (CrmSegmentEditor *self,
                                const char       *key)
{
  for (guint i = 0; key != NULL && i < self->fields->len; i++)
    if (g_str_equal (((CrmEditorField *) self->fields->pdata[i])->key, key))
      return i;
  return -1;
}

GtkStringList *
_crm_segment_editor_get_field_names (CrmSegmentEditor *self)
{
  return self->field_names;
}

const CrmEditorRecords *
_crm_segment_editor_get_records (CrmSegmentEditor *self,
                                 const char       *relation)
{
  if (g_strcmp0 (relation, "tag") == 0)
    return &self->tags;
  if (g_strcmp0 (relation, "staff_user") == 0)
    return &self->staff;
  return NULL;
}

CrmStore *
_crm_segment_editor_get_store (CrmSegmentEditor *self)
{
  return crm_context_get_store (self->context);
}

GCancellable *
_crm_segment_editor_get_cancellable (CrmSegmentEditor *self)
{
  return self->cancellable;
}

/* --- The filter as JSON --- */

char *
crm_segment_editor_dup_filter (CrmSegmentEditor *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CRM_IS_SEGMENT_EDITOR (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "match");
  json_builder_add_string_value (builder,
                                 adw_combo_row_get_selected (self->match_row) == 1 ? "any" : "all");
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_array (builder);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->rules_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      JsonNode *rule;

      if (!GTK_IS_LIST_BOX_ROW (row) || !_crm_segment_rule_row_is_rule (row))
        continue;
      if (!(rule = _crm_segment_rule_row_to_json (row, NULL)))
        return NULL;
      json_builder_add_value (builder, rule);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

guint
crm_segment_editor_get_n_rules (CrmSegmentEditor *self)
{
  guint n = 0;

  g_return_val_if_fail (CRM_IS_SEGMENT_EDITOR (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->rules_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && _crm_segment_rule_row_is_rule (row))
      n++;
  return n;
}

gint64
crm_segment_editor_get_count (CrmSegmentEditor *self)
{
  g_return_val_if_fail (CRM_IS_SEGMENT_EDITOR (self), -1);

  return self->count;
}

/* --- Live count --- */

static void
set_count (CrmSegmentEditor *self,
           gint64            count)
{
  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

static void
show_error (CrmSegmentEditor *self,
            const char       *message)
{
  gtk_label_set_label (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_counted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrmSegmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;
  gint64 n = crm_segment_count_finish (CRM_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_set_spinning (self->count_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->count_spinner), FALSE);
  if (error != NULL)
    {
      gtk_label_set_label (self->count_label, "");
      show_error (self, error->message);
      set_count (self, -1);
      return;
    }
  number = crm_format_count (n);
  if (g_str_equal (self->target, "organization"))
    /* TRANSLATORS: %s is a formatted number */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s organization matches",
                                         "%s organizations match", (gulong) n), number);
  else
    /* TRANSLATORS: %s is a formatted number */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s person matches",
                                         "%s people match", (gulong) n), number);
  gtk_label_set_label (self->count_label, text);
  show_error (self, NULL);
  set_count (self, n);
}

static gboolean
count_now_cb (gpointer user_data)
{
  CrmSegmentEditor *self = user_data;
  g_autofree char *json = NULL;
  g_autofree char *problem = NULL;

  self->count_source = 0;
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->rules_list));
       row != NULL && problem == NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(JsonNode) rule = NULL;

      if (GTK_IS_LIST_BOX_ROW (row) && _crm_segment_rule_row_is_rule (row) &&
          !(rule = _crm_segment_rule_row_to_json (row, &problem)))
        break;
    }
  if (problem != NULL || !(json = crm_segment_editor_dup_filter (self)))
    {
      gtk_spinner_set_spinning (self->count_spinner, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->count_spinner), FALSE);
      gtk_label_set_label (self->count_label, "");
      show_error (self, problem);
      set_count (self, -1);
      return G_SOURCE_REMOVE;
    }

  self->count_cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->count_spinner, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->count_spinner), TRUE);
  crm_segment_count_async (crm_context_get_store (self->context), self->target, json,
                           self->count_cancellable, on_counted_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

void
_crm_segment_editor_changed (CrmSegmentEditor *self)
{
  if (!self->ready)
    return;
  set_count (self, -1);
  g_clear_handle_id (&self->count_source, g_source_remove);
  self->count_source = g_timeout_add (COUNT_DELAY_MS, count_now_cb, self);
}

/* --- Rules --- */

static void
clear_rules (CrmSegmentEditor *self)
{
  GtkWidget *row;

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->rules_list, 0))))
    gtk_list_box_remove (self->rules_list, row);
}

static void
add_rule (CrmSegmentEditor *self,
          JsonObject       *rule)
{
  GtkWidget *row = _crm_segment_rule_row_new (self, rule);

  gtk_list_box_append (self->rules_list, row);
}

void
_crm_segment_editor_remove_rule (CrmSegmentEditor *self,
                                 GtkWidget        *row)
{
  gtk_list_box_remove (self->rules_list, row);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
  _crm_segment_editor_changed (self);
}

static void
apply_json (CrmSegmentEditor *self,
            const char       *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *obj;
  JsonNode *rules;

  clear_rules (self);
  adw_combo_row_set_selected (self->match_row, 0);
  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      if (json != NULL)
        show_error (self, _("The saved filter could not be read; its conditions start empty"));
      return;
    }
  obj = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (obj, "match", "all"), "any") == 0)
    adw_combo_row_set_selected (self->match_row, 1);
  rules = json_object_get_member (obj, "rules");
  if (rules != NULL && JSON_NODE_HOLDS_ARRAY (rules))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (rules)); i++)
      {
        JsonNode *node = json_array_get_element (json_node_get_array (rules), i);

        if (JSON_NODE_HOLDS_OBJECT (node))
          add_rule (self, json_node_get_object (node));
      }
}

void
crm_segment_editor_set_filter (CrmSegmentEditor *self,
                               const char       *json)
{
  g_return_if_fail (CRM_IS_SEGMENT_EDITOR (self));

  if (!self->ready)
    {
      g_free (self->pending_json);
      self->pending_json = g_strdup (json);
      return;
    }
  apply_json (self, json);
  _crm_segment_editor_changed (self);
}

/* --- Loading --- */

static void
loaded_one (CrmSegmentEditor *self)
{
  g_assert (self->n_loading > 0);

  if (--self->n_loading > 0)
    return;
  build_fields (self);
  self->ready = TRUE;
  apply_json (self, self->pending_json);
  g_clear_pointer (&self->pending_json, g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rules_list), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-rule", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
  _crm_segment_editor_changed (self);
}

static void
on_custom_fields_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmSegmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  GListModel *fields = crm_filter_load_custom_fields_finish (CRM_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not load custom fields: %s", error->message);
  g_set_object (&self->custom_fields, fields);
  g_clear_object (&fields);
  loaded_one (self);
}

static void
fill_records (CrmEditorRecords *records,
              GListModel       *model,
              const char       *property)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n = model ? g_list_model_get_n_items (model) : 0;

  g_array_set_size (records->ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmRecord) record = g_list_model_get_item (model, i);
      gint64 id = crm_record_get_id (record);

      g_array_append_val (records->ids, id);
      g_ptr_array_add (names, g_strdup (crm_record_get_text (record, property)));
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (records->names, 0, g_list_model_get_n_items (G_LIST_MODEL (records->names)),
                          (const char * const *) names->pdata);
}

static void
on_records_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrmSegmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = crm_store_query_finish (CRM_STORE (object), result, &error);
  GType type;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not load tags or staff: %s", error->message);
  else
    {
      type = g_list_model_get_item_type (model);
      if (type == CRM_TYPE_TAG)
        fill_records (&self->tags, model, "name");
      else
        fill_records (&self->staff, model, "name");
    }
  loaded_one (self);
}

static void
start_loading (CrmSegmentEditor *self)
{
  CrmStore *store = crm_context_get_store (self->context);
  g_autoptr(CrmQuery) tags = crm_query_new (CRM_TYPE_TAG);
  g_autoptr(CrmQuery) staff = crm_query_new (CRM_TYPE_STAFF_USER);

  self->ready = FALSE;
  self->n_loading = 3;
  gtk_widget_set_sensitive (GTK_WIDGET (self->rules_list), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-rule", FALSE);
  crm_query_set_order (tags, "name", FALSE);
  crm_query_set_order (staff, "name", FALSE);
  crm_filter_load_custom_fields_async (store, self->target, self->cancellable, on_custom_fields_cb,
                                       g_object_ref (self));
  crm_store_query_async (store, tags, self->cancellable, on_records_cb, g_object_ref (self));
  crm_store_query_async (store, staff, self->cancellable, on_records_cb, g_object_ref (self));
}

/* --- Actions and callbacks --- */

static void
add_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CrmSegmentEditor *self = CRM_SEGMENT_EDITOR (widget);
  GtkListBoxRow *last;

  add_rule (self, NULL);
  last = gtk_list_box_get_row_at_index (self->rules_list,
                                        (int) crm_segment_editor_get_n_rules (self) - 1);
  if (last != NULL)
    gtk_widget_grab_focus (gtk_list_box_row_get_child (last));
  _crm_segment_editor_changed (self);
}

static void
on_segment_created_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CrmSegmentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSegment) segment = crm_segment_create_finish (CRM_STORE (object), result, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), TRUE);
  if (segment == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, segment);
  gtk_window_close (GTK_WINDOW (self));
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmSegmentEditor *self = CRM_SEGMENT_EDITOR (widget);
  g_autofree char *problem = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->rules_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(JsonNode) rule = NULL;

      if (GTK_IS_LIST_BOX_ROW (row) && _crm_segment_rule_row_is_rule (row) &&
          !(rule = _crm_segment_rule_row_to_json (row, &problem)))
        {
          show_error (self, problem);
          return;
        }
    }
  json = crm_segment_editor_dup_filter (self);
  if (json == NULL || !crm_filter_validate (self->target, json, self->custom_fields, &error))
    {
      show_error (self, error ? error->message : _("A condition is incomplete"));
      return;
    }

  if (self->filter_only)
    {
      g_signal_emit (self, signals[APPLIED], 0, json);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (self->segment != NULL)
    {
      if (!crm_segment_update (self->segment, name, json, self->custom_fields, &error))
        {
          show_error (self, error->message);
          return;
        }
      g_signal_emit (self, signals[SAVED], 0, self->segment);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), FALSE);
  crm_segment_create_async (crm_context_get_store (self->context), name, self->target, json,
                            self->cancellable, on_segment_created_cb, g_object_ref (self));
}

static void
on_match_changed_cb (CrmSegmentEditor *self)
{
  _crm_segment_editor_changed (self);
}

static void
on_target_changed_cb (CrmSegmentEditor *self)
{
  const char *target = adw_combo_row_get_selected (self->target_row) == 1 ? "organization"
                                                                          : "person";

  if (g_str_equal (target, self->target))
    return;
  g_free (self->target);
  self->target = g_strdup (target);
  g_clear_pointer (&self->pending_json, g_free);
  clear_rules (self);
  start_loading (self);
}

/* --- GObject --- */

static void
crm_segment_editor_dispose (GObject *object)
{
  CrmSegmentEditor *self = CRM_SEGMENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->count_cancellable);
  g_clear_handle_id (&self->count_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SEGMENT_EDITOR);
  g_clear_object (&self->context);
  g_clear_object (&self->segment);
  g_clear_object (&self->custom_fields);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->count_cancellable);

  G_OBJECT_CLASS (crm_segment_editor_parent_class)->dispose (object);
}

static void
crm_segment_editor_finalize (GObject *object)
{
  CrmSegmentEditor *self = CRM_SEGMENT_EDITOR (object);

  g_free (self->target);
  g_free (self->pending_json);
  g_ptr_array_unref (self->fields);
  g_object_unref (self->field_names);
  g_array_unref (self->tags.ids);
  g_object_unref (self->tags.names);
  g_array_unref (self->staff.ids);
  g_object_unref (self->staff.names);

  G_OBJECT_CLASS (crm_segment_editor_parent_class)->finalize (object);
}

static void
crm_segment_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CrmSegmentEditor *self = CRM_SEGMENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_COUNT:
      g_value_set_int64 (value, self->count);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_segment_editor_class_init (CrmSegmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_segment_editor_dispose;
  object_class->finalize = crm_segment_editor_finalize;
  object_class->get_property = crm_segment_editor_get_property;

  /**
   * CrmSegmentEditor:count:
   *
   * The live count of what the conditions match; -1 while counting.
   */
  properties[PROP_COUNT] =
    g_param_spec_int64 ("count", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * CrmSegmentEditor:ready:
   *
   * Whether the fields have loaded and the conditions can be edited.
   */
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmSegmentEditor::applied:
   * @json: the filter
   *
   * A plain filter editor was applied.
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * CrmSegmentEditor::saved:
   * @segment: the created or updated segment
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, CRM_TYPE_SEGMENT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/crm-segment-editor.ui");
  /* template widgets */
  gtk_widget_class_bind_template_child (widget_class, CrmSegmentEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmSegmentEditor, done_button);
  gtk_widget_class_bind_template_child (widget_class, CrmSegmentEditor, name_group);
  gtk_widget_class_bind_template_child (widget_class, CrmSegmentEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSegmentEditor, target_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSegmentEditor, match_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSegmentEditor, rules_list);
  gtk_widget_class_bind_template_child (widget_class, CrmSegmentEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, CrmSegmentEditor, count_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmSegmentEditor, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSegmentEditor, error_label);

  gtk_widget_class_install_action (widget_class, "editor.add-rule", NULL, add_rule_action);
  gtk_widget_class_install_action (widget_class, "editor.done", NULL, done_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "editor.done", NULL);
}

/* Never wider or taller than the window it belongs to (a phone-sized
 * window is 360 px wide; the editor's own default is 720 × 600). */
static void
on_transient_for_cb (GtkWindow  *window,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  GtkWindow *parent = gtk_window_get_transient_for (window);
  int width, height;

  if (parent == NULL)
    return;
  width = gtk_widget_get_width (GTK_WIDGET (parent));
  height = gtk_widget_get_height (GTK_WIDGET (parent));
  if (width > 0 && height > 0)
    gtk_window_set_default_size (window, MIN (720, width), MIN (600, height));
}

static void
crm_segment_editor_init (CrmSegmentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::transient-for", G_CALLBACK (on_transient_for_cb), NULL);

  self->count = -1;
  self->cancellable = g_cancellable_new ();
  self->fields = g_ptr_array_new_with_free_func (editor_field_free);
  self->field_names = gtk_string_list_new (NULL);
  self->tags.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->tags.names = gtk_string_list_new (NULL);
  self->staff.ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->staff.names = gtk_string_list_new (NULL);
  g_signal_connect_swapped (self->match_row, "notify::selected",
                            G_CALLBACK (on_match_changed_cb), self);
}

static CrmSegmentEditor *
editor_new (CrmContext *context,
            const char *target)
{
  CrmSegmentEditor *self = g_object_new (CRM_TYPE_SEGMENT_EDITOR, NULL);

  self->context = g_object_ref (context);
  self->target = g_strdup (g_strcmp0 (target, "organization") == 0 ? "organization" : "person");
  adw_combo_row_set_selected (self->target_row, g_str_equal (self->target, "organization"));
  return self;
}

CrmSegmentEditor *
crm_segment_editor_new (CrmContext *context,
                        CrmSegment *segment,
                        const char *target)
{
  CrmSegmentEditor *self;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (segment == NULL || CRM_IS_SEGMENT (segment), NULL);

  self = editor_new (context, segment ? crm_segment_get_target (segment) : target);
  gtk_button_set_label (self->done_button, _("_Save"));
  if (segment != NULL)
    {
      self->segment = g_object_ref (segment);
      adw_window_title_set_title (self->window_title, _("Edit Segment"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), crm_segment_get_name (segment));
      /* what a segment lists is fixed once it exists (campaigns rely on it) */
      gtk_widget_set_visible (GTK_WIDGET (self->target_row), FALSE);
      self->pending_json = g_strdup (crm_segment_get_filter (segment));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("New Segment"));
      /* a new segment starts with its name */
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
      g_signal_connect_swapped (self->target_row, "notify::selected",
                                G_CALLBACK (on_target_changed_cb), self);
    }
  start_loading (self);
  return self;
}

CrmSegmentEditor *
crm_segment_editor_new_for_filter (CrmContext *context,
                                   const char *target,
                                   const char *json)
{
  CrmSegmentEditor *self;

  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  self = editor_new (context, target);
  self->filter_only = TRUE;
  gtk_button_set_label (self->done_button, _("_Apply"));
  adw_window_title_set_title (self->window_title, _("Filter"));
  gtk_widget_set_visible (GTK_WIDGET (self->name_group), FALSE);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->add_button));
  self->pending_json = g_strdup (json);
  start_loading (self);
  return self;
}

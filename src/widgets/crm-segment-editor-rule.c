/* crm-segment-editor-rule.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One condition of the segment editor: field, operator and a value widget
 * that fits the field's kind and the operator.
 */

#define G_LOG_DOMAIN "CrmSegmentEditor"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "crm-segment-editor-private.h"
#include "crm-format.h"
#include "crm-models.h"
#include "crm-query.h"
#include "crm-store.h"

#define ORG_DELAY_MS 300

typedef struct
{
  CrmSegmentEditor *editor;        /* unowned: the row lives inside it */
  GtkWidget        *row;           /* unowned */
  GtkDropDown      *field_dd;
  GtkDropDown      *op_dd;
  GtkBox           *value_box;
  GArray           *ops;           /* CrmFilterOp offered, in op_dd's order */
  GtkStringList    *op_names;
  GtkEditable      *entry1, *entry2;
  GtkSpinButton    *spin1, *spin2;
  GtkDropDown      *value_dd;
  GPtrArray        *checks;        /* GtkCheckButton, for choice "is one of" */
  GtkLabel         *org_label;
  gint64            org_id;
  guint             org_source;
  GCancellable     *org_cancellable;
  gboolean          building;
} RuleRow;

static void rebuild_value (RuleRow *rr, JsonNode *value);

static void
rule_row_free (gpointer data)
{
  RuleRow *rr = data;

  g_clear_handle_id (&rr->org_source, g_source_remove);
  g_cancellable_cancel (rr->org_cancellable);
  g_clear_object (&rr->org_cancellable);
  g_array_unref (rr->ops);
  g_object_unref (rr->op_names);
  g_clear_pointer (&rr->checks, g_ptr_array_unref);
  g_free (rr);
}

static RuleRow *
rule_row (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "crm-rule");
}

gboolean
_crm_segment_rule_row_is_rule (GtkWidget *row)
{
  return rule_row (row) != NULL;
}

static const CrmEditorField *
current_field (RuleRow *rr)
{
  return _crm_segment_editor_get_field (rr->editor, gtk_drop_down_get_selected (rr->field_dd));
}

static CrmFilterOp
current_op (RuleRow *rr)
{
  guint i = gtk_drop_down_get_selected (rr->op_dd);

  return i < rr->ops->len ? g_array_index (rr->ops, CrmFilterOp, i) : CRM_FILTER_OP_EQ;
}

static void
changed (RuleRow *rr)
{
  if (!rr->building)
    _crm_segment_editor_changed (rr->editor);
}

/* --- Small value widgets --- */

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  int y, m, d, n = 0;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
      text[n] != '\0' || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static guint
money_digits (RuleRow *rr)
{
  const CrmEditorField *f = current_field (rr);

  return crm_format_currency_digits (f && f->currency && *f->currency ? f->currency : "USD");
}

static GtkEditable *
add_entry (RuleRow    *rr,
           const char *accessible,
           const char *placeholder,
           const char *text)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (changed), rr);
  gtk_box_append (rr->value_box, entry);
  return GTK_EDITABLE (entry);
}

static GtkSpinButton *
add_spin (RuleRow    *rr,
          const char *accessible,
          guint       digits,
          double      min,
          double      max,
          double      value)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_hexpand (spin, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (changed), rr);
  gtk_box_append (rr->value_box, spin);
  return GTK_SPIN_BUTTON (spin);
}

static void
add_label (RuleRow    *rr,
           const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (rr->value_box, label);
}

/* GTK 4.8 gives the toggle button inside a drop-down, which is what takes
 * the focus, no name of its own: it gets the drop-down's. */
static void
label_drop_down (GtkWidget  *dd,
                 const char *label)
{
  GtkWidget *button = gtk_widget_get_first_child (dd);

  gtk_accessible_update_property (GTK_ACCESSIBLE (dd), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (GTK_IS_TOGGLE_BUTTON (button))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
}

static GtkDropDown *
add_drop_down (RuleRow    *rr,
               GListModel *model,
               const char *accessible)
{
  GtkWidget *dd = gtk_drop_down_new (g_object_ref (model), NULL);

  gtk_widget_set_hexpand (dd, TRUE);
  label_drop_down (dd, accessible);
  g_signal_connect_swapped (dd, "notify::selected", G_CALLBACK (changed), rr);
  gtk_box_append (rr->value_box, dd);
  return GTK_DROP_DOWN (dd);
}

static double
node_number (JsonNode *node,
             guint     index)
{
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    node = json_array_get_length (json_node_get_array (node)) > index
           ? json_array_get_element (json_node_get_array (node), index) : NULL;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return 0;
}

static const char *
node_string (JsonNode *node,
             guint     index)
{
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    node = json_array_get_length (json_node_get_array (node)) > index
           ? json_array_get_element (json_node_get_array (node), index) : NULL;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
node_has_string (JsonNode   *node,
                 const char *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_strcmp0 (node_string (node, 0), value) == 0;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    if (g_strcmp0 (node_string (node, i), value) == 0)
      return TRUE;
  return FALSE;
}

/* --- Organizations, found by name --- */

static void
on_org_found_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GtkWidget *row = user_data;   /* a ref */
  RuleRow *rr = rule_row (row);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = crm_store_query_finish (CRM_STORE (object), result, &error);

  if (rr == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      rr->org_label == NULL)
    {
      g_object_unref (row);
      return;
    }
  if (found != NULL && g_list_model_get_n_items (found) > 0)
    {
      g_autoptr(CrmOrganization) org = g_list_model_get_item (found, 0);

      rr->org_id = crm_record_get_id (CRM_RECORD (org));
      gtk_label_set_label (rr->org_label, crm_organization_get_name (org));
    }
  else
    {
      rr->org_id = 0;
      gtk_label_set_label (rr->org_label, _("No organization found"));
    }
  changed (rr);
  g_object_unref (row);
}

static gboolean
find_org_cb (gpointer user_data)
{
  RuleRow *rr = user_data;
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_ORGANIZATION);
  const char *text = gtk_editable_get_text (rr->entry1);

  rr->org_source = 0;
  g_cancellable_cancel (rr->org_cancellable);
  g_clear_object (&rr->org_cancellable);
  if (*text == '\0')
    {
      rr->org_id = 0;
      gtk_label_set_label (rr->org_label, "");
      changed (rr);
      return G_SOURCE_REMOVE;
    }
  rr->org_cancellable = g_cancellable_new ();
  crm_query_add_text (query, "name", CRM_QUERY_PREFIX, text);
  crm_query_set_limit (query, 1);
  crm_store_query_async (_crm_segment_editor_get_store (rr->editor), query, rr->org_cancellable,
                         on_org_found_cb, g_object_ref (rr->row));
  return G_SOURCE_REMOVE;
}

static void
on_org_entry_changed_cb (RuleRow *rr)
{
  if (rr->building)
    return;
  rr->org_id = 0;
  g_clear_handle_id (&rr->org_source, g_source_remove);
  rr->org_source = g_timeout_add (ORG_DELAY_MS, find_org_cb, rr);
  changed (rr);
}

static void
on_org_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GtkWidget *row = user_data;   /* a ref */
  RuleRow *rr = rule_row (row);
  g_autoptr(CrmRecord) org = crm_store_load_finish (CRM_STORE (object), result, NULL);

  if (rr != NULL && rr->entry1 != NULL && rr->org_label != NULL && org != NULL &&
      crm_record_get_id (org) == rr->org_id)
    {
      rr->building = TRUE;
      gtk_editable_set_text (rr->entry1, crm_organization_get_name (CRM_ORGANIZATION (org)));
      gtk_label_set_label (rr->org_label, "");
      rr->building = FALSE;
    }
  g_object_unref (row);
}

static void
build_org_value (RuleRow  *rr,
                 JsonNode *value)
{
  GtkWidget *label = gtk_label_new ("");

  rr->entry1 = add_entry (rr, _("Organization name"), _("Organization name"), NULL);
  g_signal_connect_swapped (rr->entry1, "changed", G_CALLBACK (on_org_entry_changed_cb), rr);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (rr->value_box, label);
  rr->org_label = GTK_LABEL (label);
  rr->org_id = (gint64) node_number (value, 0);
  if (rr->org_id != 0)
    crm_store_load_async (_crm_segment_editor_get_store (rr->editor), CRM_TYPE_ORGANIZATION,
                          rr->org_id, _crm_segment_editor_get_cancellable (rr->editor),
                          on_org_loaded_cb, g_object_ref (rr->row));
}

/* --- Building the value widgets --- */

static void
build_choice_in (RuleRow              *rr,
                 const CrmEditorField *f,
                 JsonNode             *value)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 3);
  gtk_widget_set_hexpand (box, TRUE);
  rr->checks = g_ptr_array_new ();
  for (guint i = 0; f->choice_keys && i < f->choice_keys->len; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (f->choice_labels->pdata[i]);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   node_has_string (value, f->choice_keys->pdata[i]));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (changed), rr);
      gtk_flow_box_append (GTK_FLOW_BOX (box), check);
      g_ptr_array_add (rr->checks, check);
    }
  gtk_box_append (rr->value_box, box);
}

static void
build_choice (RuleRow              *rr,
              const CrmEditorField *f,
              JsonNode             *value)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *key = node_string (value, 0);

  for (guint i = 0; f->choice_labels && i < f->choice_labels->len; i++)
    gtk_string_list_append (labels, f->choice_labels->pdata[i]);
  rr->value_dd = add_drop_down (rr, G_LIST_MODEL (labels), _("Value"));
  for (guint i = 0; key && f->choice_keys && i < f->choice_keys->len; i++)
    if (g_str_equal (f->choice_keys->pdata[i], key))
      gtk_drop_down_set_selected (rr->value_dd, i);
}

static void
build_records (RuleRow              *rr,
               const CrmEditorField *f,
               JsonNode             *value)
{
  const CrmEditorRecords *records = _crm_segment_editor_get_records (rr->editor, f->relation);
  gint64 id = (gint64) node_number (value, 0);

  if (records == NULL)
    return;
  rr->value_dd = add_drop_down (rr, G_LIST_MODEL (records->names), f->label);
  for (guint i = 0; i < records->ids->len; i++)
    if (g_array_index (records->ids, gint64, i) == id)
      gtk_drop_down_set_selected (rr->value_dd, i);
}

static void
build_dates (RuleRow     *rr,
             CrmFilterOp  op,
             JsonNode    *value)
{
  rr->entry1 = add_entry (rr, op == CRM_FILTER_OP_BETWEEN ? _("From") : _("Date"),
                          _("YYYY-MM-DD"), node_string (value, 0));
  if (op == CRM_FILTER_OP_BETWEEN)
    {
      /* TRANSLATORS: between two values of a condition */
      add_label (rr, C_("filter range", "and"));
      rr->entry2 = add_entry (rr, _("To"), _("YYYY-MM-DD"), node_string (value, 1));
    }
}

static void
build_numbers (RuleRow              *rr,
               const CrmEditorField *f,
               CrmFilterOp           op,
               JsonNode             *value)
{
  gboolean money = f->kind == CRM_FILTER_KIND_MONEY;
  guint digits = money ? money_digits (rr) : 0;
  double scale = pow (10, digits);
  double max = money ? 1e13 : 1e15;

  gboolean age = g_str_equal (f->key, "age");
  double lo = value ? node_number (value, 0) / scale : age ? (op == CRM_FILTER_OP_BETWEEN ? 25 : 30) : 0;
  double hi = value ? node_number (value, 1) / scale : age ? 34 : 0;

  if (age)
    max = 150;
  rr->spin1 = add_spin (rr, op == CRM_FILTER_OP_BETWEEN ? _("From") : _("Value"), digits,
                        age ? 0 : -max, max, lo);
  if (op == CRM_FILTER_OP_BETWEEN)
    {
      add_label (rr, C_("filter range", "and"));
      rr->spin2 = add_spin (rr, _("To"), digits, age ? 0 : -max, max, hi);
    }
}

static void
clear_value (RuleRow *rr)
{
  GtkWidget *child;

  g_clear_handle_id (&rr->org_source, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (rr->value_box))))
    gtk_box_remove (rr->value_box, child);
  rr->entry1 = rr->entry2 = NULL;
  rr->spin1 = rr->spin2 = NULL;
  rr->value_dd = NULL;
  rr->org_label = NULL;
  rr->org_id = 0;
  g_clear_pointer (&rr->checks, g_ptr_array_unref);
}

static void
rebuild_value (RuleRow  *rr,
               JsonNode *value)
{
  const CrmEditorField *f = current_field (rr);
  CrmFilterOp op = current_op (rr);
  g_autoptr(GtkStringList) yes_no = NULL;

  clear_value (rr);
  if (f == NULL || op == CRM_FILTER_OP_IS_SET || op == CRM_FILTER_OP_NOT_SET)
    return;

  if (op == CRM_FILTER_OP_WITHIN_DAYS || op == CRM_FILTER_OP_OLDER_DAYS)
    {
      rr->spin1 = add_spin (rr, _("Days"), 0, 0, 36500, value ? node_number (value, 0) : 30);
      add_label (rr, _("days"));
      return;
    }

  switch (f->kind)
    {
    case CRM_FILTER_KIND_INT:
    case CRM_FILTER_KIND_MONEY:
      build_numbers (rr, f, op, value);
      break;
    case CRM_FILTER_KIND_DATE:
    case CRM_FILTER_KIND_TIMESTAMP:
      build_dates (rr, op, value);
      break;
    case CRM_FILTER_KIND_BOOL:
      yes_no = gtk_string_list_new (NULL);
      gtk_string_list_append (yes_no, C_("filter value", "yes"));
      gtk_string_list_append (yes_no, C_("filter value", "no"));
      rr->value_dd = add_drop_down (rr, G_LIST_MODEL (yes_no), f->label);
      if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
          json_node_get_value_type (value) == G_TYPE_BOOLEAN && !json_node_get_boolean (value))
        gtk_drop_down_set_selected (rr->value_dd, 1);
      break;
    case CRM_FILTER_KIND_CHOICE:
      if (op == CRM_FILTER_OP_IN)
        build_choice_in (rr, f, value);
      else
        build_choice (rr, f, value);
      break;
    case CRM_FILTER_KIND_RELATION:
      if (g_strcmp0 (f->relation, "organization") == 0)
        build_org_value (rr, value);
      else
        build_records (rr, f, value);
      break;
    case CRM_FILTER_KIND_TEXT:
    default:
      if (op == CRM_FILTER_OP_IN)
        {
          g_autoptr(GString) joined = g_string_new (NULL);

          for (guint i = 0; value && JSON_NODE_HOLDS_ARRAY (value) &&
                            i < json_array_get_length (json_node_get_array (value)); i++)
            g_string_append_printf (joined, "%s%s", i ? ", " : "", node_string (value, i));
          rr->entry1 = add_entry (rr, _("Values, separated by commas"),
                                  _("Values, separated by commas"), joined->str);
        }
      else
        rr->entry1 = add_entry (rr, _("Value"), NULL, node_string (value, 0));
      break;
    }
}

static void
rebuild_ops (RuleRow     *rr,
             CrmFilterOp  wanted)
{
  const CrmEditorField *f = current_field (rr);
  guint selected = 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_array_set_size (rr->ops, 0);
  for (CrmFilterOp op = 0; f != NULL && op < CRM_FILTER_N_OPS; op++)
    if (f->ops & CRM_FILTER_OP_MASK (op))
      {
        if (op == wanted)
          selected = rr->ops->len;
        g_array_append_val (rr->ops, op);
        g_ptr_array_add (names, (gpointer) crm_filter_op_get_label (op, f->kind));
      }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (rr->op_names, 0, g_list_model_get_n_items (G_LIST_MODEL (rr->op_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (rr->op_dd, selected);
}

static void
on_field_changed_cb (RuleRow *rr)
{
  if (rr->building)
    return;
  rr->building = TRUE;
  rebuild_ops (rr, CRM_FILTER_OP_EQ);
  rebuild_value (rr, NULL);
  rr->building = FALSE;
  changed (rr);
}

static void
on_op_changed_cb (RuleRow *rr)
{
  if (rr->building)
    return;
  rr->building = TRUE;
  rebuild_value (rr, NULL);
  rr->building = FALSE;
  changed (rr);
}

static void
on_remove_clicked_cb (RuleRow *rr)
{
  _crm_segment_editor_remove_rule (rr->editor, rr->row);
}

GtkWidget *
_crm_segment_rule_row_new (CrmSegmentEditor *editor,
                           JsonObject       *rule)
{
  RuleRow *rr = g_new0 (RuleRow, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *value_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  const char *key = rule ? json_object_get_string_member_with_default (rule, "field", NULL) : NULL;
  const char *op_key = rule ? json_object_get_string_member_with_default (rule, "op", NULL) : NULL;
  CrmFilterOp op = CRM_FILTER_OP_EQ;
  int field = _crm_segment_editor_find_field (editor, key);

  rr->editor = editor;
  rr->row = row;
  rr->ops = g_array_new (FALSE, FALSE, sizeof (CrmFilterOp));
  rr->op_names = gtk_string_list_new (NULL);
  rr->building = TRUE;
  g_object_set_data_full (G_OBJECT (row), "crm-rule", rr, rule_row_free);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  rr->field_dd = GTK_DROP_DOWN (gtk_drop_down_new (
    g_object_ref (G_LIST_MODEL (_crm_segment_editor_get_field_names (editor))), NULL));
  label_drop_down (GTK_WIDGET (rr->field_dd), _("Field"));
  gtk_drop_down_set_expression (rr->field_dd,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_enable_search (rr->field_dd, TRUE);
  rr->op_dd = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (rr->op_names)), NULL));
  label_drop_down (GTK_WIDGET (rr->op_dd), _("Condition"));
  rr->value_box = GTK_BOX (value_box);
  gtk_widget_set_hexpand (value_box, TRUE);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Condition"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Condition"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Condition"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (rr->field_dd));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (rr->op_dd));
  gtk_box_append (GTK_BOX (box), value_box);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_drop_down_set_selected (rr->field_dd, field >= 0 ? (guint) field : 0);
  if (op_key != NULL)
    crm_filter_op_from_key (op_key, &op);
  rebuild_ops (rr, op);
  rebuild_value (rr, rule ? json_object_get_member (rule, "value") : NULL);
  rr->building = FALSE;

  g_signal_connect_swapped (rr->field_dd, "notify::selected", G_CALLBACK (on_field_changed_cb), rr);
  g_signal_connect_swapped (rr->op_dd, "notify::selected", G_CALLBACK (on_op_changed_cb), rr);
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), rr);
  return row;
}

/* --- To JSON --- */

static gboolean
day_value (JsonBuilder  *builder,
           GtkEditable  *entry,
           char        **problem)
{
  GDate date;
  const char *text = gtk_editable_get_text (entry);

  if (!parse_day (text, &date))
    {
      if (problem)
        *problem = g_strdup (_("Enter dates as YYYY-MM-DD"));
      return FALSE;
    }
  json_builder_add_string_value (builder, text);
  return TRUE;
}

static gint64
spin_value (RuleRow       *rr,
            GtkSpinButton *spin)
{
  const CrmEditorField *f = current_field (rr);
  double v = gtk_spin_button_get_value (spin);

  if (f->kind == CRM_FILTER_KIND_MONEY)
    return (gint64) llround (v * pow (10, money_digits (rr)));
  return (gint64) llround (v);
}

static gboolean
add_value (RuleRow     *rr,
           JsonBuilder *builder,
           char       **problem)
{
  const CrmEditorField *f = current_field (rr);
  CrmFilterOp op = current_op (rr);

  if (op == CRM_FILTER_OP_WITHIN_DAYS || op == CRM_FILTER_OP_OLDER_DAYS)
    {
      json_builder_add_int_value (builder, (gint64) gtk_spin_button_get_value (rr->spin1));
      return TRUE;
    }

  switch (f->kind)
    {
    case CRM_FILTER_KIND_INT:
    case CRM_FILTER_KIND_MONEY:
      if (op == CRM_FILTER_OP_BETWEEN)
        {
          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, spin_value (rr, rr->spin1));
          json_builder_add_int_value (builder, spin_value (rr, rr->spin2));
          json_builder_end_array (builder);
        }
      else
        json_builder_add_int_value (builder, spin_value (rr, rr->spin1));
      return TRUE;
    case CRM_FILTER_KIND_DATE:
    case CRM_FILTER_KIND_TIMESTAMP:
      if (op != CRM_FILTER_OP_BETWEEN)
        return day_value (builder, rr->entry1, problem);
      json_builder_begin_array (builder);
      if (!day_value (builder, rr->entry1, problem) || !day_value (builder, rr->entry2, problem))
        return FALSE;
      json_builder_end_array (builder);
      return TRUE;
    case CRM_FILTER_KIND_BOOL:
      json_builder_add_boolean_value (builder, gtk_drop_down_get_selected (rr->value_dd) == 0);
      return TRUE;
    case CRM_FILTER_KIND_CHOICE:
      if (op == CRM_FILTER_OP_IN)
        {
          json_builder_begin_array (builder);
          for (guint i = 0; rr->checks && i < rr->checks->len; i++)
            if (gtk_check_button_get_active (rr->checks->pdata[i]))
              json_builder_add_string_value (builder, f->choice_keys->pdata[i]);
          json_builder_end_array (builder);
          return TRUE;
        }
      if (f->choice_keys == NULL || gtk_drop_down_get_selected (rr->value_dd) >= f->choice_keys->len)
        {
          if (problem)
            *problem = g_strdup (_("This field has no choices"));
          return FALSE;
        }
      json_builder_add_string_value (builder,
                                     f->choice_keys->pdata[gtk_drop_down_get_selected (rr->value_dd)]);
      return TRUE;
    case CRM_FILTER_KIND_RELATION:
      {
        const CrmEditorRecords *records = _crm_segment_editor_get_records (rr->editor, f->relation);
        guint i = rr->value_dd ? gtk_drop_down_get_selected (rr->value_dd) : GTK_INVALID_LIST_POSITION;
        gint64 id = records && i < records->ids->len ? g_array_index (records->ids, gint64, i)
                                                     : rr->org_id;

        if (id == 0)
          {
            if (problem)
              *problem = g_strdup (g_strcmp0 (f->relation, "organization") == 0
                                   ? _("Type the name of an organization")
                                   : _("Choose a value for every condition"));
            return FALSE;
          }
        json_builder_add_int_value (builder, id);
        return TRUE;
      }
    case CRM_FILTER_KIND_TEXT:
    default:
      if (op == CRM_FILTER_OP_IN)
        {
          g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (rr->entry1), ",", -1);

          json_builder_begin_array (builder);
          for (guint i = 0; parts[i]; i++)
            if (*g_strstrip (parts[i]) != '\0')
              json_builder_add_string_value (builder, parts[i]);
          json_builder_end_array (builder);
          return TRUE;
        }
      if (*gtk_editable_get_text (rr->entry1) == '\0')
        {
          if (problem)
            *problem = g_strdup (_("Type a value for every condition"));
          return FALSE;
        }
      json_builder_add_string_value (builder, gtk_editable_get_text (rr->entry1));
      return TRUE;
    }
}

JsonNode *
_crm_segment_rule_row_to_json (GtkWidget  *row,
                               char      **problem)
{
  RuleRow *rr = rule_row (row);
  const CrmEditorField *f = current_field (rr);
  CrmFilterOp op = current_op (rr);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (f == NULL)
    {
      if (problem)
        *problem = g_strdup (_("Choose a field for every condition"));
      return NULL;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "field");
  json_builder_add_string_value (builder, f->key);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, crm_filter_op_to_key (op));
  if (op != CRM_FILTER_OP_IS_SET && op != CRM_FILTER_OP_NOT_SET)
    {
      json_builder_set_member_name (builder, "value");
      if (!add_value (rr, builder, problem))
        return NULL;
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* crm-duplicates-window-merge.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The merge page of the duplicates window: the record to keep (by default
 * the most complete, then the oldest), every field whose value differs
 * between the records with a choice of value (by default the kept record's,
 * or the first filled one when it has none), what moves to the kept record,
 * and "Merge" / "Not Duplicates".  Actions "merge.keep" (x) and
 * "merge.choose" ((sx): property, record id) are the keyboard- and
 * test-friendly twins of the radio buttons.
 */

#define G_LOG_DOMAIN "CrmDuplicatesWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-duplicates-window-private.h"
#include "crm-context.h"
#include "crm-format.h"
#include "crm-organization.h"
#include "crm-person.h"
#include "crm-record.h"
#include "crm-staff-user.h"
#include "crm-store.h"



static CrmStore *
get_store (CrmDuplicatesWindow *self)
{
  return self->context != NULL ? crm_context_get_store (self->context) : NULL;
}

static CrmDedupeKind
current_kind (CrmDuplicatesWindow *self)
{
  return crm_duplicate_item_get_kind (self->current);
}


/* The most complete record; among equals the oldest. */
static gint64
default_survivor (CrmDuplicatesWindow *self)
{
  CrmRecord *best = NULL;
  guint best_filled = 0;

  for (guint i = 0; i < self->records->len; i++)
    {
      CrmRecord *record = self->records->pdata[i];
      guint filled = _crm_duplicates_count_filled (record, current_kind (self));

      if (best == NULL || filled > best_filled
          || (filled == best_filled && crm_record_get_created (record) < crm_record_get_created (best)))
        {
          best = record;
          best_filled = filled;
        }
    }
  return best != NULL ? crm_record_get_id (best) : 0;
}

static CrmRecord *
find_record (CrmDuplicatesWindow *self,
             gint64               id)
{
  for (guint i = 0; self->records != NULL && i < self->records->len; i++)
    if (crm_record_get_id (self->records->pdata[i]) == id)
      return self->records->pdata[i];
  return NULL;
}


static void
clear_form (CrmDuplicatesWindow *self)
{
  for (guint i = 0; self->form_rows != NULL && i < self->form_rows->len; i++)
    {
      GtkWidget *row = self->form_rows->pdata[i];
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  if (self->form_rows != NULL)
    g_ptr_array_set_size (self->form_rows, 0);
  if (self->survivor_checks != NULL)
    g_ptr_array_set_size (self->survivor_checks, 0);
  if (self->choice_checks != NULL)
    g_ptr_array_set_size (self->choice_checks, 0);
  if (self->choice_rows != NULL)
    g_hash_table_remove_all (self->choice_rows);
  if (self->choices != NULL)
    g_hash_table_remove_all (self->choices);
}

static void
add_row (CrmDuplicatesWindow *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->form_rows, row);
}

static GtkWidget *
new_radio (GtkWidget  *group_with,
           const char *accessible_label)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group_with != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group_with));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return check;
}

/* --- what moves --- */


typedef struct
{
  CrmDuplicatesWindow *self;
  guint                serial;
} CountRequest;

static void
on_counted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CountRequest *request = user_data;
  g_autoptr(CrmDuplicatesWindow) self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) counts = crm_dedupe_count_related_finish (CRM_STORE (object), result, &error);
  GVariantIter iter;
  const char *table;
  gint64 n;
  gboolean any = FALSE;
  guint serial = request->serial;

  g_free (request);
  /* A later survivor choice asked again: this answer is stale. */
  if (serial != self->count_serial || self->current == NULL)
    return;
  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count related records: %s", error->message);
      return;
    }

  {
    guint n_losers = self->records->len - 1;
    g_autofree char *text = NULL;
    GtkWidget *row = adw_action_row_new ();

    text = g_strdup_printf (ngettext ("%u record goes to the trash", "%u records go to the trash",
                                      n_losers), n_losers);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
    add_row (self, self->moves_group, row);
  }

  g_variant_iter_init (&iter, counts);
  while (g_variant_iter_next (&iter, "{&sx}", &table, &n))
    {
      g_autofree char *text = n > 0 ? _crm_duplicates_describe_count (table, n) : NULL;
      GtkWidget *row;

      if (text == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      g_object_set_data_full (G_OBJECT (row), "table", g_strdup (table), g_free);
      add_row (self, self->moves_group, row);
      any = TRUE;
    }
  if (!any)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nothing else is linked to the other records"));
      add_row (self, self->moves_group, row);
    }
}

static void
update_moves (CrmDuplicatesWindow *self)
{
  g_autoptr(GArray) losers = g_array_new (FALSE, FALSE, sizeof (gint64));
  CountRequest *request;

  /* Remove the previous answer's rows (tagged by their group). */
  for (guint i = self->form_rows->len; i > 0; i--)
    {
      GtkWidget *row = self->form_rows->pdata[i - 1];

      if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (self->moves_group))
        {
          adw_preferences_group_remove (self->moves_group, row);
          g_ptr_array_remove_index (self->form_rows, i - 1);
        }
    }

  for (guint i = 0; i < self->records->len; i++)
    {
      gint64 id = crm_record_get_id (self->records->pdata[i]);

      if (id != self->survivor)
        g_array_append_val (losers, id);
    }

  request = g_new0 (CountRequest, 1);
  request->self = g_object_ref (self);
  request->serial = ++self->count_serial;
  crm_dedupe_count_related_async (get_store (self), current_kind (self),
                                  (const gint64 *) (gpointer) losers->data, losers->len,
                                  self->merge_cancellable, on_counted_cb, request);
}

/* --- choices --- */

static void
set_choice (CrmDuplicatesWindow *self,
            const char          *property,
            gint64               id)
{
  AdwExpanderRow *row = g_hash_table_lookup (self->choice_rows, property);
  const FieldDef *field = _crm_duplicates_find_field (current_kind (self), property);
  CrmRecord *record = find_record (self, id);
  g_autofree char *value = NULL;

  if (row == NULL || field == NULL || record == NULL)
    return;

  g_hash_table_insert (self->choices, g_strdup (property), g_memdup2 (&id, sizeof id));
  value = _crm_duplicates_dup_display_value (get_store (self), current_kind (self), record, field);
  adw_expander_row_set_subtitle (row, value);

  for (guint i = 0; i < self->choice_checks->len; i++)
    {
      GtkCheckButton *check = self->choice_checks->pdata[i];

      if (g_strcmp0 (g_object_get_data (G_OBJECT (check), "property"), property) == 0
          && *(gint64 *) g_object_get_data (G_OBJECT (check), "record-id") == id
          && !gtk_check_button_get_active (check))
        gtk_check_button_set_active (check, TRUE);
    }
}

static void
on_choice_toggled_cb (CrmDuplicatesWindow *self,
                      GtkCheckButton      *check)
{
  if (!gtk_check_button_get_active (check))
    return;

  set_choice (self, g_object_get_data (G_OBJECT (check), "property"),
              *(gint64 *) g_object_get_data (G_OBJECT (check), "record-id"));
}

/* Each field takes the kept record's value, or the first filled one. */
static void
choose_defaults (CrmDuplicatesWindow *self)
{
  CrmRecord *survivor = find_record (self, self->survivor);
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GPtrArray) properties = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_iter_init (&iter, self->choice_rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (properties, g_strdup (key));

  for (guint p = 0; p < properties->len; p++)
    {
      const FieldDef *field = _crm_duplicates_find_field (current_kind (self), properties->pdata[p]);
      gint64 choice = self->survivor;

      if (_crm_duplicates_value_is_empty (survivor, field))
        for (guint i = 0; i < self->records->len; i++)
          if (!_crm_duplicates_value_is_empty (self->records->pdata[i], field))
            {
              choice = crm_record_get_id (self->records->pdata[i]);
              break;
            }
      set_choice (self, field->property, choice);
    }
}

static void
set_survivor (CrmDuplicatesWindow *self,
              gint64               id)
{
  CrmRecord *record = find_record (self, id);

  if (record == NULL)
    return;

  self->survivor = id;
  for (guint i = 0; i < self->survivor_checks->len; i++)
    {
      GtkCheckButton *check = self->survivor_checks->pdata[i];

      if (*(gint64 *) g_object_get_data (G_OBJECT (check), "record-id") == id
          && !gtk_check_button_get_active (check))
        gtk_check_button_set_active (check, TRUE);
    }
  choose_defaults (self);
  update_moves (self);
}

static void
on_survivor_toggled_cb (CrmDuplicatesWindow *self,
                        GtkCheckButton      *check)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (check), "record-id");

  if (gtk_check_button_get_active (check) && id != self->survivor)
    set_survivor (self, id);
}

static GtkWidget *
new_choice_check (CrmDuplicatesWindow *self,
                  GtkWidget           *group_with,
                  const char          *property,
                  gint64               id,
                  const char          *accessible_label,
                  GCallback            toggled)
{
  GtkWidget *check = new_radio (group_with, accessible_label);

  if (property != NULL)
    g_object_set_data_full (G_OBJECT (check), "property", g_strdup (property), g_free);
  g_object_set_data_full (G_OBJECT (check), "record-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (check, "toggled", toggled, self, G_CONNECT_SWAPPED);
  return check;
}

/* --- the form --- */

static void
build_survivor_rows (CrmDuplicatesWindow *self)
{
  GtkWidget *first = NULL;

  for (guint i = 0; i < self->records->len; i++)
    {
      CrmRecord *record = self->records->pdata[i];
      guint filled = _crm_duplicates_count_filled (record, current_kind (self));
      g_autofree char *date = crm_format_date (crm_record_get_created (record));
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check;

      /* Translators: %1$s is a date, %2$u a number of filled-in fields */
      subtitle = g_strdup_printf (ngettext ("Added %1$s · %2$u field filled in",
                                            "Added %1$s · %2$u fields filled in", filled),
                                  date, filled);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _crm_duplicates_record_name (record));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      check = new_choice_check (self, first, NULL, crm_record_get_id (record),
                                _crm_duplicates_record_name (record),
                                G_CALLBACK (on_survivor_toggled_cb));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_ptr_array_add (self->survivor_checks, check);
      add_row (self, self->survivor_group, row);
      first = first != NULL ? first : check;
    }
}

static void
build_field_rows (CrmDuplicatesWindow *self)
{
  guint n_fields;
  const FieldDef *fields = _crm_duplicates_fields (current_kind (self), &n_fields);
  gboolean any = FALSE;

  for (guint f = 0; f < n_fields; f++)
    {
      g_autofree char *first_value = NULL;
      gboolean differs = FALSE;
      GtkWidget *expander, *first = NULL;

      for (guint i = 0; i < self->records->len && !differs; i++)
        {
          g_autofree char *value = _crm_duplicates_dup_raw_value (self->records->pdata[i], &fields[f]);

          if (i == 0)
            first_value = g_steal_pointer (&value);
          else
            differs = g_strcmp0 (first_value, value) != 0;
        }
      if (!differs)
        continue;

      any = TRUE;
      expander = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _(fields[f].label));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      g_hash_table_insert (self->choice_rows, g_strdup (fields[f].property), expander);

      for (guint i = 0; i < self->records->len; i++)
        {
          CrmRecord *record = self->records->pdata[i];
          g_autofree char *value = _crm_duplicates_dup_display_value (get_store (self), current_kind (self),
                                                                      record, &fields[f]);
          g_autofree char *accessible = NULL;
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *check;

          /* Translators: %1$s is a field value, %2$s the name of the record it is from */
          accessible = g_strdup_printf (_("%1$s, from %2$s"), value,
                                        _crm_duplicates_record_name (record));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _crm_duplicates_record_name (record));
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
          if (_crm_duplicates_value_is_empty (record, &fields[f]))
            gtk_widget_add_css_class (row, "dim-label");
          check = new_choice_check (self, first, fields[f].property, crm_record_get_id (record),
                                    accessible, G_CALLBACK (on_choice_toggled_cb));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
          g_ptr_array_add (self->choice_checks, check);
          first = first != NULL ? first : check;
        }
      add_row (self, self->fields_group, expander);
    }

  if (!any)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("All fields are the same"));
      add_row (self, self->fields_group, row);
    }
}

static void
build_form (CrmDuplicatesWindow *self)
{
  guint n = self->records->len;
  g_autofree char *title = NULL;

  clear_form (self);
  if (current_kind (self) == CRM_DEDUPE_KIND_PERSON)
    title = g_strdup_printf (ngettext ("Merge %u Person", "Merge %u People", n), n);
  else
    title = g_strdup_printf (ngettext ("Merge %u Organization", "Merge %u Organizations", n), n);
  adw_window_title_set_title (self->merge_title, title);

  build_survivor_rows (self);
  build_field_rows (self);
  gtk_stack_set_visible_child_name (self->merge_stack, "form");
  set_survivor (self, default_survivor (self));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->merge_scroller), 0);
  if (self->survivor_checks->len > 0)
    gtk_widget_grab_focus (self->survivor_checks->pdata[0]);
}

static void
finish_loading (CrmDuplicatesWindow *self)
{
  if (self->load_failed)
    gtk_stack_set_visible_child_name (self->merge_stack, "gone");
  else
    build_form (self);
  _crm_duplicates_window_update_actions (self);
}

static void
on_linked_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmDuplicatesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) record = crm_store_load_finish (CRM_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->current == NULL)
    return;

  /* A missing owner or parent shows as its number: never fatal. */
  if (record != NULL)
    g_ptr_array_add (self->linked, g_steal_pointer (&record));
  if (--self->loads_pending == 0)
    finish_loading (self);
}

/* Owners and parent organizations, so that the form shows their names;
 * returns FALSE when there is nothing to load. */
static gboolean
load_linked (CrmDuplicatesWindow *self)
{
  CrmStore *store = get_store (self);
  guint n_fields;
  const FieldDef *fields = _crm_duplicates_fields (current_kind (self), &n_fields);

  for (guint f = 0; f < n_fields; f++)
    {
      GType type = fields[f].type == FIELD_STAFF ? CRM_TYPE_STAFF_USER
                   : fields[f].type == FIELD_ORGANIZATION ? CRM_TYPE_ORGANIZATION : G_TYPE_INVALID;

      if (type == G_TYPE_INVALID)
        continue;
      for (guint i = 0; i < self->records->len; i++)
        {
          gint64 id = crm_record_get_int (self->records->pdata[i], fields[f].property);

          if (id == 0)
            continue;
          self->loads_pending++;
          crm_store_load_async (store, type, id, self->merge_cancellable,
                                on_linked_loaded_cb, g_object_ref (self));
        }
    }
  return self->loads_pending > 0;
}

static void
on_record_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CrmDuplicatesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRecord) record = crm_store_load_finish (CRM_STORE (object), result, &error);
  const CrmDedupeCluster *cluster;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->current == NULL)
    return;

  self->loads_pending--;
  if (record == NULL || crm_record_get_trashed (record))
    self->load_failed = TRUE;
  else
    {
      /* Keep the cluster's id order whatever order the loads end in. */
      cluster = crm_duplicate_item_get_cluster (self->current);
      for (guint i = 0; i < cluster->ids->len; i++)
        if (g_array_index (cluster->ids, gint64, i) == crm_record_get_id (record))
          {
            g_clear_object (&self->records->pdata[i]);
            self->records->pdata[i] = g_object_ref (record);
          }
    }

  if (self->loads_pending > 0)
    return;
  if (self->load_failed || !load_linked (self))
    finish_loading (self);
}

/* --- merge and dismiss --- */

static void
on_merged_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmDuplicatesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) undo = crm_dedupe_merge_finish (CRM_STORE (object), result, &error);
  g_autoptr(CrmDuplicateItem) item = g_steal_pointer (&self->current);
  g_autofree char *message = NULL;
  guint n;

  self->merging = FALSE;
  /* The window was closed meanwhile: the main window may still undo it. */
  if (item == NULL || self->context == NULL)
    {
      if (undo != NULL)
        g_signal_emit_by_name (self, "merged", undo);
      return;
    }
  if (undo == NULL)
    {
      self->current = g_steal_pointer (&item);
      g_warning ("Merge failed: %s", error->message);
      _crm_duplicates_window_toast_error (self, error->message);
      _crm_duplicates_window_update_actions (self);
      return;
    }

  n = crm_duplicate_item_get_cluster (item)->ids->len;
  /* Translators: %u is the number of records merged into one */
  message = g_strdup_printf (ngettext ("Merged %u record", "Merged %u records", n), n);
  _crm_duplicates_window_finish_cluster (self, item, UNDO_MERGE, undo, message);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  CrmDuplicatesWindow *self = CRM_DUPLICATES_WINDOW (widget);
  g_autoptr(GHashTable) choices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GArray) losers = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;

  if (self->current == NULL || self->merging || self->records == NULL)
    return;

  for (guint i = 0; i < self->records->len; i++)
    {
      gint64 id = crm_record_get_id (self->records->pdata[i]);

      if (id != self->survivor)
        g_array_append_val (losers, id);
    }
  /* Only the fields that change the kept record. */
  g_hash_table_iter_init (&iter, self->choices);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) value != self->survivor)
      {
        g_hash_table_insert (choices, key, g_memdup2 (value, sizeof (gint64)));
        /* An amount means nothing without its currency. */
        if (g_str_equal (key, "annual-revenue"))
          g_hash_table_insert (choices, (gpointer) "revenue-currency", g_memdup2 (value, sizeof (gint64)));
      }

  self->merging = TRUE;
  _crm_duplicates_window_update_actions (self);
  crm_dedupe_merge_async (get_store (self), current_kind (self), self->survivor,
                          (const gint64 *) (gpointer) losers->data, losers->len, choices,
                          NULL, on_merged_cb, g_object_ref (self));
}

static void
on_dismissed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmDuplicatesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDuplicateItem) item = g_steal_pointer (&self->current);

  self->merging = FALSE;
  if (!crm_dedupe_set_dismissed_finish (CRM_STORE (object), result, &error))
    {
      if (item == NULL || self->context == NULL)
        return;
      self->current = g_steal_pointer (&item);
      _crm_duplicates_window_toast_error (self, error->message);
      _crm_duplicates_window_update_actions (self);
      return;
    }

  if (item == NULL || self->context == NULL)
    return;
  _crm_duplicates_window_finish_cluster (self, item, UNDO_DISMISS, NULL,
                                         _("No longer listed as duplicates"));
}

static void
not_duplicates_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  CrmDuplicatesWindow *self = CRM_DUPLICATES_WINDOW (widget);
  const CrmDedupeCluster *cluster;

  if (self->current == NULL || self->merging)
    return;

  cluster = crm_duplicate_item_get_cluster (self->current);
  self->merging = TRUE;
  _crm_duplicates_window_update_actions (self);
  crm_dedupe_set_dismissed_async (get_store (self), cluster->kind,
                                  (const gint64 *) (gpointer) cluster->ids->data, cluster->ids->len,
                                  TRUE, NULL, on_dismissed_cb, g_object_ref (self));
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  set_survivor (CRM_DUPLICATES_WINDOW (widget), g_variant_get_int64 (param));
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  const char *property;
  gint64 id;

  g_variant_get (param, "(&sx)", &property, &id);
  set_choice (CRM_DUPLICATES_WINDOW (widget), property, id);
}

void
_crm_duplicates_window_class_init_merge (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "merge.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "merge.not-duplicates", NULL, not_duplicates_action);
  gtk_widget_class_install_action (widget_class, "merge.keep", "x", keep_action);
  gtk_widget_class_install_action (widget_class, "merge.choose", "(sx)", choose_action);
}

void
_crm_duplicates_window_init_merge (CrmDuplicatesWindow *self)
{
  self->form_rows = g_ptr_array_new ();
  self->survivor_checks = g_ptr_array_new ();
  self->choice_checks = g_ptr_array_new ();
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->choice_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
_crm_duplicates_window_dispose_merge (CrmDuplicatesWindow *self)
{
  if (self->merge_cancellable != NULL)
    g_cancellable_cancel (self->merge_cancellable);
  g_clear_object (&self->merge_cancellable);
  g_clear_object (&self->current);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->linked, g_ptr_array_unref);
  g_clear_pointer (&self->form_rows, g_ptr_array_unref);
  g_clear_pointer (&self->survivor_checks, g_ptr_array_unref);
  g_clear_pointer (&self->choice_checks, g_ptr_array_unref);
  g_clear_pointer (&self->choices, g_hash_table_unref);
  g_clear_pointer (&self->choice_rows, g_hash_table_unref);
}

void
_crm_duplicates_window_open_merge (CrmDuplicatesWindow *self,
                                   CrmDuplicateItem    *item)
{
  const CrmDedupeCluster *cluster = crm_duplicate_item_get_cluster (item);
  CrmStore *store = get_store (self);

  _crm_duplicates_window_close_merge (self);
  if (store == NULL)
    return;

  self->current = g_object_ref (item);
  self->merge_cancellable = g_cancellable_new ();
  self->records = g_ptr_array_new_full (cluster->ids->len, g_object_unref);
  self->linked = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_set_size (self->records, cluster->ids->len);
  self->loads_pending = cluster->ids->len;
  self->load_failed = FALSE;
  self->survivor = 0;

  adw_window_title_set_title (self->merge_title, crm_duplicate_item_get_title (item));
  gtk_stack_set_visible_child_name (self->merge_stack, "loading");
  adw_leaflet_set_visible_child_name (self->leaflet, "merge");

  for (guint i = 0; i < cluster->ids->len; i++)
    crm_store_load_async (store,
                          cluster->kind == CRM_DEDUPE_KIND_PERSON ? CRM_TYPE_PERSON : CRM_TYPE_ORGANIZATION,
                          g_array_index (cluster->ids, gint64, i), self->merge_cancellable,
                          on_record_loaded_cb, g_object_ref (self));
  _crm_duplicates_window_update_actions (self);
}

void
_crm_duplicates_window_close_merge (CrmDuplicatesWindow *self)
{
  /* A running merge finishes on its own and then leaves the page. */
  if (self->merging)
    return;

  if (self->merge_cancellable != NULL)
    g_cancellable_cancel (self->merge_cancellable);
  g_clear_object (&self->merge_cancellable);
  clear_form (self);
  g_clear_object (&self->current);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->linked, g_ptr_array_unref);
  self->loads_pending = 0;
  self->survivor = 0;
}

/* crm-pipeline-editor.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows are built in code from what the store reads (pipelines, the
 * shown pipeline's stages, the lost reasons); a change anywhere (this
 * window, the board, another program) reads them again, and rows whose
 * list did not change are updated in place so that focus and typing stay.
 */

#define G_LOG_DOMAIN "CrmPipelineEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-pipeline-editor.h"
#include "crm-deal-rules.h"
#include "crm-models.h"
#include "crm-pipeline-edit.h"
#include "crm-query.h"
#include "crm-store.h"

typedef struct _StageRow StageRow;
typedef struct _ReasonRow ReasonRow;

struct _CrmPipelineEditor
{
  AdwPreferencesWindow  parent_instance;

  CrmContext           *context;
  GCancellable         *cancellable;
  gint64                pipeline_id;
  guint                 busy;
  guint                 reload_source;
  guint                 generation;

  GPtrArray            *pipelines;     /* CrmPipeline, in order */
  GPtrArray            *stages;        /* StageRow (owned by their rows) */
  GPtrArray            *reasons;       /* ReasonRow (owned by their rows) */
  GArray               *stage_ids;
  GHashTable           *expanded;      /* stage ids whose rows are open */
  gint64                focus_stage;   /* focus this stage's row after a rebuild */
  gboolean              focus_name;    /* ... its name entry */
  gint64                focus_reason;

  AdwToast             *last_toast;    /* the newest toast (not a ref) */
  char                 *last_key;      /* what it is about, to fold repeats */
  AdwToast             *undo_toast;    /* the newest toast that offers Undo */

  /* template widgets */
  AdwComboRow          *pipeline_row;
  AdwEntryRow          *name_row;
  AdwComboRow          *kind_row;
  AdwEntryRow          *currency_row;
  AdwPreferencesGroup  *stages_group;
  AdwPreferencesGroup  *reasons_group;
  AdwEntryRow          *new_reason_row;
  GtkButton            *delete_pipeline_button;
};

struct _StageRow
{
  CrmPipelineEditor *self;
  CrmStage          *stage;
  gint64             id;
  CrmStageKind       kind;
  char              *name;
  int                probability;
  int                rotting_days;
  AdwExpanderRow    *row;
  AdwEntryRow       *name_row;
  GtkSpinButton     *probability_spin;
  GtkSpinButton     *rotting_spin;
  double             drag_x;
  double             drag_y;
};

struct _ReasonRow
{
  CrmPipelineEditor *self;
  gint64             id;
  char              *name;
  AdwEntryRow       *row;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PIPELINE_ID,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const pipeline_kinds[] = { "b2b", "b2c" };

G_DEFINE_FINAL_TYPE (CrmPipelineEditor, crm_pipeline_editor, ADW_TYPE_PREFERENCES_WINDOW)

static void schedule_reload (CrmPipelineEditor *self);

static CrmStore *
get_store (CrmPipelineEditor *self)
{
  return crm_context_get_store (self->context);
}

static void
busy_inc (CrmPipelineEditor *self)
{
  if (self->busy++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
busy_dec (CrmPipelineEditor *self)
{
  g_assert (self->busy > 0);
  if (--self->busy == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
has_focus_within (gpointer widget)
{
  return (gtk_widget_get_state_flags (GTK_WIDGET (widget)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

/* Text the program puts in an entry is no step of the entry's own undo:
 * Ctrl+Z there must not empty it, and with nothing typed Ctrl+Z reaches
 * the editor's undo. */
static void
set_entry_text (gpointer    entry,
                const char *text)
{
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_enable_undo (GTK_EDITABLE (entry), TRUE);
}

/* The user is typing in @entry, or what was typed was refused and is kept
 * for correcting: a reload leaves it alone. */
static gboolean
is_editing (gpointer entry)
{
  return has_focus_within (entry) || gtk_widget_has_css_class (GTK_WIDGET (entry), "error");
}

static CrmPipeline *
current_pipeline (CrmPipelineEditor *self)
{
  for (guint i = 0; self->pipelines != NULL && i < self->pipelines->len; i++)
    if (crm_record_get_id (self->pipelines->pdata[i]) == self->pipeline_id)
      return self->pipelines->pdata[i];
  return NULL;
}

static StageRow *
find_stage (CrmPipelineEditor *self,
            gint64             id)
{
  for (guint i = 0; i < self->stages->len; i++)
    if (((StageRow *) self->stages->pdata[i])->id == id)
      return self->stages->pdata[i];
  return NULL;
}

/* @sr's place among the open stages, or -1; @n_open: how many there are. */
static int
open_index (CrmPipelineEditor *self,
            StageRow          *sr,
            guint             *n_open)
{
  int found = -1;
  guint n = 0;

  for (guint i = 0; i < self->stages->len; i++)
    {
      StageRow *other = self->stages->pdata[i];

      if (other->kind != CRM_STAGE_KIND_OPEN)
        continue;
      if (other == sr)
        found = n;
      n++;
    }
  if (n_open != NULL)
    *n_open = n;
  return found;
}

static ReasonRow *
find_reason (CrmPipelineEditor *self,
             gint64             id,
             guint             *index)
{
  for (guint i = 0; i < self->reasons->len; i++)
    if (((ReasonRow *) self->reasons->pdata[i])->id == id)
      {
        if (index != NULL)
          *index = i;
        return self->reasons->pdata[i];
      }
  return NULL;
}

/* --- undo and toasts --- */

typedef enum
{
  UNDO_STAGE,            /* set the old name, probability or rotting threshold */
  UNDO_ADD_STAGE,        /* delete the (empty) new stage */
  UNDO_MOVE_STAGE,       /* move it back */
  UNDO_RESTORE_STAGE,    /* bring back a deleted empty stage */
  UNDO_PIPELINE,         /* the old name, kind or currency */
  UNDO_ADD_PIPELINE,     /* delete the new (empty) pipeline */
  UNDO_REASON_NAME,
  UNDO_ADD_REASON,
  UNDO_MOVE_REASON,
  UNDO_RESTORE_REASON,
} UndoKind;

typedef struct
{
  UndoKind  kind;
  gint64    id;
  gint64    other_id;
  char     *name;
  char     *pipeline_kind;
  char     *currency;
  int       probability;
  int       rotting_days;
  guint     index;
} Undo;

static Undo *
undo_new (UndoKind kind,
          gint64   id)
{
  Undo *undo = g_new0 (Undo, 1);

  undo->kind = kind;
  undo->id = id;
  undo->probability = -1;
  undo->rotting_days = -1;
  return undo;
}

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_free (undo->name);
  g_free (undo->pipeline_kind);
  g_free (undo->currency);
  g_free (undo);
}

static void run_undo (CrmPipelineEditor *self,
                      Undo              *undo);

static void
on_toast_dismissed_cb (AdwToast          *toast,
                       CrmPipelineEditor *self)
{
  if (self->last_toast == toast)
    {
      self->last_toast = NULL;
      g_clear_pointer (&self->last_key, g_free);
    }
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

static void
on_toast_undo_cb (AdwToast          *toast,
                  CrmPipelineEditor *self)
{
  Undo *undo = g_object_get_data (G_OBJECT (toast), "crm-undo");

  if (undo != NULL)
    run_undo (self, undo);
  g_object_set_data (G_OBJECT (toast), "crm-undo", NULL);
}

/* Shows @title; with @undo (taken) the toast offers Undo.  While a toast
 * is shown, it tells of the newest change instead of queueing another (so
 * Undo is always the newest change's); one with the same @key keeps its
 * undo from before the first change, so that Undo after a run of spin
 * clicks goes all the way back. */
static void
show_toast (CrmPipelineEditor *self,
            const char        *title,
            Undo              *undo,
            const char        *key)
{
  AdwToast *toast = self->last_toast;

  if (toast != NULL)
    {
      gboolean same = key != NULL && g_strcmp0 (key, self->last_key) == 0 &&
                      g_object_get_data (G_OBJECT (toast), "crm-undo") != NULL;

      adw_toast_set_title (toast, title);
      if (same)
        g_clear_pointer (&undo, undo_free);
      else
        {
          g_object_set_data_full (G_OBJECT (toast), "crm-undo", undo, undo_free);
          adw_toast_set_button_label (toast, undo != NULL ? _("_Undo") : NULL);
          self->undo_toast = undo != NULL ? toast : NULL;
          g_free (self->last_key);
          self->last_key = g_strdup (key);
        }
      return;
    }

  toast = adw_toast_new (title);
  if (undo != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "crm-undo", undo, undo_free);
      self->undo_toast = toast;
    }
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_undo_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self, 0);
  self->last_toast = toast;
  g_free (self->last_key);
  self->last_key = g_strdup (key);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
show_error (CrmPipelineEditor *self,
            const GError      *error)
{
  show_toast (self, error->message, NULL, NULL);
}

/* --- writes --- */

/* One write under way: what to say and offer when it is saved. */
typedef struct
{
  CrmPipelineEditor *self;
  char              *title;
  char              *key;
  Undo              *undo;
  GWeakRef           field;    /* the entry the change came from */
} Op;

static Op *
op_new (CrmPipelineEditor *self,
        char              *title,
        Undo              *undo,
        const char        *key)
{
  Op *op = g_new0 (Op, 1);

  op->self = g_object_ref (self);
  op->title = title;
  op->undo = undo;
  op->key = g_strdup (key);
  g_weak_ref_init (&op->field, NULL);
  busy_inc (self);
  return op;
}

/* @op's change was typed in @entry: a refusal marks it (keeping what was
 * typed), and success clears the mark. */
static Op *
field_op (Op       *op,
          gpointer  entry)
{
  g_weak_ref_set (&op->field, entry);
  return op;
}

/* Ends @op: on success shows its toast (with Undo when it has one); on
 * failure the error, and the rows go back to what is stored. */
static void
op_done (Op           *op,
         gboolean      ok,
         const GError *error)
{
  CrmPipelineEditor *self = op->self;
  g_autoptr(GtkWidget) field = g_weak_ref_get (&op->field);

  /* Closed meanwhile: the change is saved, there is nothing to show. */
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      ok = TRUE;
      g_clear_pointer (&op->title, g_free);
      g_clear_object (&field);
    }
  if (field != NULL && ok)
    gtk_widget_remove_css_class (field, "error");
  else if (field != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_widget_add_css_class (field, "error");

  if (ok && op->title != NULL)
    show_toast (self, op->title, g_steal_pointer (&op->undo), op->key);
  else if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_error (self, error);
      schedule_reload (self);
    }
  busy_dec (self);
  g_clear_pointer (&op->undo, undo_free);
  g_free (op->title);
  g_free (op->key);
  g_weak_ref_clear (&op->field);
  g_object_unref (op->self);
  g_free (op);
}

static void
on_boolean_write_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_pointer (G_TASK (result), &error) != NULL;

  /* Every crm-pipeline-edit finish is g_task_propagate_pointer on a gint64;
   * the typed finishes are called where the value matters. */
  op_done (op, ok, error);
}

static void
update_stage (CrmPipelineEditor *self,
              StageRow          *sr,
              const char        *name,
              int                probability,
              int                rotting_days,
              char              *title,
              Undo              *undo,
              const char        *key)
{
  crm_pipeline_update_stage_async (get_store (self), sr->id, name, probability, rotting_days,
                                   self->cancellable, on_boolean_write_cb,
                                   op_new (self, title, undo, key));
}

/* --- the stages' rows --- */

static void
update_stage_subtitle (StageRow *sr)
{
  g_autofree char *subtitle = NULL;

  if (sr->kind == CRM_STAGE_KIND_WON)
    subtitle = g_strdup (_("Final stage: its deals are won"));
  else if (sr->kind == CRM_STAGE_KIND_LOST)
    subtitle = g_strdup (_("Final stage: its deals are lost, each with a reason"));
  else if (sr->rotting_days == 0)
    subtitle = g_strdup_printf (_("%d %% win probability · never rots"), sr->probability);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%d %% win probability · rots after %d day",
                                             "%d %% win probability · rots after %d days",
                                             sr->rotting_days),
                                sr->probability, sr->rotting_days);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sr->row), sr->name);
  adw_expander_row_set_subtitle (sr->row, subtitle);
}

static void
on_stage_name_apply_cb (AdwEntryRow *entry,
                        StageRow    *sr)
{
  CrmPipelineEditor *self = sr->self;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  Undo *undo;

  if (g_strcmp0 (name, sr->name) == 0)
    return;
  undo = undo_new (UNDO_STAGE, sr->id);
  undo->name = g_strdup (sr->name);
  if (name[0] != '\0')
    {
      g_free (sr->name);
      sr->name = g_strdup (name);
      update_stage_subtitle (sr);
    }
  crm_pipeline_update_stage_async (get_store (self), sr->id, name, -1, -1, self->cancellable,
                                   on_boolean_write_cb,
                                   field_op (op_new (self, g_strdup_printf (_("Stage renamed to “%s”"),
                                                                            name), undo, NULL),
                                             entry));
}

static void
on_probability_changed_cb (GtkSpinButton *spin,
                           StageRow      *sr)
{
  CrmPipelineEditor *self = sr->self;
  int value = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *key = NULL;
  Undo *undo;

  if (value == sr->probability)
    return;
  undo = undo_new (UNDO_STAGE, sr->id);
  undo->probability = sr->probability;
  sr->probability = value;
  update_stage_subtitle (sr);
  key = g_strdup_printf ("probability:%" G_GINT64_FORMAT, sr->id);
  update_stage (self, sr, NULL, value, -1,
                g_strdup_printf (_("Win probability of “%s” set to %d %%"), sr->name, value), undo,
                key);
}

static void
on_rotting_changed_cb (GtkSpinButton *spin,
                       StageRow      *sr)
{
  CrmPipelineEditor *self = sr->self;
  int value = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *key = NULL;
  char *title;
  Undo *undo;

  if (value == sr->rotting_days)
    return;
  undo = undo_new (UNDO_STAGE, sr->id);
  undo->rotting_days = sr->rotting_days;
  sr->rotting_days = value;
  update_stage_subtitle (sr);
  key = g_strdup_printf ("rotting:%" G_GINT64_FORMAT, sr->id);
  if (value == 0)
    title = g_strdup_printf (_("Deals in “%s” no longer rot"), sr->name);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Deals in “%s” rot after %d day without activity",
                                          "Deals in “%s” rot after %d days without activity",
                                          value),
                             sr->name, value);
  update_stage (self, sr, NULL, -1, value, title, undo, key);
}

static void
on_expanded_cb (AdwExpanderRow *row,
                GParamSpec     *pspec,
                StageRow       *sr)
{
  gint64 *id = g_new (gint64, 1);

  *id = sr->id;
  if (adw_expander_row_get_expanded (row))
    g_hash_table_add (sr->self->expanded, id);
  else
    {
      g_hash_table_remove (sr->self->expanded, id);
      g_free (id);
    }
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    StageRow      *sr)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  /* The row hangs from the pointer where it was grabbed. */
  if (!gtk_widget_translate_coordinates (handle, GTK_WIDGET (sr->row), x, y, &sr->drag_x,
                                         &sr->drag_y))
    sr->drag_x = sr->drag_y = 0;
  return gdk_content_provider_new_typed (CRM_TYPE_STAGE, sr->stage);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  StageRow      *sr)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (sr->row));

  gtk_drag_source_set_icon (source, icon, (int) sr->drag_x, (int) sr->drag_y);
}

static void move_stage (CrmPipelineEditor *self,
                        StageRow          *sr,
                        guint              to);

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            StageRow      *sr)
{
  CrmPipelineEditor *self = sr->self;
  StageRow *dragged = find_stage (self, crm_record_get_id (g_value_get_object (value)));
  guint n_open;
  int from, to;

  if (dragged == NULL || dragged == sr || dragged->kind != CRM_STAGE_KIND_OPEN)
    return FALSE;
  from = open_index (self, dragged, &n_open);
  /* On a final stage: the end of the open ones. */
  to = sr->kind == CRM_STAGE_KIND_OPEN ? open_index (self, sr, NULL) : (int) n_open;
  if (sr->kind == CRM_STAGE_KIND_OPEN && y > gtk_widget_get_height (GTK_WIDGET (sr->row)) / 2.0)
    to++;
  /* Counted without the dragged stage. */
  if (from < to)
    to--;
  if (to == from)
    return FALSE;
  move_stage (self, dragged, to);
  return TRUE;
}

static GtkWidget *
row_menu_button (const char *tooltip,
                 GMenuModel *menu)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

/* Move Up, Move Down (when there is room) and Delete for @id; and Alt+Up,
 * Alt+Down on @row. */
static GMenuModel *
reorder_menu (GtkWidget  *row,
              const char *prefix,
              gint64      id,
              gboolean    up,
              gboolean    down,
              const char *delete_label)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autofree char *up_action = g_strdup_printf ("editor.move-%s-up", prefix);
  g_autofree char *down_action = g_strdup_printf ("editor.move-%s-down", prefix);
  g_autofree char *delete_action = g_strdup_printf ("editor.delete-%s", prefix);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  g_autoptr(GMenuItem) item = NULL;

  if (up)
    {
      item = g_menu_item_new (_("Move _Up"), NULL);
      g_menu_item_set_action_and_target_value (item, up_action, g_variant_new_int64 (id));
      g_menu_item_set_attribute (item, "accel", "s", "<Alt>Up");
      g_menu_append_item (menu, item);
      g_clear_object (&item);
    }
  if (down)
    {
      item = g_menu_item_new (_("Move _Down"), NULL);
      g_menu_item_set_action_and_target_value (item, down_action, g_variant_new_int64 (id));
      g_menu_item_set_attribute (item, "accel", "s", "<Alt>Down");
      g_menu_append_item (menu, item);
      g_clear_object (&item);
    }
  item = g_menu_item_new (delete_label, NULL);
  g_menu_item_set_action_and_target_value (item, delete_action, g_variant_new_int64 (id));
  g_menu_append_item (section, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new_with_arguments (
                                          gtk_shortcut_trigger_parse_string ("<Alt>Up"),
                                          gtk_named_action_new (up_action),
                                          "x", id));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new_with_arguments (
                                          gtk_shortcut_trigger_parse_string ("<Alt>Down"),
                                          gtk_named_action_new (down_action),
                                          "x", id));
  gtk_widget_add_controller (row, shortcuts);
  return G_MENU_MODEL (menu);
}

static GtkWidget *
spin_row (const char  *title,
          const char  *subtitle,
          const char  *unit,
          int          max,
          int          value,
          GtkWidget  **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);
  GtkWidget *label = gtk_label_new (unit);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  *spin_out = spin;
  return row;
}

static void
stage_row_free (gpointer data)
{
  StageRow *sr = data;

  g_clear_object (&sr->stage);
  g_free (sr->name);
  g_free (sr);
}

static StageRow *
build_stage_row (CrmPipelineEditor *self,
                 CrmStage          *stage,
                 guint              open_at,
                 guint              n_open)
{
  StageRow *sr = g_new0 (StageRow, 1);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *spin;
  GtkDropTarget *drop;

  sr->self = self;
  sr->stage = g_object_ref (stage);
  sr->id = crm_record_get_id (CRM_RECORD (stage));
  sr->kind = crm_stage_kind_from_key (crm_stage_get_kind (stage));
  sr->name = g_strdup (crm_stage_get_name (stage));
  sr->probability = crm_stage_get_probability (stage);
  sr->rotting_days = crm_stage_get_rotting_days (stage);
  sr->row = ADW_EXPANDER_ROW (row);
  g_object_set_data_full (G_OBJECT (row), "crm-stage-row", sr, stage_row_free);
  update_stage_subtitle (sr);

  sr->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sr->name_row), _("Stage Name"));
  adw_entry_row_set_show_apply_button (sr->name_row, TRUE);
  set_entry_text (sr->name_row, sr->name);
  g_signal_connect (sr->name_row, "apply", G_CALLBACK (on_stage_name_apply_cb), sr);
  adw_expander_row_add_row (sr->row, GTK_WIDGET (sr->name_row));

  if (sr->kind == CRM_STAGE_KIND_OPEN)
    {
      g_autoptr(GMenuModel) menu = NULL;
      GtkDragSource *drag = gtk_drag_source_new ();
      GtkWidget *handle = gtk_image_new_from_icon_name ("list-drag-handle-symbolic");

      adw_expander_row_add_row (sr->row, spin_row (_("Win Probability"),
                                                   _("How likely a deal in this stage is won; "
                                                     "weights its amount in the forecast"),
                                                   C_("unit", "%"), 100, sr->probability, &spin));
      sr->probability_spin = GTK_SPIN_BUTTON (spin);
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_probability_changed_cb), sr);
      adw_expander_row_add_row (sr->row, spin_row (_("Rotting Threshold"),
                                                   _("Days without activity before a deal is "
                                                     "marked as rotting; 0: never"),
                                                   C_("unit", "days"), CRM_PIPELINE_MAX_ROTTING_DAYS,
                                                   sr->rotting_days, &spin));
      sr->rotting_spin = GTK_SPIN_BUTTON (spin);
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_rotting_changed_cb), sr);

      menu = reorder_menu (row, "stage", sr->id, open_at > 0, open_at + 1 < n_open,
                           _("Delete _Stage…"));
      adw_expander_row_add_action (sr->row, row_menu_button (_("Stage Menu"), menu));
      gtk_widget_set_tooltip_text (handle, _("Drag to reorder"));
      adw_expander_row_add_prefix (sr->row, handle);

      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), sr);
      g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), sr);
      gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (drag));
    }
  else
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (sr->kind == CRM_STAGE_KIND_WON
                                                      ? "emblem-ok-symbolic"
                                                      : "window-close-symbolic");

      gtk_widget_add_css_class (icon, sr->kind == CRM_STAGE_KIND_WON ? "success" : "error");
      adw_expander_row_add_prefix (sr->row, icon);
    }

  drop = gtk_drop_target_new (CRM_TYPE_STAGE, GDK_ACTION_MOVE);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), sr);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  adw_expander_row_set_expanded (sr->row, g_hash_table_contains (self->expanded, &sr->id));
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expanded_cb), sr);
  return sr;
}

/* Puts @stage's values in @sr's row, leaving alone what the user is editing. */
static void
refresh_stage_row (StageRow *sr,
                   CrmStage *stage)
{
  g_free (sr->name);
  sr->name = g_strdup (crm_stage_get_name (stage));
  if (!is_editing (sr->name_row))
    set_entry_text (sr->name_row, sr->name);
  if (sr->probability_spin != NULL && !has_focus_within (sr->probability_spin))
    {
      sr->probability = crm_stage_get_probability (stage);
      g_signal_handlers_block_by_func (sr->probability_spin, on_probability_changed_cb, sr);
      gtk_spin_button_set_value (sr->probability_spin, sr->probability);
      g_signal_handlers_unblock_by_func (sr->probability_spin, on_probability_changed_cb, sr);
    }
  if (sr->rotting_spin != NULL && !has_focus_within (sr->rotting_spin))
    {
      sr->rotting_days = crm_stage_get_rotting_days (stage);
      g_signal_handlers_block_by_func (sr->rotting_spin, on_rotting_changed_cb, sr);
      gtk_spin_button_set_value (sr->rotting_spin, sr->rotting_days);
      g_signal_handlers_unblock_by_func (sr->rotting_spin, on_rotting_changed_cb, sr);
    }
  update_stage_subtitle (sr);
}

static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       data)
{
  if (gtk_widget_get_mapped (widget) && gtk_widget_get_height (widget) == 0)
    return G_SOURCE_CONTINUE;
  gtk_widget_grab_focus (widget);
  return G_SOURCE_REMOVE;
}

/* Focuses @widget once it has a place on screen, so that the page scrolls
 * to it (a new row has none yet). */
static void
focus_when_drawn (GtkWidget *widget)
{
  gtk_widget_add_tick_callback (widget, focus_tick_cb, NULL, NULL);
}

static void
apply_stages (CrmPipelineEditor *self,
              GListModel        *stages)
{
  guint n = g_list_model_get_n_items (stages);
  gboolean same = n == self->stages->len;
  guint n_open = 0, open_at = 0;

  for (guint i = 0; i < n && same; i++)
    {
      g_autoptr(CrmStage) stage = g_list_model_get_item (stages, i);

      same = crm_record_get_id (CRM_RECORD (stage)) == ((StageRow *) self->stages->pdata[i])->id;
    }
  if (same)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CrmStage) stage = g_list_model_get_item (stages, i);

          refresh_stage_row (self->stages->pdata[i], stage);
        }
      return;
    }

  for (guint i = 0; i < self->stages->len; i++)
    adw_preferences_group_remove (self->stages_group,
                                  GTK_WIDGET (((StageRow *) self->stages->pdata[i])->row));
  g_ptr_array_set_size (self->stages, 0);
  g_array_set_size (self->stage_ids, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmStage) stage = g_list_model_get_item (stages, i);

      if (crm_stage_kind_from_key (crm_stage_get_kind (stage)) == CRM_STAGE_KIND_OPEN)
        n_open++;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmStage) stage = g_list_model_get_item (stages, i);
      StageRow *sr = build_stage_row (self, stage, open_at, n_open);

      if (sr->kind == CRM_STAGE_KIND_OPEN)
        open_at++;
      g_ptr_array_add (self->stages, sr);
      g_array_append_val (self->stage_ids, sr->id);
      adw_preferences_group_add (self->stages_group, GTK_WIDGET (sr->row));
    }

  if (self->focus_stage != 0)
    {
      StageRow *sr = find_stage (self, self->focus_stage);

      if (sr != NULL && self->focus_name)
        {
          adw_expander_row_set_expanded (sr->row, TRUE);
          focus_when_drawn (GTK_WIDGET (sr->name_row));
        }
      else if (sr != NULL)
        focus_when_drawn (GTK_WIDGET (sr->row));
      self->focus_stage = 0;
      self->focus_name = FALSE;
    }
}

/* --- the lost reasons' rows --- */

static void
on_reason_apply_cb (AdwEntryRow *entry,
                    ReasonRow   *rr)
{
  CrmPipelineEditor *self = rr->self;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  Undo *undo;

  if (g_strcmp0 (name, rr->name) == 0)
    return;
  undo = undo_new (UNDO_REASON_NAME, rr->id);
  undo->name = g_strdup (rr->name);
  crm_pipeline_rename_lost_reason_async (get_store (self), rr->id, name, self->cancellable,
                                         on_boolean_write_cb,
                                         field_op (op_new (self, g_strdup_printf (_("Lost reason "
                                                                                    "renamed to “%s”"),
                                                                                  name),
                                                           undo, NULL),
                                                   entry));
}

static void
reason_row_free (gpointer data)
{
  ReasonRow *rr = data;

  g_free (rr->name);
  g_free (rr);
}

static void
apply_reasons (CrmPipelineEditor *self,
               GListModel        *reasons)
{
  guint n = g_list_model_get_n_items (reasons);
  gboolean same = n == self->reasons->len;

  for (guint i = 0; i < n && same; i++)
    {
      g_autoptr(CrmLostReason) reason = g_list_model_get_item (reasons, i);

      same = crm_record_get_id (CRM_RECORD (reason)) == ((ReasonRow *) self->reasons->pdata[i])->id;
    }
  if (same)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CrmLostReason) reason = g_list_model_get_item (reasons, i);
          ReasonRow *rr = self->reasons->pdata[i];

          g_free (rr->name);
          rr->name = g_strdup (crm_lost_reason_get_name (reason));
          if (!is_editing (rr->row))
            set_entry_text (rr->row, rr->name);
        }
      return;
    }

  for (guint i = 0; i < self->reasons->len; i++)
    adw_preferences_group_remove (self->reasons_group,
                                  GTK_WIDGET (((ReasonRow *) self->reasons->pdata[i])->row));
  g_ptr_array_set_size (self->reasons, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmLostReason) reason = g_list_model_get_item (reasons, i);
      g_autoptr(GMenuModel) menu = NULL;
      ReasonRow *rr = g_new0 (ReasonRow, 1);

      rr->self = self;
      rr->id = crm_record_get_id (CRM_RECORD (reason));
      rr->name = g_strdup (crm_lost_reason_get_name (reason));
      rr->row = ADW_ENTRY_ROW (adw_entry_row_new ());
      g_object_set_data_full (G_OBJECT (rr->row), "crm-reason-row", rr, reason_row_free);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rr->row), _("Reason"));
      adw_entry_row_set_show_apply_button (rr->row, TRUE);
      set_entry_text (rr->row, rr->name);
      g_signal_connect (rr->row, "apply", G_CALLBACK (on_reason_apply_cb), rr);
      menu = reorder_menu (GTK_WIDGET (rr->row), "reason", rr->id, i > 0, i + 1 < n, _("_Remove"));
      adw_entry_row_add_suffix (rr->row, row_menu_button (_("Lost Reason Menu"), menu));
      g_ptr_array_add (self->reasons, rr);
      adw_preferences_group_add (self->reasons_group, GTK_WIDGET (rr->row));
      if (rr->id == self->focus_reason)
        gtk_widget_grab_focus (GTK_WIDGET (rr->row));
    }
  self->focus_reason = 0;
}

/* --- the pipeline's rows --- */

static void
on_pipeline_selected_cb (CrmPipelineEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->pipeline_row);

  if (self->pipelines == NULL || selected >= self->pipelines->len)
    return;
  crm_pipeline_editor_set_pipeline_id (self,
                                       crm_record_get_id (self->pipelines->pdata[selected]));
}

static void
on_kind_selected_cb (CrmPipelineEditor *self)
{
  CrmPipeline *pipeline = current_pipeline (self);
  guint selected = adw_combo_row_get_selected (self->kind_row);
  const char *kind;
  Undo *undo;

  if (pipeline == NULL || selected >= G_N_ELEMENTS (pipeline_kinds))
    return;
  kind = pipeline_kinds[selected];
  if (g_strcmp0 (kind, crm_pipeline_get_kind (pipeline)) == 0)
    return;
  undo = undo_new (UNDO_PIPELINE, self->pipeline_id);
  undo->pipeline_kind = g_strdup (crm_pipeline_get_kind (pipeline));
  crm_pipeline_update_pipeline_async (get_store (self), self->pipeline_id, NULL, kind, NULL,
                                      self->cancellable, on_boolean_write_cb,
                                      op_new (self, g_strdup (selected == 0
                                                              ? _("The pipeline sells to businesses")
                                                              : _("The pipeline sells to consumers")),
                                              undo, NULL));
}

static void
on_name_apply_cb (CrmPipelineEditor *self)
{
  CrmPipeline *pipeline = current_pipeline (self);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  Undo *undo;

  if (pipeline == NULL || g_strcmp0 (name, crm_pipeline_get_name (pipeline)) == 0)
    return;
  undo = undo_new (UNDO_PIPELINE, self->pipeline_id);
  undo->name = g_strdup (crm_pipeline_get_name (pipeline));
  crm_pipeline_update_pipeline_async (get_store (self), self->pipeline_id, name, NULL, NULL,
                                      self->cancellable, on_boolean_write_cb,
                                      field_op (op_new (self, g_strdup_printf (_("Pipeline renamed to "
                                                                                 "“%s”"), name),
                                                        undo, NULL),
                                                self->name_row));
}

static void
on_currency_apply_cb (CrmPipelineEditor *self)
{
  CrmPipeline *pipeline = current_pipeline (self);
  g_autofree char *code = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (self->currency_row)), -1);
  Undo *undo;

  g_strstrip (code);
  if (pipeline == NULL || g_strcmp0 (code, crm_pipeline_get_currency (pipeline)) == 0)
    return;
  undo = undo_new (UNDO_PIPELINE, self->pipeline_id);
  undo->currency = g_strdup (crm_pipeline_get_currency (pipeline));
  crm_pipeline_update_pipeline_async (get_store (self), self->pipeline_id, NULL, NULL, code,
                                      self->cancellable, on_boolean_write_cb,
                                      field_op (op_new (self, g_strdup_printf (_("Currency set to %s"),
                                                                               code),
                                                        undo, NULL),
                                                self->currency_row));
}

static void
apply_pipelines (CrmPipelineEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *old = adw_combo_row_get_model (self->pipeline_row);
  CrmPipeline *pipeline = current_pipeline (self);
  gboolean same = old != NULL && g_list_model_get_n_items (old) == self->pipelines->len;
  guint selected = 0;

  for (guint i = 0; i < self->pipelines->len; i++)
    {
      const char *name = crm_pipeline_get_name (self->pipelines->pdata[i]);

      gtk_string_list_append (names, name);
      if (self->pipelines->pdata[i] == pipeline)
        selected = i;
      if (same)
        same = g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (old), i), name) == 0;
    }
  g_signal_handlers_block_by_func (self->pipeline_row, on_pipeline_selected_cb, self);
  if (!same)
    adw_combo_row_set_model (self->pipeline_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->pipeline_row, selected);
  g_signal_handlers_unblock_by_func (self->pipeline_row, on_pipeline_selected_cb, self);

  if (pipeline == NULL)
    return;
  if (!is_editing (self->name_row))
    set_entry_text (self->name_row, crm_pipeline_get_name (pipeline));
  if (!is_editing (self->currency_row))
    set_entry_text (self->currency_row, crm_pipeline_get_currency (pipeline));
  g_signal_handlers_block_by_func (self->kind_row, on_kind_selected_cb, self);
  adw_combo_row_set_selected (self->kind_row,
                              g_strcmp0 (crm_pipeline_get_kind (pipeline), "b2c") == 0 ? 1 : 0);
  g_signal_handlers_unblock_by_func (self->kind_row, on_kind_selected_cb, self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_pipeline_button), self->pipelines->len > 1);
}

/* --- reading --- */

typedef struct
{
  CrmPipelineEditor *self;
  guint              generation;
  GListModel        *stages;
} Reload;

static void
reload_free (Reload *reload)
{
  busy_dec (reload->self);
  g_clear_object (&reload->stages);
  g_object_unref (reload->self);
  g_free (reload);
}

static gboolean
reload_failed (Reload *reload,
               GError *error)
{
  /* Closed meanwhile: its rows are gone. */
  if (error == NULL && g_cancellable_is_cancelled (reload->self->cancellable))
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "");
  if (error == NULL)
    return FALSE;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (reload->self, error);
  g_error_free (error);
  reload_free (reload);
  return TRUE;
}

static void
on_reasons_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Reload *reload = user_data;
  GError *error = NULL;
  g_autoptr(GListModel) reasons = crm_store_query_finish (CRM_STORE (source), result, &error);

  if (reload_failed (reload, error))
    return;
  if (reload->generation == reload->self->generation)
    {
      apply_pipelines (reload->self);
      apply_stages (reload->self, reload->stages);
      apply_reasons (reload->self, reasons);
    }
  reload_free (reload);
}

static void
on_stages_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Reload *reload = user_data;
  GError *error = NULL;
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_LOST_REASON);

  reload->stages = crm_store_query_finish (CRM_STORE (source), result, &error);
  if (reload_failed (reload, error))
    return;
  crm_query_set_order (query, "position", FALSE);
  crm_store_query_async (CRM_STORE (source), query, reload->self->cancellable, on_reasons_read_cb,
                         reload);
}

static void
on_pipelines_read_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Reload *reload = user_data;
  CrmPipelineEditor *self = reload->self;
  GError *error = NULL;
  g_autoptr(GListModel) pipelines = crm_store_query_finish (CRM_STORE (source), result, &error);
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_STAGE);

  if (reload_failed (reload, error))
    return;
  if (reload->generation != self->generation)
    {
      reload_free (reload);
      return;
    }
  g_ptr_array_set_size (self->pipelines, 0);
  for (guint i = 0; i < g_list_model_get_n_items (pipelines); i++)
    g_ptr_array_add (self->pipelines, g_list_model_get_item (pipelines, i));
  /* The one asked for, or else the first. */
  if (current_pipeline (self) == NULL && self->pipelines->len > 0)
    {
      self->pipeline_id = crm_record_get_id (self->pipelines->pdata[0]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE_ID]);
    }

  crm_query_add_int (query, "pipeline-id", CRM_QUERY_EQ, self->pipeline_id);
  crm_query_set_order (query, "position", FALSE);
  crm_store_query_async (CRM_STORE (source), query, self->cancellable, on_stages_read_cb, reload);
}

static gboolean
reload_cb (gpointer data)
{
  CrmPipelineEditor *self = data;
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_PIPELINE);
  Reload *reload = g_new0 (Reload, 1);

  self->reload_source = 0;
  reload->self = g_object_ref (self);
  reload->generation = ++self->generation;
  busy_inc (self);
  crm_query_set_order (query, "position", FALSE);
  crm_store_query_async (get_store (self), query, self->cancellable, on_pipelines_read_cb, reload);
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (CrmPipelineEditor *self)
{
  if (self->reload_source != 0 || self->context == NULL ||
      g_cancellable_is_cancelled (self->cancellable))
    return;
  /* Counted as busy from now, so that a test waits for the read too. */
  busy_inc (self);
  self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, (GSourceFunc) reload_cb,
                                         self, NULL);
  busy_dec (self);
}

static void
on_store_changed_cb (CrmPipelineEditor *self)
{
  schedule_reload (self);
}

/* --- actions --- */

static void
move_stage (CrmPipelineEditor *self,
            StageRow          *sr,
            guint              to)
{
  guint from = open_index (self, sr, NULL);
  Undo *undo = undo_new (UNDO_MOVE_STAGE, sr->id);
  g_autofree char *key = g_strdup_printf ("move:%" G_GINT64_FORMAT, sr->id);

  undo->index = from;
  self->focus_stage = sr->id;
  crm_pipeline_move_stage_async (get_store (self), sr->id, to, self->cancellable,
                                 on_boolean_write_cb,
                                 op_new (self, g_strdup_printf (_("“%s” moved"), sr->name), undo,
                                         key));
}

static void
move_stage_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (widget);
  StageRow *sr = find_stage (self, g_variant_get_int64 (param));
  gboolean up = g_str_has_suffix (action_name, "-up");
  guint n_open;
  int at;

  if (sr == NULL || (at = open_index (self, sr, &n_open)) < 0)
    return;
  if ((up && at == 0) || (!up && at + 1 >= (int) n_open))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  move_stage (self, sr, up ? at - 1 : at + 1);
}

static void
on_stage_added_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_pipeline_add_stage_finish (CRM_STORE (source), result, &error);

  if (id > 0 && !g_cancellable_is_cancelled (op->self->cancellable))
    {
      op->undo = undo_new (UNDO_ADD_STAGE, id);
      op->self->focus_stage = id;
      op->self->focus_name = TRUE;
      g_hash_table_add (op->self->expanded, g_memdup2 (&id, sizeof id));
    }
  op_done (op, id > 0, error);
}

static void
add_stage_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (widget);
  int probability = CRM_PIPELINE_NEW_STAGE_PROBABILITY, rotting = 0;
  const char *name = _("New Stage");

  if (self->pipeline_id == 0)
    return;
  /* Like the last open stage. */
  for (guint i = 0; i < self->stages->len; i++)
    {
      StageRow *sr = self->stages->pdata[i];

      if (sr->kind == CRM_STAGE_KIND_OPEN)
        {
          probability = sr->probability;
          rotting = sr->rotting_days;
        }
    }
  crm_pipeline_add_stage_async (get_store (self), self->pipeline_id, name, probability, rotting,
                                G_MAXUINT, self->cancellable, on_stage_added_cb,
                                op_new (self, g_strdup_printf (_("Stage “%s” added"), name), NULL,
                                        NULL));
}

static void
on_stage_deleted_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  gint64 moved = crm_pipeline_delete_stage_finish (CRM_STORE (source), result, &error);

  /* Deals that moved stay where they went: only an empty stage comes back. */
  if (moved != 0)
    g_clear_pointer (&op->undo, undo_free);
  op_done (op, moved >= 0, error);
}

static void
delete_stage (CrmPipelineEditor *self,
              StageRow          *sr,
              gint64             target,
              char              *title)
{
  Undo *undo = undo_new (UNDO_RESTORE_STAGE, sr->id);

  undo->index = open_index (self, sr, NULL);
  crm_pipeline_delete_stage_async (get_store (self), sr->id, target, self->cancellable,
                                   on_stage_deleted_cb, op_new (self, title, undo, NULL));
}

static void
on_delete_stage_response_cb (AdwMessageDialog  *dialog,
                             const char        *response,
                             CrmPipelineEditor *self)
{
  GArray *targets = g_object_get_data (G_OBJECT (dialog), "crm-targets");
  GtkDropDown *dropdown = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  StageRow *sr = find_stage (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog),
                                                                         "crm-stage")));
  guint selected = gtk_drop_down_get_selected (dropdown);
  gint64 n = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-count"));
  StageRow *target;

  if (!g_str_equal (response, "delete") || sr == NULL || selected >= targets->len)
    return;
  target = find_stage (self, g_array_index (targets, gint64, selected));
  if (target == NULL)
    return;
  delete_stage (self, sr, target->id,
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Stage “%s” deleted; its %d deal moved to “%s”",
                                              "Stage “%s” deleted; its %d deals moved to “%s”", n),
                                 sr->name, (int) n, target->name));
}

static void
ask_delete_stage (CrmPipelineEditor *self,
                  StageRow          *sr,
                  gint64             n)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GArray *targets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), sr->name);
  GtkWidget *dialog, *dropdown;
  gboolean past = FALSE, chosen = FALSE;
  guint preselect = 0;

  for (guint i = 0; i < self->stages->len; i++)
    {
      StageRow *other = self->stages->pdata[i];

      past |= other == sr;
      if (other == sr || other->kind == CRM_STAGE_KIND_LOST)
        continue;
      /* The next open stage, else the one before. */
      if (other->kind == CRM_STAGE_KIND_OPEN && !chosen)
        {
          preselect = targets->len;
          chosen = past;
        }
      if (other->kind == CRM_STAGE_KIND_WON)
        {
          g_autofree char *label = g_strdup_printf (_("%s (closes the deals as won)"), other->name);

          gtk_string_list_append (names, label);
        }
      else
        gtk_string_list_append (names, other->name);
      g_array_append_val (targets, other->id);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%d deal is in this stage. Choose the stage it "
                                               "moves to.",
                                               "%d deals are in this stage. Choose the stage "
                                               "they move to.", n),
                                  (int) n);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Move the deals to"), -1);
  gtk_widget_set_tooltip_text (dropdown, _("Move the deals to"));
  gtk_widget_set_halign (dropdown, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), preselect);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Stage"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "crm-targets", targets, (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (dialog), "crm-stage", GSIZE_TO_POINTER (sr->id));
  g_object_set_data (G_OBJECT (dialog), "crm-count", GSIZE_TO_POINTER (n));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_stage_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  CrmPipelineEditor *self;
  gint64             stage_id;
} Count;

static void
on_stage_counted_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Count *count = user_data;
  CrmPipelineEditor *self = count->self;
  g_autoptr(GError) error = NULL;
  gint64 n = crm_store_count_finish (CRM_STORE (source), result, &error);
  StageRow *sr;

  busy_dec (self);
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (self);
      g_free (count);
      return;
    }
  sr = find_stage (self, count->stage_id);
  if (n < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error);
  else if (n == 0 && sr != NULL)
    {
      gint64 target = 0;

      /* Empty: deleted at once (any trashed deal goes to the next stage). */
      for (guint i = 0; i < self->stages->len && target == 0; i++)
        {
          StageRow *other = self->stages->pdata[i];

          if (other != sr && other->kind != CRM_STAGE_KIND_LOST)
            target = other->id;
        }
      delete_stage (self, sr, target, g_strdup_printf (_("Stage “%s” deleted"), sr->name));
    }
  else if (n > 0 && sr != NULL)
    ask_delete_stage (self, sr, n);
  g_object_unref (self);
  g_free (count);
}

static void
delete_stage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (widget);
  StageRow *sr = find_stage (self, g_variant_get_int64 (param));
  g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_DEAL);
  Count *count;
  guint n_open;

  if (sr == NULL || open_index (self, sr, &n_open) < 0)
    return;
  if (n_open <= 1)
    {
      show_toast (self, _("A pipeline needs at least one open stage."), NULL, NULL);
      return;
    }
  count = g_new0 (Count, 1);
  count->self = g_object_ref (self);
  count->stage_id = sr->id;
  busy_inc (self);
  crm_query_add_int (query, "stage-id", CRM_QUERY_EQ, sr->id);
  crm_store_count_async (get_store (self), query, self->cancellable, on_stage_counted_cb, count);
}

static void
on_pipeline_added_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_pipeline_add_pipeline_finish (CRM_STORE (source), result, &error);

  if (id > 0 && !g_cancellable_is_cancelled (op->self->cancellable))
    {
      op->undo = undo_new (UNDO_ADD_PIPELINE, id);
      crm_pipeline_editor_set_pipeline_id (op->self, id);
      gtk_widget_grab_focus (GTK_WIDGET (op->self->name_row));
    }
  op_done (op, id > 0, error);
}

static void
new_pipeline_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (widget);
  CrmPipeline *pipeline = current_pipeline (self);
  const char *name = _("New Pipeline");

  crm_pipeline_add_pipeline_async (get_store (self), name,
                                   pipeline != NULL ? crm_pipeline_get_kind (pipeline) : "b2b",
                                   pipeline != NULL ? crm_pipeline_get_currency (pipeline) : "USD",
                                   C_("stage", "New"), C_("stage", "Won"), C_("stage", "Lost"),
                                   self->cancellable, on_pipeline_added_cb,
                                   op_new (self, g_strdup_printf (_("Pipeline “%s” added"), name),
                                           NULL, NULL));
}

static void
on_pipeline_deleted_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = crm_pipeline_delete_pipeline_finish (CRM_STORE (source), result, &error);

  if (ok && !g_cancellable_is_cancelled (op->self->cancellable))
    crm_pipeline_editor_set_pipeline_id (op->self, 0);
  op_done (op, ok, error);
}

static void
on_delete_pipeline_response_cb (AdwMessageDialog  *dialog,
                                const char        *response,
                                CrmPipelineEditor *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-pipeline"));
  const char *name = g_object_get_data (G_OBJECT (dialog), "crm-name");

  if (!g_str_equal (response, "delete"))
    return;
  crm_pipeline_delete_pipeline_async (get_store (self), id, self->cancellable,
                                      on_pipeline_deleted_cb,
                                      op_new (self, g_strdup_printf (_("Pipeline “%s” deleted"),
                                                                     name), NULL, NULL));
}

static void
delete_pipeline_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (widget);
  CrmPipeline *pipeline = current_pipeline (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (pipeline == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), crm_pipeline_get_name (pipeline));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The pipeline and its stages are deleted. A pipeline that "
                                     "still has deals cannot be deleted: move or delete its deals "
                                     "first."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete Pipeline"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "crm-pipeline",
                     GSIZE_TO_POINTER (crm_record_get_id (CRM_RECORD (pipeline))));
  g_object_set_data_full (G_OBJECT (dialog), "crm-name",
                          g_strdup (crm_pipeline_get_name (pipeline)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_pipeline_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_reason_added_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_pipeline_add_lost_reason_finish (CRM_STORE (source), result, &error);

  if (id > 0 && !g_cancellable_is_cancelled (op->self->cancellable))
    {
      op->undo = undo_new (UNDO_ADD_REASON, id);
      set_entry_text (op->self->new_reason_row, "");
    }
  op_done (op, id > 0, error);
}

static void
on_new_reason_apply_cb (CrmPipelineEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_reason_row))));

  crm_pipeline_add_lost_reason_async (get_store (self), name, G_MAXUINT, self->cancellable,
                                      on_reason_added_cb,
                                      field_op (op_new (self, g_strdup_printf (_("Lost reason “%s” "
                                                                                 "added"), name),
                                                        NULL, NULL),
                                                self->new_reason_row));
}

static void
move_reason_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (widget);
  gboolean up = g_str_has_suffix (action_name, "-up");
  guint at = 0;
  ReasonRow *rr = find_reason (self, g_variant_get_int64 (param), &at);
  Undo *undo;

  if (rr == NULL)
    return;
  if ((up && at == 0) || (!up && at + 1 >= self->reasons->len))
    {
      gtk_widget_error_bell (widget);
      return;
    }
  undo = undo_new (UNDO_MOVE_REASON, rr->id);
  undo->index = at;
  self->focus_reason = rr->id;
  crm_pipeline_move_lost_reason_async (get_store (self), rr->id, up ? at - 1 : at + 1,
                                       self->cancellable, on_boolean_write_cb,
                                       op_new (self, g_strdup_printf (_("“%s” moved"), rr->name),
                                               undo, NULL));
}

static void
delete_reason_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (widget);
  guint at = 0;
  ReasonRow *rr = find_reason (self, g_variant_get_int64 (param), &at);
  Undo *undo;

  if (rr == NULL)
    return;
  undo = undo_new (UNDO_RESTORE_REASON, rr->id);
  undo->index = at;
  crm_pipeline_delete_lost_reason_async (get_store (self), rr->id, self->cancellable,
                                         on_boolean_write_cb,
                                         op_new (self, g_strdup_printf (_("Lost reason “%s” "
                                                                          "removed"), rr->name),
                                                 undo, NULL));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (widget);
  AdwToast *toast = self->undo_toast;
  Undo *undo;

  if (toast == NULL || (undo = g_object_get_data (G_OBJECT (toast), "crm-undo")) == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  run_undo (self, undo);
  g_object_set_data (G_OBJECT (toast), "crm-undo", NULL);
  self->undo_toast = NULL;
  adw_toast_dismiss (toast);
}

/* --- undo --- */

static void
on_undo_count_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Count *count = user_data;
  CrmPipelineEditor *self = count->self;
  g_autoptr(GError) error = NULL;
  gint64 n = crm_store_count_finish (CRM_STORE (source), result, &error);
  gint64 target = 0;

  busy_dec (self);
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_object_unref (self);
      g_free (count);
      return;
    }
  for (guint i = 0; i < self->stages->len && target == 0; i++)
    {
      StageRow *other = self->stages->pdata[i];

      if (other->id != count->stage_id && other->kind == CRM_STAGE_KIND_WON)
        target = other->id;
    }
  if (n < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error);
  else if (n > 0 || target == 0)
    show_toast (self, _("The new stage has deals now; delete it from its menu instead."), NULL, NULL);
  else if (n == 0)
    crm_pipeline_delete_stage_async (get_store (self), count->stage_id, target, self->cancellable,
                                     on_boolean_write_cb, op_new (self, NULL, NULL, NULL));
  g_object_unref (self);
  g_free (count);
}

static void
run_undo (CrmPipelineEditor *self,
          Undo              *undo)
{
  CrmStore *store = get_store (self);
  Op *op = op_new (self, NULL, NULL, NULL);

  switch (undo->kind)
    {
    case UNDO_STAGE:
      crm_pipeline_update_stage_async (store, undo->id, undo->name, undo->probability,
                                       undo->rotting_days, self->cancellable, on_boolean_write_cb, op);
      break;
    case UNDO_ADD_STAGE:
      {
        /* Only while it is empty: count first. */
        g_autoptr(CrmQuery) query = crm_query_new (CRM_TYPE_DEAL);
        Count *count = g_new0 (Count, 1);

        count->self = g_object_ref (self);
        count->stage_id = undo->id;
        busy_inc (self);
        crm_query_add_int (query, "stage-id", CRM_QUERY_EQ, undo->id);
        crm_store_count_async (store, query, self->cancellable, on_undo_count_cb, count);
        op_done (op, TRUE, NULL);
      }
      break;
    case UNDO_MOVE_STAGE:
      self->focus_stage = undo->id;
      crm_pipeline_move_stage_async (store, undo->id, undo->index, self->cancellable,
                                     on_boolean_write_cb, op);
      break;
    case UNDO_RESTORE_STAGE:
      crm_pipeline_restore_stage_async (store, undo->id, undo->index, self->cancellable,
                                        on_boolean_write_cb, op);
      break;
    case UNDO_PIPELINE:
      crm_pipeline_update_pipeline_async (store, undo->id, undo->name, undo->pipeline_kind,
                                          undo->currency, self->cancellable, on_boolean_write_cb, op);
      break;
    case UNDO_ADD_PIPELINE:
      crm_pipeline_delete_pipeline_async (store, undo->id, self->cancellable, on_boolean_write_cb,
                                          op);
      break;
    case UNDO_REASON_NAME:
      crm_pipeline_rename_lost_reason_async (store, undo->id, undo->name, self->cancellable,
                                             on_boolean_write_cb, op);
      break;
    case UNDO_ADD_REASON:
      crm_pipeline_delete_lost_reason_async (store, undo->id, self->cancellable,
                                             on_boolean_write_cb, op);
      break;
    case UNDO_MOVE_REASON:
      crm_pipeline_move_lost_reason_async (store, undo->id, undo->index, self->cancellable,
                                           on_boolean_write_cb, op);
      break;
    case UNDO_RESTORE_REASON:
    default:
      crm_pipeline_restore_lost_reason_async (store, undo->id, undo->index, self->cancellable,
                                              on_boolean_write_cb, op);
      break;
    }
}

/* --- GObject --- */

static void
crm_pipeline_editor_dispose (GObject *object)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PIPELINE_EDITOR);
  /* The rows own these; they went with the template. */
  g_ptr_array_set_size (self->stages, 0);
  g_ptr_array_set_size (self->reasons, 0);
  g_clear_pointer (&self->pipelines, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (crm_pipeline_editor_parent_class)->dispose (object);
}

static void
crm_pipeline_editor_finalize (GObject *object)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->stages);
  g_ptr_array_unref (self->reasons);
  g_array_unref (self->stage_ids);
  g_hash_table_unref (self->expanded);
  g_free (self->last_key);

  G_OBJECT_CLASS (crm_pipeline_editor_parent_class)->finalize (object);
}

static void
crm_pipeline_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_PIPELINE_ID:
      g_value_set_int64 (value, self->pipeline_id);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, crm_pipeline_editor_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_pipeline_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CrmPipelineEditor *self = CRM_PIPELINE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      /* construct-only */
      self->context = g_value_dup_object (value);
      if (self->context != NULL)
        {
          CrmStore *store = get_store (self);

          g_signal_connect_object (store, "changed::pipeline", G_CALLBACK (on_store_changed_cb),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (store, "changed::stage", G_CALLBACK (on_store_changed_cb),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (store, "changed::lost_reason", G_CALLBACK (on_store_changed_cb),
                                   self, G_CONNECT_SWAPPED);
          schedule_reload (self);
        }
      break;
    case PROP_PIPELINE_ID:
      crm_pipeline_editor_set_pipeline_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_pipeline_editor_class_init (CrmPipelineEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_pipeline_editor_dispose;
  object_class->finalize = crm_pipeline_editor_finalize;
  object_class->get_property = crm_pipeline_editor_get_property;
  object_class->set_property = crm_pipeline_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CRM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PIPELINE_ID] =
    g_param_spec_int64 ("pipeline-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/crm-pipeline-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineEditor, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineEditor, stages_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineEditor, reasons_group);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineEditor, new_reason_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineEditor, delete_pipeline_button);

  gtk_widget_class_install_action (widget_class, "editor.new-pipeline", NULL, new_pipeline_action);
  gtk_widget_class_install_action (widget_class, "editor.delete-pipeline", NULL,
                                   delete_pipeline_action);
  gtk_widget_class_install_action (widget_class, "editor.add-stage", NULL, add_stage_action);
  gtk_widget_class_install_action (widget_class, "editor.move-stage-up", "x", move_stage_action);
  gtk_widget_class_install_action (widget_class, "editor.move-stage-down", "x", move_stage_action);
  gtk_widget_class_install_action (widget_class, "editor.delete-stage", "x", delete_stage_action);
  gtk_widget_class_install_action (widget_class, "editor.move-reason-up", "x", move_reason_action);
  gtk_widget_class_install_action (widget_class, "editor.move-reason-down", "x", move_reason_action);
  gtk_widget_class_install_action (widget_class, "editor.delete-reason", "x", delete_reason_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "editor.add-stage", NULL);
}

static void
crm_pipeline_editor_init (CrmPipelineEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->pipelines = g_ptr_array_new_with_free_func (g_object_unref);
  self->stages = g_ptr_array_new ();
  self->reasons = g_ptr_array_new ();
  self->stage_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_signal_connect_swapped (self->pipeline_row, "notify::selected",
                            G_CALLBACK (on_pipeline_selected_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_cb),
                            self);
  g_signal_connect_swapped (self->name_row, "apply", G_CALLBACK (on_name_apply_cb), self);
  g_signal_connect_swapped (self->currency_row, "apply", G_CALLBACK (on_currency_apply_cb), self);
  g_signal_connect_swapped (self->new_reason_row, "apply", G_CALLBACK (on_new_reason_apply_cb), self);
}

/* --- public API --- */

GtkWidget *
crm_pipeline_editor_new (CrmContext *context,
                         gint64      pipeline_id)
{
  g_return_val_if_fail (CRM_IS_CONTEXT (context), NULL);

  return g_object_new (CRM_TYPE_PIPELINE_EDITOR,
                       "context", context,
                       "pipeline-id", pipeline_id,
                       NULL);
}

CrmContext *
crm_pipeline_editor_get_context (CrmPipelineEditor *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_EDITOR (self), NULL);

  return self->context;
}

gint64
crm_pipeline_editor_get_pipeline_id (CrmPipelineEditor *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_EDITOR (self), 0);

  return self->pipeline_id;
}

void
crm_pipeline_editor_set_pipeline_id (CrmPipelineEditor *self,
                                     gint64             pipeline_id)
{
  g_return_if_fail (CRM_IS_PIPELINE_EDITOR (self));

  if (self->pipeline_id == pipeline_id)
    return;
  self->pipeline_id = pipeline_id;
  /* A stale read must not show the other pipeline's stages. */
  self->generation++;
  schedule_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE_ID]);
}

gboolean
crm_pipeline_editor_get_busy (CrmPipelineEditor *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_EDITOR (self), FALSE);

  return self->busy > 0 || self->reload_source != 0;
}

GtkWidget *
crm_pipeline_editor_get_stage_widget (CrmPipelineEditor *self,
                                      gint64             stage_id,
                                      const char        *part)
{
  StageRow *sr;

  g_return_val_if_fail (CRM_IS_PIPELINE_EDITOR (self), NULL);

  if ((sr = find_stage (self, stage_id)) == NULL)
    return NULL;
  if (g_strcmp0 (part, "name") == 0)
    return GTK_WIDGET (sr->name_row);
  if (g_strcmp0 (part, "probability") == 0)
    return GTK_WIDGET (sr->probability_spin);
  if (g_strcmp0 (part, "rotting") == 0)
    return GTK_WIDGET (sr->rotting_spin);
  return GTK_WIDGET (sr->row);
}

GArray *
crm_pipeline_editor_get_stage_ids (CrmPipelineEditor *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_EDITOR (self), NULL);

  return self->stage_ids;
}

GtkWidget *
crm_pipeline_editor_get_part (CrmPipelineEditor *self,
                              const char        *part)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_EDITOR (self), NULL);

  if (g_strcmp0 (part, "pipeline") == 0)
    return GTK_WIDGET (self->pipeline_row);
  if (g_strcmp0 (part, "name") == 0)
    return GTK_WIDGET (self->name_row);
  if (g_strcmp0 (part, "kind") == 0)
    return GTK_WIDGET (self->kind_row);
  if (g_strcmp0 (part, "currency") == 0)
    return GTK_WIDGET (self->currency_row);
  if (g_strcmp0 (part, "new-reason") == 0)
    return GTK_WIDGET (self->new_reason_row);
  g_return_val_if_reached (NULL);
}

GtkWidget *
crm_pipeline_editor_get_reason_row (CrmPipelineEditor *self,
                                    gint64             reason_id)
{
  ReasonRow *rr;

  g_return_val_if_fail (CRM_IS_PIPELINE_EDITOR (self), NULL);

  rr = find_reason (self, reason_id, NULL);
  return rr != NULL ? GTK_WIDGET (rr->row) : NULL;
}

/* crm-kb-view.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Knowledge Base view: the articles on the left (searched by the
 * header's search entry, filtered by language and tag), the chosen article
 * on the right as an editor (title, tags, language, published, text) with
 * its view count and the requests it resolved without a ticket.  Saving,
 * deleting, recording a self-service resolution and importing a portal log
 * each offer an undo.  In a narrow window the two panes fold into one and
 * the article slides over the list.
 *
 * The list is read by crm_kb_search_async() when the view is shown, when
 * the search or a filter changes, and (coalesced) after the articles or the
 * resolutions changed; a re-read with the same articles keeps the rows.  An
 * article counts as read once it stayed open for a few seconds.
 */

#define G_LOG_DOMAIN "CrmKbView"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-format.h"
#include "crm-kb-article.h"
#include "crm-kb-view-private.h"
#include "crm-store.h"
#include "crm-view-private.h"
#include "crm-window.h"

/* The most articles listed (a knowledge base has a few thousand at most). */
#define LIST_LIMIT 5000
#define RELOAD_DELAY_MS 150
/* An article counts as read after it stayed open this long. */
#define VIEW_COUNT_DELAY_S 3
/* A selection this soon after a click in the list came from the click. */
#define CLICK_OPENS_US (G_USEC_PER_SEC / 2)

G_DEFINE_FINAL_TYPE (CrmKbView, crm_kb_view, CRM_TYPE_VIEW)

static const char * const language_filter_keys[] = { NULL, "en", "zh-CN" };
static const char * const language_row_keys[] = { "en", "zh-CN" };

CrmStore *
_crm_kb_view_get_store (CrmKbView *self)
{
  CrmContext *context = crm_view_get_context (CRM_VIEW (self));

  return context != NULL ? crm_context_get_store (context) : NULL;
}

void
_crm_kb_view_toast (CrmKbView  *self,
                    const char *message)
{
  crm_window_toast_for (GTK_WIDGET (self), adw_toast_new (message));
}

static const char *
language_filter (CrmKbView *self)
{
  guint i = gtk_drop_down_get_selected (self->language_drop_down);

  return i < G_N_ELEMENTS (language_filter_keys) ? language_filter_keys[i] : NULL;
}

static const char *
tag_filter (CrmKbView *self)
{
  guint i = gtk_drop_down_get_selected (self->tag_drop_down);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->tags, i);
}

/* --- Actions and state --- */

static void
update_actions (CrmKbView *self)
{
  gboolean open = _crm_kb_view_get_store (self) != NULL;
  gboolean saved = self->editing && self->article_id != 0;
  gboolean dirty = _crm_kb_view_is_dirty (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.new-article", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.save", open && self->editing && dirty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.delete", open && self->editing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.record-resolution", open && saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.import-log", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.clear-filters", open);
  /* Nothing to save or delete without an article. */
  gtk_widget_set_visible (self->article_bar, self->editing);
}

static void
update_list_state (CrmKbView *self)
{
  const char *page;

  if (!self->loaded)
    page = "loading";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->hits)) > 0)
    page = "list";
  else if (language_filter (self) == NULL && tag_filter (self) == NULL &&
           crm_view_get_search_text (CRM_VIEW (self))[0] == '\0')
    page = "empty";
  else
    page = "no-results";
  gtk_stack_set_visible_child_name (self->list_stack, page);
  /* An empty knowledge base says so once, on the list's side. */
  {
    gboolean none = g_str_equal (page, "empty");

    adw_status_page_set_icon_name (self->none_page, none ? NULL : "rapport-knowledge-symbolic");
    adw_status_page_set_title (self->none_page, none ? "" : self->none_title);
    adw_status_page_set_description (self->none_page, none ? NULL : self->none_description);
  }

  /* The base's state ("loading", "empty", "no-results", "list") is the
   * list's, as the window and its tests read it for every view. */
  {
    CrmViewPrivate *priv = _crm_view_get_private (CRM_VIEW (self));

    if (g_strcmp0 (priv->state, page) != 0)
      {
        priv->state = page;
        g_object_notify (G_OBJECT (self), "state");
      }
  }
}

/* --- The editor --- */

static void
set_problem (CrmKbView  *self,
             const char *message)
{
  gtk_label_set_label (self->problem_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

CrmKbDraft *
_crm_kb_view_read_draft (CrmKbView *self)
{
  CrmKbDraft *draft = crm_kb_draft_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;
  guint language = adw_combo_row_get_selected (self->language_row);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_free (draft->title);
  g_free (draft->body);
  g_free (draft->tags);
  g_free (draft->language);
  draft->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  draft->body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  draft->tags = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  draft->language = g_strdup (language_row_keys[MIN (language, G_N_ELEMENTS (language_row_keys) - 1)]);
  draft->published = gtk_switch_get_active (self->published_switch);
  return draft;
}

gboolean
_crm_kb_view_is_dirty (CrmKbView *self)
{
  g_autoptr(CrmKbDraft) now = NULL;
  g_autofree char *tags_now = NULL;
  g_autofree char *tags_then = NULL;
  g_autofree char *title_now = NULL;
  g_autofree char *title_then = NULL;
  const CrmKbDraft *then = self->loaded_draft;

  if (!self->editing || then == NULL)
    return FALSE;
  now = _crm_kb_view_read_draft (self);
  tags_now = crm_kb_normalize_tags (now->tags);
  tags_then = crm_kb_normalize_tags (then->tags);
  title_now = g_strstrip (g_strdup (now->title));
  title_then = g_strstrip (g_strdup (then->title));
  /* A new article is worth keeping once something was written in it. */
  if (self->article_id == 0)
    return title_now[0] != '\0' || now->body[0] != '\0' || tags_now[0] != '\0';
  return !g_str_equal (title_now, title_then) || !g_str_equal (now->body, then->body) ||
         !g_str_equal (tags_now, tags_then) || !g_str_equal (now->language, then->language) ||
         now->published != then->published;
}

static void
update_heading (CrmKbView *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (title));

  if (trimmed[0] != '\0')
    gtk_label_set_label (self->article_heading, trimmed);
  else if (self->editing && self->article_id == 0)
    gtk_label_set_label (self->article_heading, _("New Article"));
  else if (self->editing)
    gtk_label_set_label (self->article_heading, _("Untitled Article"));
  else
    gtk_label_set_label (self->article_heading, "");
}

static void
validate_live (CrmKbView *self)
{
  g_autoptr(CrmKbDraft) draft = NULL;
  g_autoptr(GError) error = NULL;

  if (!self->show_problems || !self->editing)
    {
      set_problem (self, NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
      gtk_widget_remove_css_class (gtk_widget_get_parent (GTK_WIDGET (self->body_view)), "error");
      return;
    }
  draft = _crm_kb_view_read_draft (self);
  crm_kb_draft_validate (draft, &error);
  set_problem (self, error != NULL ? error->message : NULL);
  if (error != NULL && (error->code == CRM_KB_ERROR_NO_TITLE || error->code == CRM_KB_ERROR_TITLE_TOO_LONG))
    gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  if (error != NULL && error->code == CRM_KB_ERROR_NO_BODY)
    gtk_widget_add_css_class (gtk_widget_get_parent (GTK_WIDGET (self->body_view)), "error");
  else
    gtk_widget_remove_css_class (gtk_widget_get_parent (GTK_WIDGET (self->body_view)), "error");
}

static void
on_field_changed_cb (CrmKbView *self)
{
  if (self->syncing)
    return;
  update_heading (self);
  validate_live (self);
  update_actions (self);
}

static void
update_stats (CrmKbView *self)
{
  gint64 views = self->article != NULL ? crm_kb_article_get_views (self->article) : 0;
  g_autofree char *views_text = crm_format_count (views);
  g_autofree char *resolved_text = crm_format_count (self->stats.resolved);
  g_autofree char *recent_text = crm_format_count (self->stats.resolved_recent);
  g_autofree char *caption = NULL;

  gtk_label_set_label (self->views_label, views_text);
  gtk_label_set_label (self->views_caption,
                       g_dngettext (GETTEXT_PACKAGE, "time read", "times read", views));
  gtk_label_set_label (self->resolved_label, resolved_text);
  /* Translators: under the number of requests an article resolved; %s is
   * how many of them in the last 30 days */
  caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "request resolved without a ticket, %s in the last 30 days",
                                          "requests resolved without a ticket, %s in the last 30 days",
                                          self->stats.resolved),
                             recent_text);
  gtk_label_set_label (self->resolved_caption, caption);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->views_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->views_caption), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->resolved_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  caption, -1);
}

static void
on_stats_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmKbView) self = user_data;
  g_autoptr(GError) error = NULL;
  CrmKbStats stats;

  if (!crm_kb_get_stats_finish (CRM_STORE (object), result, &stats, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, CRM_KB_ERROR, CRM_KB_ERROR_NOT_FOUND))
        g_warning ("Could not read an article's numbers: %s", error->message);
      return;
    }
  /* The editor may show another article by now. */
  if (*(gint64 *) g_task_get_task_data (G_TASK (result)) != self->article_id)
    return;
  self->stats = stats;
  update_stats (self);
}

static void
load_stats (CrmKbView *self)
{
  CrmStore *store = _crm_kb_view_get_store (self);

  if (store == NULL || self->article_id == 0)
    return;
  crm_kb_get_stats_async (store, self->article_id, self->cancellable, on_stats_cb,
                          g_object_ref (self));
}

static void
update_details (CrmKbView *self)
{
  g_autofree char *ref = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  gboolean saved = self->article != NULL;

  gtk_widget_set_visible (self->stats_box, saved);
  gtk_widget_set_visible (GTK_WIDGET (self->updated_label), saved);
  if (!saved)
    return;

  ref = crm_kb_format_reference (self->article_id);
  date = crm_format_date (crm_record_get_updated (CRM_RECORD (self->article)));
  /* Translators: %1$s is a date, %2$s an article's reference ("KB-" and its
   * number, which portal logs and replies may use) */
  text = g_strdup_printf (_("Last changed on %1$s · Reference %2$s"), date, ref);
  gtk_label_set_label (self->updated_label, text);
  update_stats (self);
}

/* Puts @draft into the widgets without counting it as an edit. */
static void
fill_fields (CrmKbView        *self,
             const CrmKbDraft *draft)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autofree char *tags = crm_kb_normalize_tags (draft->tags);
  g_auto(GStrv) split = crm_kb_split_tags (tags);
  g_autofree char *shown_tags = g_strjoinv (", ", split);

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), draft->title);
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), shown_tags);
  adw_combo_row_set_selected (self->language_row, g_strcmp0 (draft->language, "zh-CN") == 0 ? 1 : 0);
  gtk_switch_set_active (self->published_switch, draft->published);
  gtk_text_buffer_set_text (buffer, draft->body, -1);
  self->syncing = FALSE;
}

static CrmKbDraft *
draft_of (CrmKbArticle *article)
{
  CrmKbDraft *draft = crm_kb_draft_new ();

  g_free (draft->title);
  g_free (draft->body);
  g_free (draft->tags);
  g_free (draft->language);
  draft->title = g_strdup (crm_kb_article_get_title (article));
  draft->body = g_strdup (crm_kb_article_get_body (article));
  draft->tags = g_strdup (crm_kb_article_get_tags (article));
  draft->language = g_strdup (crm_kb_article_get_language (article));
  draft->published = crm_kb_article_get_published (article);
  return draft;
}

static void
on_count_view_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!crm_kb_count_view_finish (CRM_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("A view was not counted: %s", error->message);
}

static gboolean
count_view_cb (gpointer data)
{
  CrmKbView *self = data;
  CrmStore *store = _crm_kb_view_get_store (self);

  self->count_view_source = 0;
  if (store != NULL && self->article_id != 0 && self->counted_id != self->article_id)
    {
      self->counted_id = self->article_id;
      crm_kb_count_view_async (store, self->article_id, self->cancellable, on_count_view_cb, NULL);
    }
  return G_SOURCE_REMOVE;
}

static gboolean
drafts_equal (const CrmKbDraft *a,
              const CrmKbDraft *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->title, b->title) == 0 && g_strcmp0 (a->body, b->body) == 0 &&
         g_strcmp0 (a->tags, b->tags) == 0 && g_strcmp0 (a->language, b->language) == 0 &&
         a->published == b->published;
}

/* The stored article changed (an undo, another window, a view counted). */
static void
on_article_notify_cb (CrmKbView  *self,
                      GParamSpec *pspec,
                      GObject    *article)
{
  g_autoptr(CrmKbDraft) draft = NULL;

  if (crm_record_get_trashed (CRM_RECORD (article)))
    return;
  draft = draft_of (CRM_KB_ARTICLE (article));
  /* A counted view or a new time changes no field: the cursor stays put. */
  if (!_crm_kb_view_is_dirty (self) && !drafts_equal (draft, self->loaded_draft))
    {
      g_clear_pointer (&self->loaded_draft, crm_kb_draft_free);
      self->loaded_draft = crm_kb_draft_copy (draft);
      fill_fields (self, draft);
      update_heading (self);
    }
  update_details (self);
  update_actions (self);
}

static void
set_article (CrmKbView    *self,
             CrmKbArticle *article)
{
  if (self->article != NULL)
    g_signal_handlers_disconnect_by_func (self->article, on_article_notify_cb, self);
  g_set_object (&self->article, article);
  if (article != NULL)
    g_signal_connect_object (article, "notify", G_CALLBACK (on_article_notify_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
show_editor (CrmKbView        *self,
             CrmKbArticle     *article,
             const CrmKbDraft *draft)
{
  g_clear_handle_id (&self->count_view_source, g_source_remove);
  set_article (self, article);
  self->article_id = article != NULL ? crm_record_get_id (CRM_RECORD (article)) : 0;
  self->editing = TRUE;
  self->show_problems = FALSE;
  memset (&self->stats, 0, sizeof self->stats);
  g_clear_pointer (&self->loaded_draft, crm_kb_draft_free);
  self->loaded_draft = crm_kb_draft_copy (draft);
  fill_fields (self, draft);
  gtk_stack_set_visible_child_name (self->article_stack, "editor");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->editor_scroll), 0);
  update_heading (self);
  validate_live (self);
  update_details (self);
  load_stats (self);
  update_actions (self);
  if (article != NULL && self->counted_id != self->article_id)
    self->count_view_source = g_timeout_add_seconds (VIEW_COUNT_DELAY_S, count_view_cb, self);
}

static void
show_nothing (CrmKbView *self)
{
  g_clear_handle_id (&self->count_view_source, g_source_remove);
  set_article (self, NULL);
  self->article_id = 0;
  self->editing = FALSE;
  g_clear_pointer (&self->loaded_draft, crm_kb_draft_free);
  gtk_stack_set_visible_child_name (self->article_stack, "none");
  update_heading (self);
  update_actions (self);
}

static void
show_hit_at (CrmKbView *self,
             guint      position)
{
  g_autoptr(CrmKbHit) hit = g_list_model_get_item (G_LIST_MODEL (self->hits), position);
  g_autoptr(CrmKbDraft) draft = NULL;

  if (hit == NULL)
    {
      show_nothing (self);
      return;
    }
  if (crm_kb_hit_get_article_id (hit) == self->article_id && self->editing)
    return;
  draft = draft_of (crm_kb_hit_get_article (hit));
  show_editor (self, crm_kb_hit_get_article (hit), draft);
}

static void
start_new_article (CrmKbView *self)
{
  g_autoptr(CrmKbDraft) draft = crm_kb_draft_new ();
  const char *language = language_filter (self);

  g_free (draft->language);
  draft->language = g_strdup (language != NULL ? language
                                               : crm_format_locale_is_chinese () ? "zh-CN" : "en");
  /* A new article is a draft until it is switched to published. */
  draft->published = FALSE;
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->syncing = FALSE;
  show_editor (self, NULL, draft);
  adw_leaflet_set_visible_child_name (self->leaflet, "article");
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static guint
position_of (CrmKbView *self,
             gint64     id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->hits));

  for (guint i = 0; id != 0 && i < n; i++)
    {
      g_autoptr(CrmKbHit) hit = g_list_model_get_item (G_LIST_MODEL (self->hits), i);

      if (crm_kb_hit_get_article_id (hit) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

void
_crm_kb_view_reselect (CrmKbView *self)
{
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position_of (self, self->article_id));
  self->syncing = FALSE;
}

void
_crm_kb_view_run_pending (CrmKbView *self)
{
  KbPending pending = self->pending;

  self->pending = PENDING_NONE;
  switch (pending)
    {
    case PENDING_SELECT:
      self->syncing = TRUE;
      gtk_single_selection_set_selected (self->selection, self->pending_position);
      self->syncing = FALSE;
      show_hit_at (self, self->pending_position);
      /* Folded, a click opens the article; the arrow keys only move along
       * the list (Enter opens). */
      if (adw_leaflet_get_folded (self->leaflet) &&
          g_get_monotonic_time () - self->clicked_at < CLICK_OPENS_US)
        adw_leaflet_set_visible_child_name (self->leaflet, "article");
      break;
    case PENDING_NEW:
      start_new_article (self);
      break;
    case PENDING_NONE:
    default:
      break;
    }
}

static void
on_selected_cb (CrmKbView          *self,
                GParamSpec         *pspec,
                GtkSingleSelection *selection)
{
  guint position = gtk_single_selection_get_selected (selection);

  if (self->syncing || position == GTK_INVALID_LIST_POSITION)
    return;
  self->pending = PENDING_SELECT;
  self->pending_position = position;
  if (_crm_kb_view_is_dirty (self))
    {
      _crm_kb_view_reselect (self);
      _crm_kb_view_ask_unsaved (self);
      return;
    }
  _crm_kb_view_run_pending (self);
}

static void
on_list_pressed_cb (CrmKbView *self)
{
  self->clicked_at = g_get_monotonic_time ();
}

static void
on_list_activate_cb (CrmKbView   *self,
                     guint        position,
                     GtkListView *list_view)
{
  if (gtk_single_selection_get_selected (self->selection) == position && self->editing)
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "article");
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
    }
}

/* GTK 4.8 gives the button inside a drop-down no name of its own: screen
 * readers would read "GtkToggleButton". */
static void
name_inner_button (GtkWidget  *widget,
                   const char *name)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL && GTK_IS_BUTTON (child))
    gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
on_leaflet_folded_cb (CrmKbView *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), folded);
  /* Folded, the list takes the whole width. */
  gtk_widget_set_hexpand (self->list_pane, folded);
}

/* --- Saving --- */

typedef struct
{
  CrmKbView  *self;
  CrmKbDraft *draft;   /* what is being saved */
  gboolean    created;
} SaveData;

static void
save_data_free (SaveData *d)
{
  g_object_unref (d->self);
  crm_kb_draft_free (d->draft);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SaveData) d = user_data;
  CrmKbView *self = d->self;
  g_autoptr(CrmKbUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean created = d->created;
  gint64 id = 0;

  if (created)
    id = crm_kb_create_finish (CRM_STORE (object), result, &undo, &error);
  else if (crm_kb_update_finish (CRM_STORE (object), result, &undo, &error))
    id = crm_kb_undo_get_article_id (undo);

  if (id == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->pending = PENDING_NONE;
      /* Translators: %s says why */
      message = g_strdup_printf (_("The article was not saved: %s"), error->message);
      _crm_kb_view_toast (self, message);
      return;
    }

  if (self->editing && (self->article_id == id || (created && self->article_id == 0)))
    {
      /* What was saved is the new reference for "unsaved changes". */
      g_clear_pointer (&self->loaded_draft, crm_kb_draft_free);
      self->loaded_draft = g_steal_pointer (&d->draft);
      if (created)
        {
          self->article_id = id;
          self->select_after_reload = id;
        }
      update_actions (self);
    }

  {
    g_autofree char *title = g_strstrip (g_strdup (d->draft != NULL ? d->draft->title
                                                                    : self->loaded_draft->title));

    /* Translators: %s is an article's title */
    message = g_strdup_printf (created ? _("Added “%s”") : _("Saved “%s”"), title);
    _crm_kb_view_offer_undo (self, message, undo);
  }
  _crm_kb_view_run_pending (self);
}

gboolean
_crm_kb_view_save (CrmKbView *self)
{
  CrmStore *store = _crm_kb_view_get_store (self);
  g_autoptr(CrmKbDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *d;

  if (store == NULL || !self->editing)
    return FALSE;
  draft = _crm_kb_view_read_draft (self);
  if (!crm_kb_draft_validate (draft, &error))
    {
      self->show_problems = TRUE;
      validate_live (self);
      if (error->code == CRM_KB_ERROR_NO_BODY)
        gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return FALSE;
    }

  self->show_problems = FALSE;
  validate_live (self);
  d = g_new0 (SaveData, 1);
  d->self = g_object_ref (self);
  d->draft = crm_kb_draft_copy (draft);
  d->created = self->article_id == 0;
  if (d->created)
    crm_kb_create_async (store, draft, self->cancellable, on_saved_cb, d);
  else
    crm_kb_update_async (store, self->article_id, draft, self->cancellable, on_saved_cb, d);
  return TRUE;
}

/* --- The list --- */

static gboolean
same_articles (GListModel *a,
               GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmKbHit) x = g_list_model_get_item (a, i);
      g_autoptr(CrmKbHit) y = g_list_model_get_item (b, i);

      if (crm_kb_hit_get_article_id (x) != crm_kb_hit_get_article_id (y))
        return FALSE;
    }
  return TRUE;
}

static void
on_search_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmKbView) self = user_data;
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  hits = crm_kb_search_finish (CRM_STORE (object), result, &error);
  if (hits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not read the articles: %s", error->message);
          self->searching = FALSE;
          self->loaded = TRUE;
          update_list_state (self);
        }
      return;
    }
  self->searching = FALSE;

  n = g_list_model_get_n_items (hits);
  self->syncing = TRUE;
  if (same_articles (G_LIST_MODEL (self->hits), hits))
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CrmKbHit) old = g_list_model_get_item (G_LIST_MODEL (self->hits), i);
          g_autoptr(CrmKbHit) new = g_list_model_get_item (hits, i);

          crm_kb_hit_update (old, new);
        }
    }
  else
    {
      g_autofree gpointer *items = g_new (gpointer, MAX (n, 1));

      for (guint i = 0; i < n; i++)
        items[i] = g_list_model_get_item (hits, i);
      g_list_store_splice (self->hits, 0, g_list_model_get_n_items (G_LIST_MODEL (self->hits)), items, n);
      for (guint i = 0; i < n; i++)
        g_object_unref (items[i]);
    }
  self->syncing = FALSE;
  self->loaded = TRUE;

  if (self->select_after_reload != 0 && position_of (self, self->select_after_reload) != GTK_INVALID_LIST_POSITION)
    {
      guint position = position_of (self, self->select_after_reload);

      self->select_after_reload = 0;
      self->syncing = TRUE;
      gtk_single_selection_set_selected (self->selection, position);
      self->syncing = FALSE;
      if (self->article == NULL)
        {
          g_autoptr(CrmKbHit) hit = g_list_model_get_item (G_LIST_MODEL (self->hits), position);

          /* The article just added: the editor now edits the stored one. */
          set_article (self, crm_kb_hit_get_article (hit));
          update_details (self);
          load_stats (self);
        }
    }
  else
    _crm_kb_view_reselect (self);

  /* The article in the editor was deleted elsewhere. */
  if (self->article != NULL && crm_record_get_trashed (CRM_RECORD (self->article)))
    show_nothing (self);

  update_list_state (self);
  update_actions (self);
}

static void
reload (CrmKbView *self)
{
  CrmStore *store = _crm_kb_view_get_store (self);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (store == NULL)
    return;
  self->search_cancellable = g_cancellable_new ();
  self->searching = TRUE;
  crm_kb_search_async (store, crm_view_get_search_text (CRM_VIEW (self)), language_filter (self),
                       tag_filter (self), CRM_KB_SEARCH_DEFAULT, LIST_LIMIT, self->search_cancellable,
                       on_search_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer data)
{
  CrmKbView *self = data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (CrmKbView *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

static void
on_tags_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrmKbView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = crm_kb_list_tags_finish (CRM_STORE (object), result, &error);
  g_autofree char *current = g_strdup (tag_filter (self));
  guint keep = 0;

  if (tags == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the tags: %s", error->message);
      return;
    }

  self->syncing = TRUE;
  gtk_string_list_splice (self->tags, 1, g_list_model_get_n_items (G_LIST_MODEL (self->tags)) - 1,
                          (const char * const *) tags);
  for (guint i = 0; current != NULL && tags[i] != NULL; i++)
    if (g_str_equal (tags[i], current))
      keep = i + 1;
  gtk_drop_down_set_selected (self->tag_drop_down, keep);
  self->syncing = FALSE;
  /* The chosen tag is no longer used: show everything again. */
  if (current != NULL && keep == 0)
    reload (self);
}

static void
load_tags (CrmKbView *self)
{
  CrmStore *store = _crm_kb_view_get_store (self);

  if (store != NULL)
    crm_kb_list_tags_async (store, language_filter (self), self->cancellable, on_tags_cb,
                            g_object_ref (self));
}

static void
on_articles_changed_cb (CrmKbView *self)
{
  schedule_reload (self);
  load_tags (self);
}

static void
on_resolutions_changed_cb (CrmKbView *self)
{
  schedule_reload (self);
  load_stats (self);
}

static void
on_filter_changed_cb (CrmKbView *self)
{
  if (self->syncing)
    return;
  reload (self);
}

static void
on_language_changed_cb (CrmKbView *self)
{
  if (self->syncing)
    return;
  load_tags (self);
  reload (self);
}

static void
on_search_text_cb (CrmKbView *self)
{
  schedule_reload (self);
}

/* --- Undo toasts --- */

static void
on_toast_undo_cb (AdwToast  *toast,
                  CrmKbView *self)
{
  _crm_kb_view_undo_last (self);
}

void
_crm_kb_view_offer_undo (CrmKbView  *self,
                         const char *message,
                         CrmKbUndo  *undo)
{
  AdwToast *toast = adw_toast_new (message);

  g_clear_pointer (&self->last_undo, crm_kb_undo_unref);
  g_clear_pointer (&self->last_import, crm_selfservice_import_result_free);
  if (undo != NULL)
    {
      self->last_undo = crm_kb_undo_ref (undo);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_undo_cb), self, 0);
      _crm_kb_view_push_window_undo (self);
    }
  crm_window_toast_for (GTK_WIDGET (self), toast);
}

/* --- Actions --- */

static void
new_article_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  CrmKbView *self = CRM_KB_VIEW (widget);

  self->pending = PENDING_NEW;
  if (_crm_kb_view_is_dirty (self))
    _crm_kb_view_ask_unsaved (self);
  else
    _crm_kb_view_run_pending (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  _crm_kb_view_save (CRM_KB_VIEW (widget));
}

static void
on_deleted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrmKbView) self = user_data;
  g_autoptr(CrmKbUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_object_steal_data (G_OBJECT (self), "deleted-title");
  g_autofree char *message = NULL;

  if (!crm_kb_delete_finish (CRM_STORE (object), result, &undo, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s says why */
          message = g_strdup_printf (_("The article was not deleted: %s"), error->message);
          _crm_kb_view_toast (self, message);
        }
      return;
    }
  /* Translators: %s is an article's title */
  message = g_strdup_printf (_("Deleted “%s”"), title != NULL ? title : "");
  _crm_kb_view_offer_undo (self, message, undo);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  CrmKbView *self = CRM_KB_VIEW (widget);
  CrmStore *store = _crm_kb_view_get_store (self);
  g_autofree char *message = NULL;

  if (!self->editing || store == NULL)
    return;
  if (self->article_id == 0)
    {
      /* A new article never saved: nothing to keep. */
      show_nothing (self);
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
      return;
    }
  g_object_set_data_full (G_OBJECT (self), "deleted-title",
                          g_strdup (gtk_label_get_label (self->article_heading)), g_free);
  crm_kb_delete_async (store, self->article_id, self->cancellable, on_deleted_cb, g_object_ref (self));
  show_nothing (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
record_resolution_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  _crm_kb_view_record_resolution (CRM_KB_VIEW (widget));
}

static void
import_log_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  _crm_kb_view_import_log (CRM_KB_VIEW (widget));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  CrmKbView *self = CRM_KB_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->language_drop_down, 0);
  gtk_drop_down_set_selected (self->tag_drop_down, 0);
  self->syncing = FALSE;
  /* The header's search narrows the list too. */
  if (CRM_IS_WINDOW (root))
    gtk_editable_set_text (crm_window_get_search_entry (CRM_WINDOW (root)), "");
  else
    crm_view_set_search_text (CRM_VIEW (self), "");
  load_tags (self);
  reload (self);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  CrmKbView *self = CRM_KB_VIEW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* --- GObject --- */

static void
crm_kb_view_context_set (CrmView    *view,
                         CrmContext *context)
{
  CrmKbView *self = CRM_KB_VIEW (view);
  CrmStore *store;

  CRM_VIEW_CLASS (crm_kb_view_parent_class)->context_set (view, context);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  g_clear_pointer (&self->last_undo, crm_kb_undo_unref);
  g_clear_pointer (&self->last_import, crm_selfservice_import_result_free);
  show_nothing (self);
  self->counted_id = 0;
  self->select_after_reload = 0;
  self->loaded = FALSE;
  self->searching = FALSE;
  g_list_store_remove_all (self->hits);

  if (context != NULL)
    {
      store = crm_context_get_store (context);
      self->cancellable = g_cancellable_new ();
      g_signal_connect_object (store, "changed::kb_article", G_CALLBACK (on_articles_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::self_service_resolution",
                               G_CALLBACK (on_resolutions_changed_cb), self, G_CONNECT_SWAPPED);
      load_tags (self);
      reload (self);
    }
  update_list_state (self);
  update_actions (self);
}

static void
crm_kb_view_dispose (GObject *object)
{
  CrmKbView *self = CRM_KB_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->count_view_source, g_source_remove);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  set_article (self, NULL);
  g_clear_pointer (&self->loaded_draft, crm_kb_draft_free);
  g_clear_pointer (&self->last_undo, crm_kb_undo_unref);
  g_clear_pointer (&self->last_import, crm_selfservice_import_result_free);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->hits);
  g_clear_object (&self->tags);

  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_KB_VIEW);

  G_OBJECT_CLASS (crm_kb_view_parent_class)->dispose (object);
}

static void
crm_kb_view_finalize (GObject *object)
{
  CrmKbView *self = CRM_KB_VIEW (object);

  g_free (self->none_title);
  g_free (self->none_description);

  G_OBJECT_CLASS (crm_kb_view_parent_class)->finalize (object);
}

static void
crm_kb_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (crm_kb_view_parent_class)->map (widget);

  /* The base set its own (list-less) state on the way. */
  update_list_state (CRM_KB_VIEW (widget));
}

static char *
hit_meta_cb (gpointer    item,
             const char *language,
             gint64      views,
             gint64      resolved)
{
  g_autofree char *views_text = crm_format_count (views);
  g_autofree char *resolved_text = crm_format_count (resolved);
  g_autofree char *views_part = NULL;
  g_autofree char *resolved_part = NULL;
  const char *lang = g_strcmp0 (language, "zh-CN") == 0 ? C_("article language", "Chinese")
                                                       : C_("article language", "English");

  /* Translators: %s is a number of times an article was read */
  views_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s view", "%s views", views), views_text);
  /* Translators: %s is a number of customer requests an article resolved without a ticket */
  resolved_part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s resolved", "%s resolved", resolved),
                                   resolved_text);
  /* Translators: an article row's last line: its language, views and resolved requests,
   * e.g. "English · 1,020 views · 10 resolved" */
  return g_strdup_printf (C_("article row", "%1$s · %2$s · %3$s"), lang, views_part, resolved_part);
}

static gboolean
is_draft_cb (gpointer item,
             gboolean published)
{
  return !published;
}

static void
crm_kb_view_class_init (CrmKbViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmViewClass *view_class = CRM_VIEW_CLASS (klass);

  object_class->dispose = crm_kb_view_dispose;
  object_class->finalize = crm_kb_view_finalize;
  widget_class->map = crm_kb_view_map;
  view_class->context_set = crm_kb_view_context_set;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rapportcrm/Rapport/ui/crm-kb-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, language_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, tag_drop_down);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, more_button);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, article_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, article_heading);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, article_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, none_page);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, editor_scroll);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, stats_box);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, views_label);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, views_caption);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, resolved_label);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, resolved_caption);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, title_row);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, tags_row);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, language_row);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, published_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, body_view);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CrmKbView, updated_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);

  gtk_widget_class_install_action (widget_class, "kb.new-article", NULL, new_article_action);
  gtk_widget_class_install_action (widget_class, "kb.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "kb.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "kb.record-resolution", NULL, record_resolution_action);
  gtk_widget_class_install_action (widget_class, "kb.import-log", NULL, import_log_action);
  gtk_widget_class_install_action (widget_class, "kb.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "kb.show-list", NULL, show_list_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "kb.new-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "kb.save", NULL);
  /* As on the record pages. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "kb.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "kb.save", NULL);

  g_type_ensure (CRM_TYPE_KB_HIT);
  g_type_ensure (CRM_TYPE_KB_ARTICLE);
}

static void
crm_kb_view_init (CrmKbView *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  const char *all_tags[] = { _("All Tags"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->none_title = g_strdup (adw_status_page_get_title (self->none_page));
  self->none_description = g_strdup (adw_status_page_get_description (self->none_page));

  self->hits = g_list_store_new (CRM_TYPE_KB_HIT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->hits)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (on_selected_cb), self,
                           G_CONNECT_SWAPPED);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
    g_signal_connect_object (click, "pressed", G_CALLBACK (on_list_pressed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));
  }

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "hit_meta", G_CALLBACK (hit_meta_cb),
                                           "is_draft", G_CALLBACK (is_draft_cb),
                                           NULL);
  factory = gtk_builder_list_item_factory_new_from_resource (scope, "/io/github/rapportcrm/Rapport/ui/crm-kb-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);

  self->tags = gtk_string_list_new (all_tags);
  gtk_drop_down_set_model (self->tag_drop_down, G_LIST_MODEL (self->tags));
  gtk_drop_down_set_expression (self->tag_drop_down,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  g_signal_connect_object (self->language_drop_down, "notify::selected",
                           G_CALLBACK (on_language_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tag_drop_down, "notify::selected", G_CALLBACK (on_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::search-text", G_CALLBACK (on_search_text_cb), self,
                           G_CONNECT_SWAPPED);

  /* The numbers are read, not visited: Tab goes from the list to the fields. */
  for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_first_child (self->stats_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  name_inner_button (GTK_WIDGET (self->language_drop_down), _("Language"));
  name_inner_button (GTK_WIDGET (self->tag_drop_down), _("Tag"));
  on_leaflet_folded_cb (self);
  show_nothing (self);
  update_list_state (self);
}

/**
 * crm_kb_view_new:
 * @context: (nullable): the context
 *
 * Returns: (transfer floating): a new knowledge base view
 */
GtkWidget *
crm_kb_view_new (CrmContext *context)
{
  return g_object_new (CRM_TYPE_KB_VIEW, "context", context, NULL);
}

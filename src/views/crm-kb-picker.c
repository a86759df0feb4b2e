/* crm-kb-picker.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The composer's article picker: a search entry and a language choice over
 * the published knowledge-base articles, the most read first.  The search is
 * the knowledge base's own (crm_kb_search_async(): every word in the title,
 * tags or text, Chinese too, or "KB-<id>"), in the store's worker; a newer
 * search drops the results of an older one.  Enter picks the first article,
 * Down moves into the list.
 */

#define G_LOG_DOMAIN "CrmKbPicker"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-kb-picker.h"
#include "crm-kb.h"
#include "crm-kb-article.h"
#include "crm-kb-hit.h"
#include "crm-record.h"
#include "crm-store.h"

/* The articles shown for a search. */
#define SHOW_LIMIT 50

struct _CrmKbPicker
{
  GtkPopover    parent_instance;

  CrmStore     *store;
  GCancellable *cancellable;
  GListStore   *results;
  char         *text;
  guint         serial;
  gboolean      searching;

  /* template widgets */
  GtkSearchEntry *search_entry;
  GtkDropDown    *language_dropdown;
  GtkStack       *stack;
  GtkListBox     *list;
};

enum {
  ARTICLE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmKbPicker, crm_kb_picker, GTK_TYPE_POPOVER)

/* Positions of the language drop-down. */
static const char * const languages[] = { "", "en", "zh-CN" };

static GtkWidget *
new_row (CrmKbHit *hit)
{
  CrmKbArticle *article = crm_kb_hit_get_article (hit);
  const char *snippet = crm_kb_hit_get_snippet (hit);
  const char *language = crm_kb_article_get_language (article);
  const char *tags = crm_kb_article_get_tags (article);
  const char *language_name = g_strcmp0 (language, "zh-CN") == 0 ? C_("language", "Chinese")
                              : g_strcmp0 (language, "en") == 0 ? C_("language", "English")
                              : language;
  g_autofree char *subtitle = NULL;
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  if (snippet != NULL && snippet[0] != '\0')
    /* Translators: an article's language and the text around the words
     * searched for, "English · …reset your password from the sign-in page…" */
    subtitle = g_strdup_printf (C_("article subtitle", "%1$s · %2$s"), language_name, snippet);
  else if (tags[0] != '\0')
    /* Translators: an article's language and its tags, "English · account, login" */
    subtitle = g_strdup_printf (C_("article subtitle", "%1$s · %2$s"), language_name, tags);
  else
    subtitle = g_strdup (language_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_kb_article_get_title (article));
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_title_lines (row, 2);
  adw_action_row_set_subtitle_lines (row, 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return GTK_WIDGET (row);
}

static void
show_results (CrmKbPicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "results" : "empty");
}

typedef struct
{
  CrmKbPicker *picker;
  guint        serial;
} SearchRequest;

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SearchRequest *request = user_data;
  CrmKbPicker *self = request->picker;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) hits = crm_kb_search_finish (CRM_STORE (object), result, &error);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);

  if (request->serial != self->serial)
    goto out;

  self->searching = FALSE;
  if (hits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CLOSED))
        g_warning ("Could not search the knowledge base: %s", error->message);
      goto out;
    }

  for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
    g_ptr_array_add (kept, g_list_model_get_item (hits, i));
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       kept->pdata, kept->len);
  show_results (self);

out:
  g_object_unref (request->picker);
  g_free (request);
}

static void
run_search (CrmKbPicker *self)
{
  SearchRequest *request;

  if (self->store == NULL)
    return;

  request = g_new0 (SearchRequest, 1);
  request->picker = g_object_ref (self);
  request->serial = ++self->serial;
  self->searching = TRUE;
  /* Customers are pointed to published articles only. */
  crm_kb_search_async (self->store, self->text, crm_kb_picker_get_language (self), NULL,
                       CRM_KB_SEARCH_PUBLISHED_ONLY, SHOW_LIMIT, self->cancellable,
                       on_search_done_cb, request);
}

static void
on_search_changed_cb (CrmKbPicker *self)
{
  g_free (self->text);
  self->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  run_search (self);
}

static void
on_language_changed_cb (CrmKbPicker *self)
{
  run_search (self);
}

static void
on_search_activate_cb (CrmKbPicker *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    crm_kb_picker_choose (self, 0);
}

static void
on_stop_search_cb (CrmKbPicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static gboolean
on_entry_key_pressed_cb (CrmKbPicker           *self,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         GtkEventControllerKey *controller)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  first = gtk_list_box_get_row_at_index (self->list, 0);
  if (first == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_grab_focus (GTK_WIDGET (first));
  return GDK_EVENT_STOP;
}

static void
on_row_activated_cb (CrmKbPicker   *self,
                     GtkListBoxRow *row)
{
  crm_kb_picker_choose (self, (guint) gtk_list_box_row_get_index (row));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return new_row (CRM_KB_HIT (item));
}

static void
crm_kb_picker_show (GtkWidget *widget)
{
  CrmKbPicker *self = CRM_KB_PICKER (widget);

  GTK_WIDGET_CLASS (crm_kb_picker_parent_class)->show (widget);

  /* Fresh results (articles may have been written since) each time. */
  run_search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
crm_kb_picker_dispose (GObject *object)
{
  CrmKbPicker *self = CRM_KB_PICKER (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_KB_PICKER);
  g_clear_object (&self->store);
  g_clear_object (&self->results);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_kb_picker_parent_class)->dispose (object);
}

static void
crm_kb_picker_finalize (GObject *object)
{
  CrmKbPicker *self = CRM_KB_PICKER (object);

  g_free (self->text);

  G_OBJECT_CLASS (crm_kb_picker_parent_class)->finalize (object);
}

static void
crm_kb_picker_class_init (CrmKbPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_kb_picker_dispose;
  object_class->finalize = crm_kb_picker_finalize;
  widget_class->show = crm_kb_picker_show;

  /**
   * CrmKbPicker::article-chosen:
   * @self: the picker
   * @id: the article's id
   * @title: its title
   *
   * Emitted when an article was picked.
   */
  signals[ARTICLE_CHOSEN] =
    g_signal_new ("article-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/crm-kb-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmKbPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmKbPicker, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmKbPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmKbPicker, list);
}

static void
crm_kb_picker_init (CrmKbPicker *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->cancellable = g_cancellable_new ();
  self->results = g_list_store_new (CRM_TYPE_KB_HIT);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->results), create_row_cb, NULL, NULL);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate_cb),
                            self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_stop_search_cb),
                            self);
  g_signal_connect_swapped (self->language_dropdown, "notify::selected",
                            G_CALLBACK (on_language_changed_cb), self);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  show_results (self);
}

CrmKbPicker *
crm_kb_picker_new (void)
{
  return g_object_new (CRM_TYPE_KB_PICKER, NULL);
}

void
crm_kb_picker_set_store (CrmKbPicker *self,
                         CrmStore    *store)
{
  g_return_if_fail (CRM_IS_KB_PICKER (self));
  g_return_if_fail (store == NULL || CRM_IS_STORE (store));

  g_set_object (&self->store, store);
}

void
crm_kb_picker_set_language (CrmKbPicker *self,
                            const char  *language)
{
  g_return_if_fail (CRM_IS_KB_PICKER (self));

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i], language != NULL ? language : "") == 0)
      gtk_drop_down_set_selected (self->language_dropdown, i);
}

const char *
crm_kb_picker_get_language (CrmKbPicker *self)
{
  guint selected;

  g_return_val_if_fail (CRM_IS_KB_PICKER (self), "");

  selected = gtk_drop_down_get_selected (self->language_dropdown);
  return selected < G_N_ELEMENTS (languages) ? languages[selected] : "";
}

void
crm_kb_picker_search (CrmKbPicker *self,
                      const char  *text)
{
  g_return_if_fail (CRM_IS_KB_PICKER (self));

  /* The entry says what was searched; its delayed signal finds the same. */
  g_signal_handlers_block_by_func (self->search_entry, on_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->search_entry, on_search_changed_cb, self);
  on_search_changed_cb (self);
}

GListModel *
crm_kb_picker_get_results (CrmKbPicker *self)
{
  g_return_val_if_fail (CRM_IS_KB_PICKER (self), NULL);

  return G_LIST_MODEL (self->results);
}

gboolean
crm_kb_picker_is_searching (CrmKbPicker *self)
{
  g_return_val_if_fail (CRM_IS_KB_PICKER (self), FALSE);

  return self->searching;
}

void
crm_kb_picker_choose (CrmKbPicker *self,
                      guint        position)
{
  g_autoptr(CrmKbHit) hit = NULL;
  CrmKbArticle *article;

  g_return_if_fail (CRM_IS_KB_PICKER (self));

  hit = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  if (hit == NULL)
    return;

  article = crm_kb_hit_get_article (hit);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[ARTICLE_CHOSEN], 0, crm_record_get_id (CRM_RECORD (article)),
                 crm_kb_article_get_title (article));
}

char *
crm_kb_picker_format_reference (gint64      id,
                                const char *title)
{
  /* Not translated: the knowledge base's own reference ("KB-<id>", which
   * its search and the self-service import read back) reads the same in
   * every language. */
  g_autofree char *reference = crm_kb_format_reference (id);

  return g_strdup_printf ("%s: %s", reference, title != NULL ? title : "");
}
